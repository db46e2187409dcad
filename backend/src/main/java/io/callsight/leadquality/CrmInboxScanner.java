package io.callsight.leadquality;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.callsight.common.Uploads;
import io.callsight.common.Workbooks;
import io.callsight.sources.SchemaRegistry;

/**
 * The CRM inbox: a folder scanned on a cron (default 01:00 and 13:00). Each CSV (or Excel workbook, .xlsx or
 * .xls: its first sheet, {@link Workbooks}) in it is loaded once
 * (by checksum), as a snapshot of the source named by its sub-folder ({@code inbox/<source>/file.csv};
 * files at the top go to the default source), dated by its file name or else its arrival. A file that
 * fails is recorded with its error and not retried until its content changes. Several instances may scan
 * one shared folder at the same time: the snapshot load takes its source's lock and finds a file loaded
 * meanwhile by its checksum, so each file is loaded once (the other instance counts it as already seen).
 */
@ApplicationScoped
public class CrmInboxScanner {

    private static final Logger LOG = Logger.getLogger(CrmInboxScanner.class);

    @Inject
    CrmConfig config;

    @Inject
    SnapshotIngestService snapshots;

    @Inject
    AgroalDataSource dataSource;

    public record ScanResult(int filesSeen, int loaded, int skipped, int failed) {
    }

    @Scheduled(cron = "{callsight.crm.inbox-cron}", identity = "crm-inbox", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Optional<String> inbox = config.inbox().filter(folder -> !folder.isBlank());
        if (inbox.isPresent()) {
            ScanResult r = scan(Path.of(inbox.get()));
            if (r.filesSeen() > 0) {
                LOG.infof("CRM inbox %s: %d files, %d loaded, %d already seen, %d failed", inbox.get(), r.filesSeen(),
                        r.loaded(), r.skipped(), r.failed());
            }
        }
    }

    public ScanResult scan(Path root) {
        if (!Files.isDirectory(root)) {
            return new ScanResult(0, 0, 0, 0);
        }
        List<Path[]> files = new ArrayList<>(); // {file, source folder or null}
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            for (Path p : top) {
                if (Files.isDirectory(p)) {
                    try (DirectoryStream<Path> sub = Files.newDirectoryStream(p, "*.{csv,CSV,txt,xlsx,XLSX,xls,XLS}")) {
                        for (Path f : sub) {
                            files.add(new Path[] {f, p});
                        }
                    }
                } else if (p.getFileName().toString().toLowerCase().matches(".*\\.(csv|txt|xlsx|xls)")) {
                    files.add(new Path[] {p, null});
                }
            }
        } catch (IOException e) {
            LOG.warnf("Cannot read the CRM inbox %s: %s", root, e.getMessage());
            return new ScanResult(0, 0, 0, 0);
        }
        files.sort((a, b) -> a[0].toString().compareTo(b[0].toString()));
        int loaded = 0;
        int skipped = 0;
        int failed = 0;
        for (Path[] f : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(f[0]);
            } catch (IOException e) {
                failed++;
                continue;
            }
            String checksum = Uploads.checksum(content);
            if (seen(checksum)) {
                skipped++;
                continue;
            }
            String source = f[1] == null ? SchemaRegistry.DEFAULT_SOURCE : f[1].getFileName().toString();
            Long snapshotId = null;
            String error = null;
            try {
                SnapshotResult r = snapshots.ingest(source, null, f[0].getFileName().toString(),
                        Workbooks.isWorkbook(content) ? Workbooks.toCsv(content, null, "The snapshot") : content);
                snapshotId = r.snapshotId();
                if (r.alreadyLoaded()) {
                    skipped++; // another instance scanning the same folder loaded it a moment ago
                } else {
                    loaded++;
                }
            } catch (IOException | RuntimeException e) {
                error = e.getMessage();
                failed++;
                LOG.warnf("CRM inbox file %s refused: %s", f[0], error);
            }
            record(checksum, f[0].getFileName().toString(), snapshotId, error);
        }
        return new ScanResult(files.size(), loaded, skipped, failed);
    }

    private boolean seen(String checksum) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM crm_inbox_file WHERE checksum_sha256 = ?")) {
            ps.setString(1, checksum);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void record(String checksum, String name, Long snapshotId, String error) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO crm_inbox_file (checksum_sha256, file_name, snapshot_id, "
                        + "error) VALUES (?, ?, ?, ?) ON CONFLICT (checksum_sha256) DO NOTHING")) {
            ps.setString(1, checksum);
            ps.setString(2, name);
            ps.setObject(3, snapshotId);
            ps.setString(4, error);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
