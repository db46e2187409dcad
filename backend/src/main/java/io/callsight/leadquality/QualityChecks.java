package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;

/**
 * The data-quality checks of one snapshot, stored with it. Each has a count, a severity and up to five
 * examples (the offending rows with their line, or the differences found). Drift and distribution
 * shift compare with the source's previous snapshot by report date.
 */
@ApplicationScoped
public class QualityChecks {

    static final int EXAMPLES = 5;
    static final String PERSONAL_DATA = "personal_data";
    static final String RAW_CONTACTS = "raw_contacts_in_hash_columns";
    private static final Map<String, String> KINDS = Map.of(PersonalData.EMAIL, "E-mail addresses",
            PersonalData.PHONE, "Phone numbers", PersonalData.CARD, "Payment-card numbers (Luhn-valid)");
    /** A value's share moving by this much (absolute) between consecutive snapshots is a shift. */
    static final double SHIFT = 0.10;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The categorical columns whose value shares are compared, with the SQL giving each row's value. */
    private static final Map<String, String> SHIFT_COLUMNS = new LinkedHashMap<>();

    static {
        SHIFT_COLUMNS.put("Set", "CASE WHEN ri.is_set THEN 'true' WHEN NOT ri.is_set THEN 'false' END");
        SHIFT_COLUMNS.put("Demo", "CASE WHEN ri.is_demo THEN 'true' WHEN NOT ri.is_demo THEN 'false' END");
        SHIFT_COLUMNS.put("Dispo", "st.dispo");
        SHIFT_COLUMNS.put("Job Status", "st.job_status");
        SHIFT_COLUMNS.put("STATE", "p.state");
    }

    /** A check listing rows: its name, severity, description and the query (snapshot id as its parameter). */
    private record RowCheck(String name, String severity, String description, String sql) {
    }

    private static final List<RowCheck> ROW_CHECKS = List.of(
        new RowCheck("duplicate_leads", "ERROR",
                "The same hash pair under different lead numbers (one person entered twice)",
                "SELECT min(ri.line), 'email ' || left(l.email_hash, 10) || '… phone ' || left(l.phone_hash, 10) "
                        + "|| '… under lead numbers ' || string_agg(DISTINCT l.lead_number, ', ') "
                        + "FROM lq_report_item ri JOIN lq_lead l USING (lq_lead_key) WHERE ri.snapshot_id = ? "
                        + "AND l.email_hash IS NOT NULL AND l.phone_hash IS NOT NULL "
                        + "GROUP BY l.email_hash, l.phone_hash HAVING count(DISTINCT l.lead_number) > 1 ORDER BY 1"),
        new RowCheck("lead_number_with_several_hash_pairs", "WARNING",
                "One lead number with different e-mail or phone hashes",
                "SELECT min(ri.line), 'lead number ' || l.lead_number || ' with ' || count(DISTINCT (l.email_hash, l.phone_hash)) "
                        + "|| ' hash pairs' FROM lq_report_item ri JOIN lq_lead l USING (lq_lead_key) "
                        + "WHERE ri.snapshot_id = ? AND l.lead_number IS NOT NULL GROUP BY l.lead_number "
                        + "HAVING count(DISTINCT (l.email_hash, l.phone_hash)) > 1 ORDER BY 1"),
        new RowCheck("city_in_several_states", "WARNING",
                "A city name found in more than one state (a typo, or two places of one name)",
                "SELECT min(ri.line), initcap(lower(p.city)) || ': ' || string_agg(DISTINCT p.state, ', ') "
                        + "FROM lq_report_item ri JOIN lq_place p USING (place_key) WHERE ri.snapshot_id = ? "
                        + "AND p.city IS NOT NULL AND p.state IS NOT NULL GROUP BY lower(p.city) "
                        + "HAVING count(DISTINCT p.state) > 1 ORDER BY 1"),
        new RowCheck("set_without_appointment_date", "WARNING",
                "Set is true but there is no appointment date",
                "SELECT ri.line, ri.raw_row FROM lq_report_item ri WHERE ri.snapshot_id = ? AND ri.is_set "
                        + "AND ri.appointment_at IS NULL ORDER BY ri.line"),
        new RowCheck("demo_without_set", "ERROR",
                "Demo is true but Set is not: a demo needs an appointment",
                "SELECT ri.line, ri.raw_row FROM lq_report_item ri WHERE ri.snapshot_id = ? AND ri.is_demo "
                        + "AND NOT coalesce(ri.is_set, false) ORDER BY ri.line"),
        new RowCheck("appointment_date_without_set", "WARNING",
                "An appointment date but Set is not true (counted as appointment set by the stage rule)",
                "SELECT ri.line, ri.raw_row FROM lq_report_item ri WHERE ri.snapshot_id = ? "
                        + "AND ri.appointment_at IS NOT NULL AND NOT coalesce(ri.is_set, false) ORDER BY ri.line"),
        new RowCheck("missing_job_status", "INFO",
                "No job status (expected for leads that were not sold)",
                "SELECT ri.line, ri.raw_row FROM lq_report_item ri JOIN lq_status st USING (status_key) "
                        + "WHERE ri.snapshot_id = ? AND st.job_status IS NULL ORDER BY ri.line"),
        new RowCheck("sale_without_job_status", "WARNING",
                "Dispo is Sale but there is no job status",
                "SELECT ri.line, ri.raw_row FROM lq_report_item ri JOIN lq_status st USING (status_key) "
                        + "WHERE ri.snapshot_id = ? AND ri.stage = 3 AND st.job_status IS NULL ORDER BY ri.line"));

