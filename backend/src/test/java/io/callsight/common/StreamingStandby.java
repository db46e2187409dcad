package io.callsight.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A primary PostgreSQL and a real streaming standby of it, for the replica tests, with the embedded
 * server's own binaries (17; they carry no pg_basebackup, and Debian's pg_basebackup 15 cannot back up a 17
 * server). The standby is made as pg_basebackup makes one, through PostgreSQL's low-level base backup API
 * on a live primary: a physical replication slot keeps the WAL from the backup's start, {@code
 * pg_backup_start}, a copy of the data directory (without the WAL and the files PostgreSQL documents as
 * omitted), {@code pg_backup_stop}, whose label becomes the copy's {@code backup_label}; then {@code
 * standby.signal} and {@code primary_conninfo} start the copy as a hot standby that streams from the slot.
 */
public final class StreamingStandby implements AutoCloseable {

    private static final String SLOT = "callsight_it_standby";
    /** Contents left out of a base backup (the directories themselves are kept). */
    private static final Set<String> EMPTY_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    /** Files left out: the server's own, and the embedded library's lock file. */
    private static final Set<String> SKIP_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "standby.signal", "recovery.signal");

    private final EmbeddedPostgres primary;
    private EmbeddedPostgres standby;
    private final Path standbyDir;
    private final Path log;

    private StreamingStandby(EmbeddedPostgres primary, Path standbyDir, Path log) {
        this.primary = primary;
        this.standbyDir = standbyDir;
        this.log = log;
    }

    /** Starts a fresh primary under {@code dir}/primary and a streaming standby of it under {@code dir}/standby. */
    public static StreamingStandby start(Path dir) throws IOException, SQLException {
        Path log = dir.resolve("postgres.log");
        EmbeddedPostgres primary = server(dir.resolve("primary"), true, log).start();
        StreamingStandby pair = new StreamingStandby(primary, dir.resolve("standby"), log);
        try {
            pair.baseBackup(dir.resolve("primary"));
            pair.startStandby();
        } catch (IOException | SQLException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    private static EmbeddedPostgres.Builder server(Path dataDir, boolean clean, Path log) {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(clean)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("shared_buffers", "32MB").setServerConfig("max_connections", "60")
                .setServerConfig("wal_level", "replica").setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4").setServerConfig("hot_standby", "on")
                // a report query on the standby is not cancelled by the replay of a vacuum on the primary
                .setServerConfig("hot_standby_feedback", "on")
                .setServerConfig("wal_receiver_status_interval", "1s")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
    }

    private void baseBackup(Path primaryDir) throws IOException, SQLException {
        try (Connection c = primaryJdbc(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            st.execute("SELECT pg_backup_start('callsight-replica-it', true)");
            copy(primaryDir, standbyDir);
            try (ResultSet rs = st.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(standbyDir.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
                String spcmap = rs.getString(2);
                if (spcmap != null && !spcmap.isEmpty()) {
                    Files.writeString(standbyDir.resolve("tablespace_map"), spcmap, StandardCharsets.UTF_8);
                }
            }
        }
        Files.writeString(standbyDir.resolve("standby.signal"), "", StandardCharsets.UTF_8);
    }

    /** Copies a live data directory file by file (files may change or vanish meanwhile: WAL replay mends that). */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                Path rel = from.relativize(dir);
                if (rel.getNameCount() == 1 && EMPTY_DIRS.contains(rel.toString())) {
                    if (rel.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                        Files.createDirectories(target.resolve("summaries"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                if (rel.getNameCount() == 1 && SKIP_FILES.contains(rel.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(rel.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException | DirectoryNotEmptyException gone) {
                    // dropped by the server during the copy (a temporary file, a vacuumed relation's fork)
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private void startStandby() throws IOException {
        // in the file: the embedded library passes settings through pg_ctl -o, which splits values at spaces
        Files.writeString(standbyDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                + primary.getPort() + " user=postgres application_name=callsight_it_standby'\nprimary_slot_name = '"
                + SLOT + "'\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        standby = server(standbyDir, false, log).start();
    }

    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primary.getPort() + "/postgres";
    }

    public String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standby.getPort() + "/postgres";
    }

    public Connection primaryJdbc() throws SQLException {
        return DriverManager.getConnection(primaryUrl(), "postgres", "postgres");
    }

    public Connection standbyJdbc() throws SQLException {
        return DriverManager.getConnection(standbyUrl(), "postgres", "postgres");
    }

    /** Stops the standby (fast shutdown); the primary keeps running. */
    public void stopStandby() throws IOException {
        if (standby != null) {
            standby.close();
            standby = null;
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres s : new EmbeddedPostgres[] {standby, primary}) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    System.out.println("stopping a test server: " + e);
                }
            }
        }
        standby = null;
    }
}
