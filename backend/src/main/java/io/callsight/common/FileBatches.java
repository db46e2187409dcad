package io.callsight.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch and reject bookkeeping shared by the file ingests other than calls (metric files, call logs,
 * agent KPIs): one `ingest_batch` row per file, its rejected rows in `ingest_reject`, and the earlier batch
 * of the same source with the same content, if any.
 */
public final class FileBatches {

    private FileBatches() {
    }

    /** One rejected row: line, the row's key (call id, agent id...), field, value, reason, the row as sent. */
    public record Rejected(int line, String key, String field, String value, String reason, String rawRow) {
    }

    /** Serialises the loads of one kind of file until the transaction ends. */
    public static void lock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, key);
            ps.execute();
        }
    }

    /** The first completed batch of this source with this content, or null. */
    public static Long sameFile(Connection c, String source, String checksum) throws SQLException {
        if (checksum == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT batch_id FROM ingest_batch WHERE source = ? "
                + "AND checksum_sha256 = ? AND status = 'COMPLETED' ORDER BY batch_id LIMIT 1")) {
            ps.setString(1, source);
            ps.setString(2, checksum);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * Opens the batch of one file.
     *
     * @param kind the kind of data (ingest_batch.kind: leads, service-metrics, inbound-calls, agent-kpis, events)
     */
    public static long open(Connection c, String kind, String source, String fileName, String contentType,
            String checksum, List<String> ignoredColumns, Long sameFileAs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_batch (kind, source, file_name, content_type, "
                + "checksum_sha256, ignored_columns, same_file_as_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING batch_id")) {
            ps.setString(1, kind);
            ps.setString(2, source);
            ps.setString(3, fileName);
            ps.setString(4, contentType);
            ps.setString(5, checksum);
            ps.setArray(6, c.createArrayOf("text", ignoredColumns.toArray()));
            ps.setObject(7, sameFileAs, Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static void rejects(Connection c, long batchId, List<Rejected> rejects) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_reject (batch_id, line, call_id, field, value, "
                + "reason, raw_row) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Rejected r : rejects) {
                ps.setLong(1, batchId);
                ps.setInt(2, r.line());
                ps.setString(3, r.key());
                ps.setString(4, r.field());
                ps.setString(5, r.value());
                ps.setString(6, r.reason());
                ps.setString(7, r.rawRow());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keeps what {@link PersonalData} found in the batch (the examples are masked). */
    public static void personalData(Connection c, long batchId, List<PersonalDataFinding> found) throws SQLException {
        if (found.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_personal_data (batch_id, column_name, kind, "
                + "count, examples) VALUES (?, ?, ?, ?, ?)")) {
            for (PersonalDataFinding f : found) {
                ps.setLong(1, batchId);
                ps.setString(2, f.column());
                ps.setString(3, f.kind());
                ps.setInt(4, f.count());
                ps.setArray(5, c.createArrayOf("text", f.examples().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What {@link PersonalData} found in the batch {@code batchId}, by column and kind. */
    public static List<PersonalDataFinding> personalData(Connection c, long batchId) throws SQLException {
        List<PersonalDataFinding> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, kind, count, examples FROM "
                + "ingest_personal_data WHERE batch_id = ? ORDER BY column_name, kind")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new PersonalDataFinding(rs.getString(1), rs.getString(2), rs.getInt(3),
                            Arrays.asList((String[]) rs.getArray(4).getArray())));
                }
            }
        }
        return found;
    }

    public static void complete(Connection c, long batchId, int rowsRead, int accepted, int rejected, int duplicates)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'COMPLETED', rows_read = ?, "
                + "accepted = ?, rejected = ?, duplicates = ?, finished_at = now() WHERE batch_id = ?")) {
            ps.setInt(1, rowsRead);
            ps.setInt(2, accepted);
            ps.setInt(3, rejected);
            ps.setInt(4, duplicates);
            ps.setLong(5, batchId);
            ps.executeUpdate();
        }
    }

    /** A row that cannot be stored: the field, its value and the reason; cheap (no stack trace). */
    public static final class RowRejected extends RuntimeException {
        private final String field;
        private final String value;

        public RowRejected(String field, String value, String reason) {
            super(reason, null, false, false);
            this.field = field;
            this.value = value;
        }

        public String field() {
            return field;
        }

        public String value() {
            return value;
        }
    }
}
