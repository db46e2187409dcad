package io.callsight.common;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;

/**
 * A real PostgreSQL for the test run: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} when
 * set, else an embedded one on a fresh data directory under target/.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres server;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return Map.of();
        }
        try {
            // one directory per test JVM: parallel runs (and a killed earlier run) never share a cluster
            dataDir = Path.of("target", "test-postgres", Long.toString(ProcessHandle.current().pid()));
            server = EmbeddedPostgres.start(dataDir, true);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for tests", e);
        }
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            try {
                EmbeddedPostgres.deleteRecursively(dataDir);
            } catch (IOException ignored) {
                // left for `mvn clean`
            }
        }
    }
}
