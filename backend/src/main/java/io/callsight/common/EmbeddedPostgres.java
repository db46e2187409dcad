package io.callsight.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run next to the application when no database is configured
 * ({@code make run} on a fresh machine, and tests). Data lives in a persistent directory; a server
 * orphaned by a killed previous run is stopped before this one starts, so a crash never blocks the
 * next start.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

    /** Server settings tuned for an analytics workload on a small machine. */
    private static final Map<String, String> SERVER_CONFIG = Map.ofEntries(
            Map.entry("shared_buffers", "256MB"),
            Map.entry("work_mem", "64MB"),
            Map.entry("temp_buffers", "512MB"),
            Map.entry("maintenance_work_mem", "256MB"),
            Map.entry("max_parallel_workers_per_gather", "2"),
            Map.entry("jit", "off"),
            Map.entry("max_connections", "100"),
            Map.entry("max_wal_size", "2GB"),
            Map.entry("checkpoint_timeout", "15min"),
            Map.entry("wal_compression", "on"),
            Map.entry("random_page_cost", "1.1"), // local SSD-backed storage
            Map.entry("effective_cache_size", "4GB"),
            // the embedded library turns these off for throwaway test clusters; this one keeps data
            Map.entry("fsync", "on"),
            Map.entry("synchronous_commit", "on"));

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code dataDirectory} (created when missing, kept when present).
     *
     * @param clean wipe the directory first (tests)
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean clean) throws IOException {
        return start(dataDirectory, clean, 0);
    }

    /**
     * Starts a server on {@code dataDirectory} on {@code port} (0: any free one): a server stopped and
     * started again on the same port is the same database to its clients (the crash drills).
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean clean, int port) throws IOException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        if (clean && Files.exists(dir)) {
            deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        stopOrphanedServer(dir);
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        SERVER_CONFIG.forEach(builder::setServerConfig);
        var server = builder.start();
        LOG.infof("Embedded PostgreSQL started on port %d with data in %s", server.getPort(), dir);
        return new EmbeddedPostgres(server, dir);
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            server.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A previous run killed with SIGKILL leaves its postgres server running (it is a separate
     * process) and its postmaster.pid in place. Stop that server; drop a pid file whose process is
     * gone or is not a postgres server (a reused pid), which postgres itself would refuse.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().isAlive() && isPostgres(pid)) {
            LOG.warnf("Stopping PostgreSQL server (pid %d) left running by a previous run", pid);
            ProcessHandle handle = process.get();
            handle.destroy(); // SIGTERM: smart shutdown; its clients died with the old JVM
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception timeout) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    throw new IOException("Could not stop the orphaned PostgreSQL server, pid " + pid);
                }
            }
        }
        if (Files.exists(pidFile) && (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false
                || !isPostgres(pid))) {
            Files.deleteIfExists(pidFile);
        }
    }

    private static boolean isPostgres(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
