package io.callsight.uploads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * The progress rows of uploads (table ingest_progress), each written on a connection of its own in
 * auto-commit, so that it is seen at once by every instance while the upload's own transaction is open.
 * Progress is advice: a write that fails is logged and the upload goes on.
 */
@ApplicationScoped
public class UploadProgressStore {

    private static final Logger LOG = Logger.getLogger(UploadProgressStore.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    /** What an upload has done so far; phase PROCESSING, DONE or FAILED (then {@code error}). */
    public record Report(String uploadId, String kind, String phase, long rowsRead, String error,
            OffsetDateTime startedAt, OffsetDateTime updatedAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    static boolean validId(String uploadId) {
        return ID.matcher(uploadId).matches();
    }

    /** A new upload under this id (a repeated id starts over); progress rows older than a day are dropped. */
    void started(String uploadId, String kind) {
        write("INSERT INTO ingest_progress (upload_id, kind, phase) VALUES (?, ?, 'PROCESSING') "
                + "ON CONFLICT (upload_id) DO UPDATE SET kind = EXCLUDED.kind, phase = 'PROCESSING', rows_read = 0, "
                + "error = NULL, started_at = now(), updated_at = now()", uploadId, kind);
        write("DELETE FROM ingest_progress WHERE updated_at < now() - interval '1 day'");
    }

    void processing(String uploadId, long rows) {
        write("UPDATE ingest_progress SET rows_read = ?::integer, updated_at = now() WHERE upload_id = ?", rows, uploadId);
    }

    void finished(String uploadId, long rows, String error) {
        write("UPDATE ingest_progress SET rows_read = ?::integer, phase = ?, error = ?, updated_at = now() "
                + "WHERE upload_id = ?", rows, error == null ? "DONE" : "FAILED", error, uploadId);
    }

    /** The upload's progress, if it is known. */
    public Optional<Report> find(String uploadId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT upload_id, kind, phase, rows_read, error, started_at, "
                        + "updated_at FROM ingest_progress WHERE upload_id = ?")) {
            ps.setString(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the progress of upload " + uploadId, e);
        }
    }

    private void write(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Upload progress not recorded (%s): %s", sql.substring(0, Math.min(30, sql.length())), e.getMessage());
        }
    }
}
