package io.callsight.common;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL for the test run: the server named by {@code QUARKUS_DATASOURCE_JDBC_URL} when
 * set, else an embedded one on a fresh data directory under target/.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return Map.of();
        }
        try {
            server = EmbeddedPostgres.start(Path.of("target", "test-postgres"), true);
        } catch (java.io.IOException e) {
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
        }
    }
}
