package io.callsight.common;

import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Without a configured database ({@code QUARKUS_DATASOURCE_JDBC_URL} or the system
 * property {@code quarkus.datasource.jdbc.url}) it starts an embedded PostgreSQL under
 * {@code ${CALLSIGHT_DATA_DIR:-.data}/postgres} and points the datasource at it; the server is
 * stopped when the application stops (Ctrl-C, SIGTERM).
 */
@QuarkusMain
public final class CallsightMain {

    /** Set when this process runs its own embedded server; read by the demo-data bootstrap. */
    public static final String EMBEDDED_FLAG = "callsight.embedded-database";

    private CallsightMain() {
    }

    public static void main(String... args) throws Exception {
        EmbeddedPostgres embedded = null;
        if (!databaseConfigured()) {
            String dataDir = System.getenv().getOrDefault("CALLSIGHT_DATA_DIR", ".data");
            embedded = EmbeddedPostgres.start(Path.of(dataDir, "postgres"), false);
            System.setProperty("quarkus.datasource.jdbc.url", embedded.jdbcUrl());
            System.setProperty("quarkus.datasource.username", embedded.username());
            System.setProperty("quarkus.datasource.password", "postgres");
            System.setProperty(EMBEDDED_FLAG, "true");
            EmbeddedPostgres server = embedded;
            // Runs after Quarkus' own shutdown (which closes the pool) when the JVM is signalled.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }

    static boolean databaseConfigured() {
        String env = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        String prop = System.getProperty("quarkus.datasource.jdbc.url");
        return (env != null && !env.isBlank()) || (prop != null && !prop.isBlank());
    }
}