    void run(Connection c, long snapshotId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM crm_quality_check WHERE snapshot_id = ? "
                + "AND name NOT LIKE '" + PERSONAL_DATA + "%' AND name <> '" + RAW_CONTACTS + "'")) { // kept: found in the file
            ps.setLong(1, snapshotId);
            ps.executeUpdate();
        }
        List<QualityCheck> found = new ArrayList<>();
        for (RowCheck check : ROW_CHECKS) {
            found.add(rowCheck(c, snapshotId, check.name(), check.severity(), check.description(), check.sql()));
        }
        found.addAll(unreadable(c, snapshotId));
        Snapshot current = snapshot(c, snapshotId);
        found.add(new QualityCheck("sentinel_rows", current.sentinelRows > 0 ? "INFO" : "INFO", current.sentinelRows,
                "Rows made only of sentinel values (e.g. -----): skipped", List.of()));
        found.add(new QualityCheck("unknown_columns", current.unknownColumns.isEmpty() ? "INFO" : "WARNING",
                current.unknownColumns.size(), "Columns the registry does not know: kept as sent, not used",
                current.unknownColumns.stream().limit(EXAMPLES).toList()));
        Snapshot previous = previous(c, current);
        found.add(drift(current, previous));
        found.add(shift(c, current, previous));
        store(c, snapshotId, found);
    }

    /**
     * The checks of the personal data found when the snapshot was read (they last as long as it; {@link #run} keeps
     * them): one per column and kind found in unknown and free-text columns (WARNING: stored masked), and raw e-mails
     * or phone numbers in the hash columns (ERROR: hashed on ingest by the lead rules, masked in the raw rows). Each is
     * INFO with count 0 when nothing was found.
     */
    static void personalData(Connection c, long snapshotId, List<PersonalDataFinding> found,
            List<PersonalDataFinding> rawContacts) throws SQLException {
        List<QualityCheck> checks = new ArrayList<>();
        for (PersonalDataFinding f : found) {
            checks.add(new QualityCheck(PERSONAL_DATA + "." + f.column() + "." + f.kind().toLowerCase(Locale.ROOT),
                    "WARNING", f.count(), KINDS.get(f.kind()) + " in column " + f.column()
                            + " (free text or unknown): stored masked", f.examples()));
        }
        if (found.isEmpty()) {
            checks.add(new QualityCheck(PERSONAL_DATA, "INFO", 0, "E-mail addresses, phone numbers or card numbers in "
                    + "free-text and unknown columns (stored masked)", List.of()));
        }
        int raw = rawContacts.stream().mapToInt(PersonalDataFinding::count).sum();
        List<String> examples = rawContacts.stream()
                .flatMap(f -> f.examples().stream().map(e -> f.column() + ": " + e)).limit(EXAMPLES).toList();
        checks.add(new QualityCheck(RAW_CONTACTS, raw == 0 ? "INFO" : "ERROR", raw, "Raw e-mail addresses or phone "
                + "numbers where their hashes belong: hashed on ingest as a lead file's would be, masked in the rows kept",
                examples));
        store(c, snapshotId, checks);
    }

    private static void store(Connection c, long snapshotId, List<QualityCheck> found) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_quality_check (snapshot_id, name, severity, "
                + "count, description, examples) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (QualityCheck q : found) {
                ps.setLong(1, snapshotId);
                ps.setString(2, q.name());
                ps.setString(3, q.severity());
                ps.setInt(4, q.count());
                ps.setString(5, q.description());
                ps.setArray(6, c.createArrayOf("text", q.examples().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Report lead numbers of the snapshot matching none of our delivered leads (to its source, by its report date).
     * Computed when read, not stored: a lead file arriving later changes the answer.
     */
    static final String NOT_DELIVERED_SQL = "WITH sn AS (SELECT snapshot_id, source_key, report_date FROM crm_snapshot "
            + "WHERE snapshot_id = ?), ours AS (SELECT d.lead_key FROM lq_delivery d WHERE d.source_key = (SELECT source_key FROM sn) "
            + "OR d.source_key IS NULL GROUP BY d.lead_key HAVING bool_or(d.delivered_at IS NULL "
            + "OR (d.delivered_at AT TIME ZONE 'UTC')::date <= (SELECT report_date FROM sn))) "
            + "SELECT min(ri.line), 'lead number ' || coalesce(min(l.lead_number), '(none)') || ' (email ' "
            + "|| coalesce(left(min(l.email_hash), 10) || '…', '-') || ', phone ' || coalesce(left(min(l.phone_hash), 10) || '…', '-') "
            + "|| '): no delivered lead of ours has this hash pair' FROM lq_report_item ri JOIN lq_lead l USING (lq_lead_key) "
            + "LEFT JOIN ours o ON o.lead_key = l.delivered_lead_key WHERE ri.snapshot_id = (SELECT snapshot_id FROM sn) "
            + "GROUP BY ri.lead_identity HAVING NOT bool_or(o.lead_key IS NOT NULL) ORDER BY 1";

    static List<QualityCheck> stored(Connection c, long snapshotId) throws SQLException {
        List<QualityCheck> all = new ArrayList<>();
        all.add(rowCheck(c, snapshotId, "report_leads_not_delivered", "WARNING",
                "Report lead numbers matching none of our delivered leads (by e-mail and phone hash): counted as "
                        + "unmatchedReportLeads, never in the funnel", NOT_DELIVERED_SQL));
        try (PreparedStatement ps = c.prepareStatement("SELECT name, severity, count, description, examples "
                + "FROM crm_quality_check WHERE snapshot_id = ?")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new QualityCheck(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            Arrays.asList((String[]) rs.getArray(5).getArray())));
                }
            }
        }
        all.sort(Comparator.comparingInt(QualityChecks::severityRank)
                .thenComparing(QualityCheck::count, Comparator.reverseOrder()).thenComparing(QualityCheck::name));
        return all;
    }

    private static int severityRank(QualityCheck q) {
        return switch (q.severity()) {
            case "ERROR" -> 0;
            case "WARNING" -> 1;
            default -> 2;
        };
    }

    /** A check whose query lists (line, example) per finding; count = findings, severity INFO when none. */
    private static QualityCheck rowCheck(Connection c, long snapshotId, String name, String severity, String description,
            String sql) throws SQLException {
        int count = 0;
        List<String> examples = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (examples.size() < EXAMPLES) {
                        examples.add("line " + rs.getInt(1) + ": " + rs.getString(2));
                    }
                }
            }
        }
        return new QualityCheck(name, count == 0 ? "INFO" : severity, count, description, examples);
    }

    private static List<QualityCheck> unreadable(Connection c, long snapshotId) throws SQLException {
        Map<String, List<String>> examples = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, line, value, reason FROM crm_value_issue "
                + "WHERE snapshot_id = ? ORDER BY column_name, line")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    counts.merge(column, 1, Integer::sum);
                    List<String> list = examples.computeIfAbsent(column, k -> new ArrayList<>());
                    if (list.size() < EXAMPLES) {
                        list.add("line " + rs.getInt(2) + ": '" + rs.getString(3) + "' " + rs.getString(4));
                    }
                }
            }
        }
        List<QualityCheck> checks = new ArrayList<>();
        examples.forEach((column, list) -> checks.add(new QualityCheck("unreadable_values." + column, "WARNING",
                counts.get(column), "Values of " + column + " that could not be read: stored as null", list)));
        if (checks.isEmpty()) {
            checks.add(new QualityCheck("unreadable_values", "INFO", 0, "Values that could not be read", List.of()));
        }
        return checks;
    }

    private record Snapshot(long id, int sourceKey, LocalDate reportDate, List<String> header,
            Map<String, String> columnMap, Map<String, String> encodings, List<String> unknownColumns, int sentinelRows) {
    }

    private static Snapshot snapshot(Connection c, long snapshotId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, source_key, report_date, header, column_map, "
                + "encodings, unknown_columns, sentinel_rows FROM crm_snapshot WHERE snapshot_id = ?")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Snapshot previous(Connection c, Snapshot current) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, source_key, report_date, header, column_map, "
                + "encodings, unknown_columns, sentinel_rows FROM crm_snapshot WHERE source_key = ? AND report_date < ? "
                + "ORDER BY report_date DESC LIMIT 1")) {
            ps.setInt(1, current.sourceKey);
            ps.setDate(2, Date.valueOf(current.reportDate));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Snapshot read(ResultSet rs) throws SQLException {
        try {
            return new Snapshot(rs.getLong(1), rs.getInt(2), rs.getDate(3).toLocalDate(),
                    Arrays.asList((String[]) rs.getArray(4).getArray()),
                    JSON.readValue(rs.getString(5), new TypeReference<Map<String, String>>() { }),
                    JSON.readValue(rs.getString(6), new TypeReference<Map<String, String>>() { }),
                    Arrays.asList((String[]) rs.getArray(7).getArray()), rs.getInt(8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Unreadable snapshot metadata", e);
        }
    }

    /** Columns added, removed, renamed (same canonical column, other header), re-encoded, or reordered. */
    static QualityCheck drift(Snapshot current, Snapshot previous) {
        String description = "Changes of the file's shape since the previous snapshot";
        if (previous == null) {
            return new QualityCheck("schema_drift", "INFO", 0, description + " (none: first snapshot of this source)", List.of());
        }
        List<String> diffs = new ArrayList<>();
        Map<String, String> prevByCanonical = invert(previous.columnMap);
        Map<String, String> curByCanonical = invert(current.columnMap);
        Set<String> canonical = new TreeSet<>(prevByCanonical.keySet());
        canonical.addAll(curByCanonical.keySet());
        for (String col : canonical) {
            String before = prevByCanonical.get(col);
            String after = curByCanonical.get(col);
            if (before == null) {
                diffs.add("added: " + after + (after.equals(col) ? "" : " (" + col + ")"));
            } else if (after == null) {
                diffs.add("removed: " + before + (before.equals(col) ? "" : " (" + col + ")"));
            } else if (!before.equals(after)) {
                diffs.add("renamed: " + before + " -> " + after);
            }
        }
        for (String u : current.unknownColumns) {
            if (!previous.unknownColumns.contains(u)) {
                diffs.add("added (unknown to the registry): " + u);
            }
        }
        for (String u : previous.unknownColumns) {
            if (!current.unknownColumns.contains(u)) {
                diffs.add("removed (unknown to the registry): " + u);
            }
        }
        for (String col : canonical) {
            String before = previous.encodings.get(col);
            String after = current.encodings.get(col);
            if (before != null && after != null && !before.equals(after)) {
                diffs.add("re-encoded: " + col + " " + before + " -> " + after);
            }
        }
        List<String> beforeOrder = previous.header.stream().map(h -> previous.columnMap.getOrDefault(h, h))
                .filter(curByCanonical::containsKey).toList();
        List<String> afterOrder = current.header.stream().map(h -> current.columnMap.getOrDefault(h, h))
                .filter(prevByCanonical::containsKey).toList();
        if (!beforeOrder.equals(afterOrder)) {
            diffs.add("reordered: " + String.join(",", beforeOrder) + " -> " + String.join(",", afterOrder));
        }
        return new QualityCheck("schema_drift", diffs.isEmpty() ? "INFO" : "WARNING", diffs.size(),
                description + " (" + previous.reportDate + ")", diffs.stream().limit(EXAMPLES * 2).toList());
    }

    private static Map<String, String> invert(Map<String, String> headerToCanonical) {
        Map<String, String> m = new TreeMap<>();
        headerToCanonical.forEach((h, c) -> m.putIfAbsent(c, h));
        return m;
    }

    /** A value's share of rows jumping or collapsing between consecutive snapshots. */
    static QualityCheck shift(Connection c, Snapshot current, Snapshot previous) throws SQLException {
        String description = "Value shares that jumped or collapsed since the previous snapshot (by " + (int) (SHIFT * 100)
                + " points or more)";
        if (previous == null) {
            return new QualityCheck("distribution_shift", "INFO", 0, description + " (none: first snapshot of this source)", List.of());
        }
        List<String> found = new ArrayList<>();
        boolean collapse = false;
        for (var column : SHIFT_COLUMNS.entrySet()) {
            Map<String, Double> before = shares(c, previous.id, column.getValue());
            Map<String, Double> after = shares(c, current.id, column.getValue());
            Set<String> values = new LinkedHashSet<>(before.keySet());
            values.addAll(after.keySet());
            for (String v : values) {
                double b = before.getOrDefault(v, 0.0);
                double a = after.getOrDefault(v, 0.0);
                if (Math.abs(a - b) >= SHIFT) {
                    found.add(String.format(Locale.ROOT, "%s = %s: %.1f%% -> %.1f%%", column.getKey(),
                            v == null ? "(empty)" : v, b * 100, a * 100));
                    if (a == 0.0 || b == 0.0) {
                        collapse = true;
                    }
                }
            }
        }
        return new QualityCheck("distribution_shift", found.isEmpty() ? "INFO" : collapse ? "ERROR" : "WARNING",
                found.size(), description + " (" + previous.reportDate + ")", found.stream().limit(EXAMPLES * 2).toList());
    }

    private static Map<String, Double> shares(Connection c, long snapshotId, String valueSql) throws SQLException {
        Map<String, Double> shares = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT v, count(*)::float8 / sum(count(*)) OVER () FROM ("
                + "SELECT " + valueSql + " AS v FROM lq_report_item ri JOIN lq_place p USING (place_key) "
                + "JOIN lq_status st USING (status_key) WHERE ri.snapshot_id = ?) x GROUP BY v")) {
            ps.setLong(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shares.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return shares;
    }
}
