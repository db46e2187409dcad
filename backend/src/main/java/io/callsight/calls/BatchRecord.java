package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import io.callsight.common.FileBatches;
import io.callsight.common.PersonalDataFinding;

/**
 * The <b>record</b> step of a call batch, on the caller's transaction: keeps the rejects, notes an
 * earlier batch of the same bytes, completes the batch row and returns its result.
 */
final class BatchRecord {

    static final int INLINE_REJECTS = 100;

    /** A batch's row counts: read, accepted when staged, rejected as in-batch repeats, inserted. */
    record Counts(int rowsRead, int okRows, int inBatchDuplicates, int inserted) {

        int rejected() {
            return rowsRead - okRows + inBatchDuplicates;
        }

        /** Accepted rows whose call was stored before this batch. */
        int duplicates() {
            return okRows - inBatchDuplicates - inserted;
        }
    }

    private BatchRecord() {
    }

    /**
     * Records the completed batch {@code batchId}; {@code digest} is the SHA-256 of its bytes (hex), {@code found}
     * the personal data its source found.
     */
    static IngestResult complete(Connection c, long batchId, Counts n, String digest, List<String> ignoredColumns,
            List<PersonalDataFinding> found) throws SQLException {
        keepRejects(c, "stage_call", batchId, n.rejected());
        FileBatches.personalData(c, batchId, found);
        Long sameFileAs = sameFileAs(c, batchId, digest);
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'COMPLETED', "
                + "checksum_sha256 = ?, rows_read = ?, accepted = ?, rejected = ?, duplicates = ?, "
                + "ignored_columns = ?, same_file_as_batch_id = ?, error = NULL, finished_at = now() WHERE batch_id = ?")) {
            ps.setString(1, digest);
            ps.setInt(2, n.rowsRead());
            ps.setInt(3, n.inserted());
            ps.setInt(4, n.rejected());
            ps.setInt(5, n.duplicates());
            ps.setArray(6, c.createArrayOf("text", ignoredColumns.toArray()));
            ps.setObject(7, sameFileAs, Types.BIGINT);
            ps.setLong(8, batchId);
            ps.executeUpdate();
        }
        List<IngestResult.RejectedRow> rejects = n.rejected() > 0 ? firstRejects(c, "stage_call") : List.of();
        return new IngestResult(batchId, "COMPLETED", n.rowsRead(), n.inserted(), n.rejected(), n.duplicates(),
                ignoredColumns, sameFileAs, rejects, found);
    }

    /**
     * Records the batch {@code batchId} as LOADED: its accepted rows are durable in landing table {@code table}
     * and its rejects final (kept here); {@code accepted} is provisional (rows stored before this batch become
     * duplicates when it is completed, {@link #ready}).
     */
    static IngestResult loaded(Connection c, String table, long batchId, Counts n, String digest,
            List<String> ignoredColumns, List<PersonalDataFinding> found) throws SQLException {
        keepRejects(c, table, batchId, n.rejected());
        FileBatches.personalData(c, batchId, found);
        int accepted = n.okRows() - n.inBatchDuplicates();
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'LOADED', "
                + "checksum_sha256 = ?, rows_read = ?, accepted = ?, rejected = ?, duplicates = 0, "
                + "ignored_columns = ?, error = NULL, loaded_at = now() WHERE batch_id = ?")) {
            ps.setString(1, digest);
            ps.setInt(2, n.rowsRead());
            ps.setInt(3, accepted);
            ps.setInt(4, n.rejected());
            ps.setArray(5, c.createArrayOf("text", ignoredColumns.toArray()));
            ps.setLong(6, batchId);
            ps.executeUpdate();
        }
        List<IngestResult.RejectedRow> rejects = n.rejected() > 0 ? firstRejects(c, table) : List.of();
        return new IngestResult(batchId, "LOADED", n.rowsRead(), accepted, n.rejected(), 0, ignoredColumns, null,
                rejects, found);
    }

    /**
     * Records a LOADED batch as READY once its {@code landed} accepted rows went through the steps:
     * {@code inserted} of them were new, the others duplicates of calls stored before.
     */
    static void ready(Connection c, long batchId, int landed, int inserted) throws SQLException {
        String digest = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT checksum_sha256 FROM ingest_batch WHERE batch_id = ?")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    digest = rs.getString(1);
                }
            }
        }
        Long sameFileAs = digest == null ? null : sameFileAs(c, batchId, digest);
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'READY', accepted = ?, "
                + "duplicates = ?, same_file_as_batch_id = ?, error = NULL, finished_at = now() WHERE batch_id = ?")) {
            ps.setInt(1, inserted);
            ps.setInt(2, landed - inserted);
            ps.setObject(3, sameFileAs, Types.BIGINT);
            ps.setLong(4, batchId);
            ps.executeUpdate();
        }
    }

    private static void keepRejects(Connection c, String table, long batchId, int rejected) throws SQLException {
        if (rejected > 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_reject (batch_id, line, call_id, field, "
                    + "value, reason, raw_row) SELECT ?, line, call_id, reject_field, reject_value, reject_reason, "
                    + "raw_row FROM " + table + " WHERE NOT ok ORDER BY line")) {
                ps.setLong(1, batchId);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Corrects an event batch's counts once its journal events reached the fact: {@code storedMeanwhile}
     * of them, counted as accepted when received, had their call stored by a file meanwhile and become
     * duplicates.
     */
    static void eventsStoredMeanwhile(Connection c, long batchId, int storedMeanwhile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET accepted = accepted - ?, "
                + "duplicates = duplicates + ? WHERE batch_id = ?")) {
            ps.setInt(1, storedMeanwhile);
            ps.setInt(2, storedMeanwhile);
            ps.setLong(3, batchId);
            ps.executeUpdate();
        }
    }

    /** The first completed batch with the same checksum, null when none. */
    private static Long sameFileAs(Connection c, long batchId, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min(batch_id) FROM ingest_batch WHERE "
                + "checksum_sha256 = ? AND status IN ('COMPLETED', 'READY') AND batch_id <> ?")) {
            ps.setString(1, digest);
            ps.setLong(2, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static List<IngestResult.RejectedRow> firstRejects(Connection c, String table) throws SQLException {
        List<IngestResult.RejectedRow> rejects = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT line, call_id, reject_field, reject_value, reject_reason "
                        + "FROM " + table + " WHERE NOT ok ORDER BY line LIMIT " + INLINE_REJECTS)) {
            while (rs.next()) {
                rejects.add(new IngestResult.RejectedRow(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)));
            }
        }
        return rejects;
    }
}
