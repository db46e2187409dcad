package io.callsight.leadquality;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.callsight.common.BadInputException;
import io.callsight.common.FileBatches;
import io.callsight.common.MeteredIngest;
import io.callsight.common.NotFoundException;
import io.callsight.common.Transactions;
import io.callsight.common.Uploads;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaRegistry;

/**
 * Loads one CRM report snapshot in one transaction: registry-driven cleaning, the star schema's
 * dimensions and every row into the report-item fact, matching to delivered leads by hash pair, the
 * unreadable values, and the data-quality checks (this snapshot's and its successor's, whose drift
 * and shift checks compare with it). The same file twice changes nothing; a new file for a report date
 * already loaded replaces that snapshot.
 */
@ApplicationScoped
public class SnapshotIngestService {

    private static final Logger LOG = Logger.getLogger(SnapshotIngestService.class);
    private static final Pattern ISO_DATE_IN_NAME = Pattern.compile("(20\\d{2})-?(\\d{2})-?(\\d{2})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Transactions transactions;

    @Inject
    QualityChecks checks;

    @Inject
    CrmConfig crm;

    @MeteredIngest("crm-snapshots")
    public SnapshotResult ingest(String sourceName, LocalDate reportDate, String fileName, byte[] content) throws IOException {
        String source = sourceName == null || sourceName.isBlank() ? SchemaRegistry.DEFAULT_SOURCE : sourceName.strip();
        String checksum = Uploads.checksum(content);
        LocalDate fromName = reportDate == null ? dateFromFileName(fileName) : null;
        String dateFrom = reportDate != null ? "PARAMETER" : fromName != null ? "FILE_NAME" : "ARRIVAL";
        LocalDate date = reportDate != null ? reportDate : fromName != null ? fromName : LocalDate.now(ZoneOffset.UTC);
        try {
            return transactions.inTransaction(c -> load(c, source, date, dateFrom, fileName, checksum, content));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the snapshot: " + e.getMessage(), e);
        }
    }

    /** A date written in the file name (2023-02-06, 20230206), or null. */
    static LocalDate dateFromFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        Matcher m = ISO_DATE_IN_NAME.matcher(fileName);
        while (m.find()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                // not a date: look further
            }
        }
        return null;
    }

    private SnapshotResult load(Connection c, String source, LocalDate reportDate, String dateFrom, String fileName,
            String checksum, byte[] content) throws SQLException, IOException {
        FileBatches.lock(c, "crm-source:" + source);
        int sourceKey = crmReportSource(c, source);
        CrmSource registry = SchemaRegistry.load(c, source);
        Long sameFile = sameFile(c, sourceKey, checksum);
        if (sameFile != null) {
            return describe(c, sameFile, true, null); // the same file again: nothing changes
        }
        SnapshotParser.Parsed parsed = new SnapshotParser(registry, crm.defaultPhoneRegion())
                .parse(new ByteArrayInputStream(content));
        Long replaced = deleteSnapshotOf(c, sourceKey, reportDate);
        if (replaced != null) {
            reopenValidity(c, sourceKey, reportDate);
        }
        long snapshotId = insertSnapshot(c, sourceKey, reportDate, dateFrom, fileName, checksum, parsed);
        stage(c, parsed);
        storeRows(c, snapshotId, sourceKey, reportDate);
        storeIssues(c, snapshotId, parsed.issues());
        LeadMatching.refreshSnapshotFunnels(c, snapshotId);
        checks.run(c, snapshotId);
        QualityChecks.personalData(c, snapshotId, parsed.personalData(), parsed.rawContacts());
        // The next snapshot's drift and shift checks compared with whatever came before this one.
        Long next = querySnapshotId(c, "SELECT snapshot_id FROM crm_snapshot WHERE source_key = ? "
                + "AND report_date > ? ORDER BY report_date LIMIT 1", sourceKey, reportDate);
        if (next != null) {
            checks.run(c, next);
        }
        LOG.infof("CRM snapshot %d (%s, %s): %d rows loaded, %d sentinel, %d unreadable values%s", snapshotId, source,
                reportDate, parsed.rows().size(), parsed.sentinelRows(), parsed.issues().size(),
                replaced == null ? "" : ", replacing snapshot " + replaced);
        return describe(c, snapshotId, false, replaced);
    }

    /** The source's key (the source is created when new); refused when the source is not a CRM report. */
    static int crmReportSource(Connection c, String source) throws SQLException {
        int sourceKey = SchemaRegistry.ensureSource(c, source);
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM crm_source WHERE source_key = ?")) {
            ps.setInt(1, sourceKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !"CRM_REPORT".equals(rs.getString(1))) {
                    throw new BadInputException("Source '" + source + "' is a " + rs.getString(1)
                            + " source, not a CRM report: send its files to /api/ingest/service-metrics");
                }
            }
        }
        return sourceKey;
    }

    private static Long sameFile(Connection c, int sourceKey, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT snapshot_id FROM crm_snapshot WHERE source_key = ? AND checksum_sha256 = ?")) {
            ps.setInt(1, sourceKey);
            ps.setString(2, checksum);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Deletes the source's snapshot of that report date, if any; returns its id. */
    private static Long deleteSnapshotOf(Connection c, int sourceKey, LocalDate reportDate) throws SQLException {
        return querySnapshotId(c, "DELETE FROM crm_snapshot WHERE source_key = ? AND report_date = ? RETURNING snapshot_id",
                sourceKey, reportDate);
    }

    private static Long querySnapshotId(Connection c, String sql, int sourceKey, LocalDate reportDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, sourceKey);
            ps.setDate(2, Date.valueOf(reportDate));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static long insertSnapshot(Connection c, int sourceKey, LocalDate reportDate, String dateFrom, String fileName,
            String checksum, SnapshotParser.Parsed parsed) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_snapshot (source_key, report_date, "
                + "report_date_from, file_name, checksum_sha256, rows_read, rows_loaded, sentinel_rows, header, "
                + "column_map, encodings, unknown_columns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) "
                + "RETURNING snapshot_id")) {
            ps.setInt(1, sourceKey);
            ps.setDate(2, Date.valueOf(reportDate));
            ps.setString(3, dateFrom);
            ps.setString(4, fileName);
            ps.setString(5, checksum);
            ps.setInt(6, parsed.rowsRead());
            ps.setInt(7, parsed.rows().size());
            ps.setInt(8, parsed.sentinelRows());
            ps.setArray(9, c.createArrayOf("text", parsed.header().toArray()));
            ps.setString(10, JSON.writeValueAsString(parsed.columnMap()));
            ps.setString(11, JSON.writeValueAsString(parsed.encodings()));
            ps.setArray(12, c.createArrayOf("text", parsed.unknownColumns().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void stage(Connection c, SnapshotParser.Parsed parsed) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE lq_stage (line integer, lead_identity text, lead_number text, email_hash text, "
                    + "phone_hash text, entry_date date, city text, state text, zip text, appointment_at timestamp, "
                    + "is_set boolean, is_demo boolean, dispo text, job_status text, stage smallint, extra jsonb, "
                    + "raw_row text) ON COMMIT DROP");
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        try (PGCopyOutputStream copy = new PGCopyOutputStream(pg, "COPY lq_stage FROM STDIN (FORMAT csv)");
                Writer w = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder b = new StringBuilder(512);
            for (SnapshotParser.Row r : parsed.rows()) {
                b.setLength(0);
                b.append(r.line()).append(',');
                csv(b, r.identity());
                csv(b, r.leadNumber());
                csv(b, r.emailHash());
                csv(b, r.phoneHash());
                csv(b, r.entryDate() == null ? null : r.entryDate().toString());
                csv(b, r.city());
                csv(b, r.state());
                csv(b, r.zip());
                csv(b, r.appointmentAt() == null ? null : r.appointmentAt().toString());
                csv(b, r.set() == null ? null : r.set().toString());
                csv(b, r.demo() == null ? null : r.demo().toString());
                csv(b, r.dispo());
                csv(b, r.jobStatus());
                b.append(r.stage()).append(',');
                csv(b, r.extra().isEmpty() ? null : JSON.writeValueAsString(r.extra()));
                csv(b, r.raw());
                b.setCharAt(b.length() - 1, '\n');
                w.append(b);
            }
        }
    }

    private static void csv(StringBuilder b, String value) {
        if (value != null) {
            b.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        b.append(',');
    }

    private static void storeRows(Connection c, long snapshotId, int sourceKey, LocalDate reportDate) throws SQLException {
        String day = "DATE '" + reportDate + "'";
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE lq_stage");
            st.execute("INSERT INTO lq_date (date_key, day, year, month, month_start, iso_day_of_week) "
                    + "SELECT to_char(d, 'YYYYMMDD')::int, d, extract(year FROM d), extract(month FROM d), "
                    + "date_trunc('month', d)::date, extract(isodow FROM d) FROM (SELECT DISTINCT entry_date AS d FROM "
                    + "lq_stage WHERE entry_date IS NOT NULL UNION SELECT " + day + ") x "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO lq_place (city, state, zip) SELECT DISTINCT city, state, zip FROM lq_stage "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO lq_status (dispo, job_status) SELECT DISTINCT dispo, job_status FROM lq_stage "
                    + "ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO lq_lead (lead_number, email_hash, phone_hash) SELECT DISTINCT lead_number, "
                    + "email_hash, phone_hash FROM lq_stage ON CONFLICT DO NOTHING");
            // Nullable keys are compared through coalesce so that the joins can hash (IS NOT DISTINCT FROM cannot).
            st.execute("INSERT INTO lq_report_item (snapshot_id, line, source_key, report_date, lq_lead_key, lead_identity, "
                    + "entry_date_key, report_date_key, place_key, status_key, appointment_at, is_set, is_demo, stage, extra, raw_row) "
                    + "SELECT " + snapshotId + ", s.line, " + sourceKey + ", " + day + ", l.lq_lead_key, s.lead_identity, "
                    + "to_char(s.entry_date, 'YYYYMMDD')::int, " + reportDate.toString().replace("-", "") + ", "
                    + "p.place_key, st.status_key, s.appointment_at, s.is_set, s.is_demo, s.stage, s.extra, s.raw_row "
                    + "FROM lq_stage s "
                    + "JOIN lq_lead l ON coalesce(l.lead_number, '\u0001') = coalesce(s.lead_number, '\u0001') "
                    + " AND coalesce(l.email_hash, '\u0001') = coalesce(s.email_hash, '\u0001') "
                    + " AND coalesce(l.phone_hash, '\u0001') = coalesce(s.phone_hash, '\u0001') "
                    + "JOIN lq_place p ON coalesce(p.city, '\u0001') = coalesce(s.city, '\u0001') "
                    + " AND coalesce(p.state, '\u0001') = coalesce(s.state, '\u0001') AND coalesce(p.zip, '\u0001') = coalesce(s.zip, '\u0001') "
                    + "JOIN lq_status st ON coalesce(st.dispo, '\u0001') = coalesce(s.dispo, '\u0001') "
                    + " AND coalesce(st.job_status, '\u0001') = coalesce(s.job_status, '\u0001')");
            // Validity: the same leads' rows in earlier snapshots stop being their latest on this day ...
            st.execute("UPDATE lq_report_item o SET valid_to = " + day + " FROM (SELECT DISTINCT lead_identity FROM lq_stage) n "
                    + "WHERE o.source_key = " + sourceKey + " AND o.lead_identity = n.lead_identity AND o.report_date < " + day
                    + " AND (o.valid_to IS NULL OR o.valid_to > " + day + ")");
            // ... and this snapshot's rows stop where a later snapshot (loaded before it) lists the lead again.
            st.execute("UPDATE lq_report_item r SET valid_to = nx.next_date FROM (SELECT o.lead_identity, min(o.report_date) "
                    + "AS next_date FROM lq_report_item o JOIN (SELECT DISTINCT lead_identity FROM lq_stage) n "
                    + "ON o.lead_identity = n.lead_identity WHERE o.source_key = " + sourceKey + " AND o.report_date > " + day
                    + " GROUP BY o.lead_identity) nx WHERE r.snapshot_id = " + snapshotId + " AND r.lead_identity = nx.lead_identity");
        }
        LeadMatching.matchReportLeads(c);
    }

    /** After a snapshot of that day was deleted: rows whose validity ended on it run to the lead's next row again. */
    private static void reopenValidity(Connection c, int sourceKey, LocalDate reportDate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lq_report_item r SET valid_to = (SELECT min(o.report_date) "
                + "FROM lq_report_item o WHERE o.source_key = r.source_key AND o.lead_identity = r.lead_identity "
                + "AND o.report_date > r.report_date) WHERE r.source_key = ? AND r.valid_to = ?")) {
            ps.setInt(1, sourceKey);
            ps.setDate(2, Date.valueOf(reportDate));
            ps.executeUpdate();
        }
    }

    private static void storeIssues(Connection c, long snapshotId, List<SnapshotParser.ValueIssue> issues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO crm_value_issue (snapshot_id, line, column_name, value, reason) VALUES (?, ?, ?, ?, ?)")) {
            for (SnapshotParser.ValueIssue i : issues) {
                ps.setLong(1, snapshotId);
                ps.setInt(2, i.line());
                ps.setString(3, i.column());
                ps.setString(4, i.value());
                ps.setString(5, i.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static SnapshotResult describe(Connection c, long snapshotId, boolean alreadyLoaded, Long replaced) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.name, sn.report_date, sn.report_date_from, sn.file_name, "
                + "sn.rows_read, sn.rows_loaded, sn.sentinel_rows, sn.unknown_columns, "
                + "(SELECT count(*) FROM crm_value_issue i WHERE i.snapshot_id = sn.snapshot_id) "
                + "FROM crm_snapshot sn JOIN crm_source s USING (source_key) WHERE sn.snapshot_id = ?")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No CRM snapshot " + snapshotId);
                }
                return new SnapshotResult(snapshotId, rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                        rs.getInt(9), List.of((String[]) rs.getArray(8).getArray()), alreadyLoaded, replaced,
                        QualityChecks.stored(c, snapshotId));
            }
        }
    }
}
