package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL leaves its PostgreSQL server running with its postmaster.pid; the next
 * start must stop that orphan and come up on the same data, keeping what was stored.
 */
class EmbeddedPostgresRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledRunDoesNotBlockTheNextStart() throws Exception {
        Path dataDir = tmp.resolve("pg");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedServerMaker.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // skip the server's log
            }
            assertThat(line).as("child started a server").isNotNull();
            port = Integer.parseInt(line.substring(6).trim());
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                "postgres")) {
            c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path pidFile = dataDir.resolve("postmaster.pid");
        assertThat(pidFile).exists();
        long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("orphaned server still runs").contains(true);

        try (EmbeddedPostgres server = EmbeddedPostgres.start(dataDir, false);
                Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).as("orphan stopped").isFalse();
    }
}
