package io.callsight.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.calls.CallIngestService;
import io.callsight.calls.CallSource;
import io.callsight.calls.CsvCallSource;
import io.callsight.calls.JsonCallSource;
import io.callsight.common.StoredText;
import io.callsight.leadquality.SnapshotParsing;
import io.callsight.servicelevels.DelimitedParsing;
import io.callsight.sources.SchemaRegistry;
import io.callsight.common.Fixtures;
import io.callsight.common.ParquetReader;
import io.callsight.leadquality.DeliveredLeadIngestService;
import io.callsight.leadquality.SnapshotIngestService;
import io.callsight.scorecards.AgentKpiIngestService;
import io.callsight.servicelevels.InboundCallIngestService;
import io.callsight.servicelevels.ServiceMetricIngestService;
import io.callsight.testing.TestData;

/**
 * The seven input kinds: their seeds (real rows from testdata/, or the fixtures of the kinds the repository has no
 * real file of), endpoints, count invariants and independent readings of what they stored. Seeds keep their real
 * values but move out of the way of the other tests: identifiers get a per-file tag, dates a far-off year.
 */
final class Kinds {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final CallIngestService calls;
    private final SnapshotIngestService snapshots;
    private final DeliveredLeadIngestService leads;
    private final ServiceMetricIngestService metrics;
    private final InboundCallIngestService inbound;
    private final AgentKpiIngestService kpis;

    Kinds(CallIngestService calls, SnapshotIngestService snapshots, DeliveredLeadIngestService leads,
            ServiceMetricIngestService metrics, InboundCallIngestService inbound, AgentKpiIngestService kpis) {
        this.calls = calls;
        this.snapshots = snapshots;
        this.leads = leads;
        this.metrics = metrics;
        this.inbound = inbound;
        this.kpis = kpis;
    }

    List<FuzzKind> all() {
        return List.of(callFile("calls-csv", false), callFile("calls-json", true), crmSnapshot(), parquetLeads(),
                serviceMetrics(), inboundCalls(), agentKpis());
    }

    // ---- seeds ------------------------------------------------------------------------------------------------

    private static String read(java.nio.file.Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table of every record of a text (the first is the header), each value passed through {@code value}. */
    private static Table table(String text, char sep, Function<String, String> value) {
        List<List<String>> records = SimpleCsv.read(text, sep);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() == records.get(0).size()) { // the real files' rows missing a separator are left out of seeds
                rows.add(r.stream().map(value).toList());
            }
        }
        return new Table(records.get(0), rows);
    }

    /** {@code min} to {@code max} consecutive rows from a random place. */
    private static Table window(Table t, Random rnd, int min, int max) {
        int n = Math.min(t.rows().size(), min + rnd.nextInt(max - min + 1));
        int from = rnd.nextInt(t.rows().size() - n + 1);
        return t.slice(from, from + n);
    }

    // ---- shared oracles ---------------------------------------------------------------------------------------

    /** The lines the answer rejected, or null when it lists fewer than it rejected. */
    private static Set<Integer> rejectedLines(JsonNode r) {
        Set<Integer> lines = new HashSet<>();
        r.path("rejects").forEach(x -> lines.add(x.path("line").asInt()));
        return r.path("rejected").asInt() > r.path("rejects").size() ? null : lines;
    }

    /** The key of every model row the answer did not reject, or null when the rejects are not all listed. */
    private static Set<String> expected(Mutant m, JsonNode r, Function<List<String>, String> key) {
        Set<Integer> rejected = rejectedLines(r);
        if (rejected == null) {
            return null;
        }
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < m.model().rows().size(); i++) {
            if (!rejected.contains(m.lines().get(i))) {
                String k = key.apply(m.model().rows().get(i));
                if (k != null) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }

    /** A column's values by its name; as the services match names, NUL and punctuation do not count. */
    private static Function<List<String>, String> column(Mutant m, String name) {
        int c = index(m, name);
        return row -> c < 0 ? null : row.get(c).strip();
    }

    private static int index(Mutant m, String name) {
        int found = m.model().column(name);
        for (int i = 0; found < 0 && i < m.model().header().size(); i++) {
            if (letters(m.model().header().get(i)).equals(letters(name))) {
                found = i;
            }
        }
        return found;
    }

    private static String letters(String s) {
        return s.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> strings(Connection c, String sql, Object param) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> compare(String what, Set<String> expected, Set<String> stored, int accepted) {
        List<String> problems = new ArrayList<>();
        if (expected == null) {
            return null;
        }
        if (!expected.equals(stored)) {
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(stored);
            Set<String> extra = new TreeSet<>(stored);
            extra.removeAll(expected);
            problems.add(what + ": stored differs from the accepted rows; missing " + cut(missing) + ", unexpected " + cut(extra));
        }
        if (accepted >= 0 && stored.size() != accepted) {
            problems.add(what + ": " + stored.size() + " stored, the answer says " + accepted + " accepted");
        }
        return problems;
    }

    private static String cut(Set<String> s) {
        String t = s.toString();
        return t.length() > 300 ? t.substring(0, 300) + "...]" : t;
    }

    private static String sum(JsonNode r, String total, String... parts) {
        int s = 0;
        for (String p : parts) {
            s += r.path(p).asInt();
        }
        return r.path(total).asInt() == s ? null : total + " " + r.path(total).asInt() + " != " + String.join(" + ", parts)
                + " (" + s + ")";
    }

    private static String fileName(Mutant m, String ext) {
        return "fuzz-" + m.kind() + "-" + m.index() + "." + ext;
    }

    // ---- the kinds --------------------------------------------------------------------------------------------

    /**
     * Call files (no real one in testdata/): the known-answer fixture's rows with their own campaign, advertiser
     * and agent ids and dial times in 2041.
     */
    private static final Table CALLS = table(Fixtures.read("known-answers.csv"), ',',
            v -> v.replace("KA-", "FZ-").replace("2025-06-", "2041-06-"));

    FuzzKind callFile(String name, boolean json) {
        return new FuzzKind() {
            public String name() {
                return name;
            }

            public Table seed(Random rnd) {
                List<List<String>> rows = new ArrayList<>(CALLS.rows());
                java.util.Collections.shuffle(rows, rnd);
                return new Table(CALLS.header(), rows.subList(0, 3 + rnd.nextInt(rows.size() - 2)));
            }

            public List<String> keyColumns() {
                return List.of("Call ID", "Lead ID");
            }

            public Format format(Random rnd, Table seed) {
                return json ? Format.JSON : Format.csv(',', "\n", false);
            }

            public String path() {
                return "/api/ingest/calls";
            }

            public String query(Mutant m) {
                return "source=fuzz&fileName=" + fileName(m, json ? "json" : "csv");
            }

            public Object ingest(Mutant m) throws IOException {
                boolean asJson = m.format().type() == Format.Type.JSON;
                return calls.ingest(new CallIngestService.Request("fuzz", fileName(m, "csv"), m.format().contentType(),
                        ZoneOffset.UTC), new ByteArrayInputStream(m.bytes()), asJson);
            }

            public int read(Mutant m, Connection c) throws IOException {
                var in = new ByteArrayInputStream(m.bytes());
                try (CallSource source = m.format().type() == Format.Type.JSON ? new JsonCallSource(in) : new CsvCallSource(in)) {
                    int rows = 0;
                    while (source.next() != null) {
                        rows++;
                    }
                    return rows;
                }
            }

            public String countProblem(JsonNode r) {
                return sum(r, "rowsRead", "accepted", "rejected", "duplicates");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                Set<String> stored = strings(c, "SELECT call_id FROM call WHERE ingest_batch_id = ?", r.path("batchId").asLong());
                return compare("call ids", expected(m, r, column(m, "Call ID")), stored, r.path("accepted").asInt());
            }
        };
    }

    private static final List<Table> SNAPSHOTS = List.of("data_1.csv", "data_10.csv", "data_11.csv", "data_13.csv",
            "data_16.csv").stream().map(f -> table(read(TestData.file("lead-quality", "crm-snapshots", f)), ',', v -> v))
            .toList();

    FuzzKind crmSnapshot() {
        return new FuzzKind() {
            public String name() {
                return "crm-snapshot";
            }

            public Table seed(Random rnd) {
                Table t = SNAPSHOTS.get(rnd.nextInt(SNAPSHOTS.size()));
                return rnd.nextInt(5) == 0 ? t.slice(0, 5 + rnd.nextInt(20)) : window(t, rnd, 5, 30);
            }

            public List<String> keyColumns() {
                return List.of("LEADNUMBER");
            }

            public Format format(Random rnd, Table seed) {
                return Format.csv(',', "\r\n", false);
            }

            public String path() {
                return "/api/ingest/crm-snapshots";
            }

            private LocalDate day(Mutant m) {
                return LocalDate.of(2050, 1, 1).plusDays(m.index());
            }

            public String query(Mutant m) {
                return "source=fuzz-crm&reportDate=" + day(m) + "&fileName=" + fileName(m, "csv");
            }

            public Object ingest(Mutant m) throws IOException {
                return snapshots.ingest("fuzz-crm", day(m), fileName(m, "csv"), m.bytes());
            }

            public int read(Mutant m, Connection c) throws Exception {
                return SnapshotParsing.rowsRead(SchemaRegistry.load(c, SchemaRegistry.DEFAULT_SOURCE), m.bytes());
            }

            public String countProblem(JsonNode r) {
                return r.path("alreadyLoaded").asBoolean() ? null : sum(r, "rowsRead", "rowsLoaded", "sentinelRows");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                // no rows are rejected: every row that is not all sentinels is stored, values it cannot read as null
                Set<String> stored = strings(c, "SELECT coalesce(l.lead_number, '') FROM lq_report_item i "
                        + "JOIN lq_lead l USING (lq_lead_key) WHERE i.snapshot_id = ?", r.path("snapshotId").asLong());
                Set<String> expected = new TreeSet<>();
                Function<List<String>, String> lead = column(m, "LEADNUMBER");
                for (List<String> row : m.model().rows()) {
                    if (row.stream().anyMatch(v -> !v.isBlank() && !v.strip().equals("-----"))) {
                        String v = lead.apply(row);
                        // a sentinel or a value too long for its index is read as null (an unreadable value)
                        expected.add(v == null || v.equals("-----") || StoredText.tooLong(v) ? "" : v);
                    }
                }
                List<String> problems = compare("lead numbers", expected, stored, -1);
                int items = Integer.parseInt(strings(c, "SELECT count(*) FROM lq_report_item WHERE snapshot_id = ?",
                        r.path("snapshotId").asLong()).iterator().next());
                if (items != r.path("rowsLoaded").asInt()) {
                    problems.add(items + " report items stored, the answer says " + r.path("rowsLoaded").asInt() + " loaded");
                }
                return problems;
            }
        };
    }

    private static final byte[] LEADS_PARQUET;
    private static final Table LEADS;

    static {
        try {
            LEADS_PARQUET = Files.readAllBytes(TestData.file("lead-quality", "leads.parquet"));
            ParquetReader reader = new ParquetReader(LEADS_PARQUET);
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> row : reader.rows()) {
                rows.add(reader.columns().stream().map(col -> Objects.toString(row.get(col), "")).toList());
            }
            LEADS = new Table(reader.columns(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FuzzKind parquetLeads() {
        return new FuzzKind() {
            public String name() {
                return "parquet-leads";
            }

            public Table seed(Random rnd) {
                return window(LEADS, rnd, 5, 40);
            }

            /** Whole-file mutants: the real file damaged by bytes, 1 file in 50 (read, not stored: see the test). */
            public byte[] wholeFile(Random rnd) {
                return rnd.nextInt(50) == 0 ? LEADS_PARQUET : null;
            }

            public List<String> keyColumns() {
                return List.of("lead_UUID", "phone_hash", "email_hash");
            }

            /** The lead id gets the tag, the hashes a tag in their first hex digits (they must stay hex). */
            public void tag(Table t, String tag) {
                String hex = String.format("%08x", tag.hashCode());
                int id = t.column("lead_UUID");
                for (List<String> r : t.rows()) {
                    r.set(id, tag + r.get(id));
                    for (String h : List.of("phone_hash", "email_hash")) {
                        int c = t.column(h);
                        if (r.get(c).length() > 8) {
                            r.set(c, hex + r.get(c).substring(8));
                        }
                    }
                }
            }

            public Format format(Random rnd, Table seed) {
                return Format.PARQUET;
            }

            public String path() {
                return "/api/ingest/leads";
            }

            // Delivered to the fuzz CRM source: a lead file without a source would count for every source, other
            // test classes' funnels included.
            public String query(Mutant m) {
                return "source=fuzz-crm&fileName=" + fileName(m, m.format().type() == Format.Type.PARQUET ? "parquet" : "csv");
            }

            public Object ingest(Mutant m) throws IOException {
                return leads.ingest(m.bytes(), fileName(m, "parquet"), "fuzz-crm");
            }

            public int read(Mutant m, Connection c) throws IOException {
                boolean parquet = m.bytes().length >= 4 && new String(m.bytes(), 0, 4, StandardCharsets.ISO_8859_1).equals("PAR1");
                return parquet ? new ParquetReader(m.bytes()).rows().size() : DelimitedParsing.rowsRead(m.bytes(), "The lead file");
            }

            public String countProblem(JsonNode r) {
                return sum(r, "rowsRead", "inserted", "updated", "unchanged", "rejected");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                Function<List<String>, String> id = column(m, "lead_UUID");
                Function<List<String>, String> email = column(m, "email_hash");
                Function<List<String>, String> phone = column(m, "phone_hash");
                Set<String> expected = expected(m, r, row -> id.apply(row) + " " + email.apply(row).toLowerCase()
                        + " " + phone.apply(row).toLowerCase());
                Set<String> stored = strings(c, "SELECT lead_id || ' ' || coalesce(email_hash, '') || ' ' || "
                        + "coalesce(phone_hash, '') FROM lead WHERE starts_with(lead_id, ?)", m.tag());
                return compare("leads", expected, stored,
                        r.path("inserted").asInt() + r.path("updated").asInt() + r.path("unchanged").asInt());
            }
        };
    }

    /** 3-1-1 metric files, moved a century on (2019 is 2119) so that they meet no other test's periods. */
    private static final List<Table> METRICS = List.of(
            table(read(TestData.file("service-metrics", "vancouver-311-2019-2020.csv")), ';', v -> v.replaceFirst("^20(\\d\\d-)", "21$1")),
            table(read(TestData.file("service-metrics", "sf311-monthly-2007-2017.csv")), ',', v -> v.replaceFirst("^(\\d\\d/\\d\\d/)20", "$121")));
    private static final String SF_EOL = read(TestData.file("service-metrics", "sf311-monthly-2007-2017.csv"))
            .contains("\r\n") ? "\r\n" : "\n";
    private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern US = Pattern.compile("^(\\d{2})/(\\d{2})/(\\d{4})");

    FuzzKind serviceMetrics() {
        return new FuzzKind() {
            public String name() {
                return "service-metrics";
            }

            public Table seed(Random rnd) {
                return window(METRICS.get(rnd.nextInt(2)), rnd, 5, 40);
            }

            public List<String> keyColumns() {
                return List.of("Date", "Month");
            }

            public void tag(Table t, String tag) {
                // periods are the key: nothing to tag
            }

            public Format format(Random rnd, Table seed) {
                // each file as published: Vancouver with a BOM, ';' and CRLF; San Francisco ','
                return seed.column("Date") >= 0 ? Format.csv(';', "\r\n", true) : Format.csv(',', SF_EOL, false);
            }

            public String path() {
                return "/api/ingest/service-metrics";
            }

            public String query(Mutant m) {
                return "fileName=" + fileName(m, "csv");
            }

            public Object ingest(Mutant m) throws IOException {
                return metrics.ingest(null, fileName(m, "csv"), m.bytes());
            }

            public String countProblem(JsonNode r) {
                return sum(r, "rowsRead", "accepted", "rejected", "duplicates");
            }

            public int read(Mutant m, Connection c) throws IOException {
                return DelimitedParsing.rowsRead(m.bytes(), "The metric file");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                Function<List<String>, String> date = column(m, index(m, "Date") >= 0 ? "Date" : "Month");
                boolean monthly = "MONTH".equals(r.path("granularity").asText());
                Set<String> expected = expected(m, r, row -> period(date.apply(row), monthly));
                Set<String> stored = strings(c, "SELECT period_start::text FROM service_metric WHERE batch_id = ?",
                        r.path("batchId").asLong());
                // a period stored before with the same values is a duplicate, not stored again: stored within expected
                List<String> problems = new ArrayList<>();
                if (expected != null && !expected.containsAll(stored)) {
                    Set<String> extra = new TreeSet<>(stored);
                    extra.removeAll(expected);
                    problems.add("periods stored that no accepted row holds: " + cut(extra));
                }
                int rows = Integer.parseInt(strings(c, "SELECT count(*) FROM service_metric WHERE batch_id = ?",
                        r.path("batchId").asLong()).iterator().next());
                if (rows != r.path("accepted").asInt()) {
                    problems.add(rows + " metric rows stored, the answer says " + r.path("accepted").asInt() + " accepted");
                }
                return expected == null ? null : problems;
            }

            public String cleanup() {
                return "DELETE FROM ingest_batch WHERE source LIKE 'service-metrics:%' AND file_name LIKE 'fuzz-%'";
            }
        };
    }

    /** A date as the test reads it (ISO or MM/dd/yyyy), as the day (or the month's first day) it names. */
    private static String period(String v, boolean monthly) {
        if (v == null) {
            return null;
        }
        Matcher iso = ISO.matcher(v);
        Matcher us = US.matcher(v);
        String y;
        String mo;
        String d;
        if (iso.find()) {
            y = iso.group(1);
            mo = iso.group(2);
            d = iso.group(3);
        } else if (us.find()) {
            y = us.group(3);
            mo = us.group(1);
            d = us.group(2);
        } else {
            return null;
        }
        return y + "-" + mo + "-" + (monthly ? "01" : d);
    }

    /** The Anonymous Bank log (its first 3,000 lines), moved from 1999 to 1977. */
    private static final Table INBOUND;

    static {
        String text = read(TestData.file("calls-real", "anonymous-bank-1999-02.tsv"));
        int cut = 0;
        for (int n = 0; n < 3000 && cut >= 0; n++) {
            cut = text.indexOf('\n', cut + 1);
        }
        INBOUND = table(text.substring(0, cut + 1), '\t', v -> v.matches("99\\d{4}") ? "77" + v.substring(2) : v);
    }

    FuzzKind inboundCalls() {
        return new FuzzKind() {
            public String name() {
                return "inbound-calls";
            }

            public Table seed(Random rnd) {
                return window(INBOUND, rnd, 5, 40);
            }

            public List<String> keyColumns() {
                return List.of("call_id");
            }

            public Format format(Random rnd, Table seed) {
                return Format.csv('\t', "\r\n", false);
            }

            public String path() {
                return "/api/ingest/inbound-calls";
            }

            public String query(Mutant m) {
                return "fileName=" + fileName(m, "tsv");
            }

            public Object ingest(Mutant m) throws IOException {
                return inbound.ingest(null, fileName(m, "tsv"), m.bytes());
            }

            public String countProblem(JsonNode r) {
                return sum(r, "rowsRead", "accepted", "rejected", "duplicates");
            }

            public int read(Mutant m, Connection c) throws IOException {
                return DelimitedParsing.rowsRead(m.bytes(), "The call log");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                long batch = r.path("batchId").asLong();
                Set<String> stored = strings(c, "SELECT call_id FROM inbound_call WHERE batch_id = ?", batch);
                // one call id may be stored twice: the unique key is line, call id and entry time
                List<String> problems = compare("call ids", expected(m, r, column(m, "call_id")), stored, -1);
                int rows = Integer.parseInt(strings(c, "SELECT count(*) FROM inbound_call WHERE batch_id = ?", batch)
                        .iterator().next());
                if (problems != null && rows != r.path("accepted").asInt()) {
                    problems.add(rows + " calls stored, the answer says " + r.path("accepted").asInt() + " accepted");
                }
                return problems;
            }

            public String cleanup() {
                return "DELETE FROM ingest_batch WHERE source LIKE 'inbound-calls:%' AND file_name LIKE 'fuzz-%'";
            }
        };
    }

    /** Agent KPIs (no real file in testdata/): the rows of ScorecardsTest's fixture, in 2061. */
    private static final Table KPIS = table("""
            agent_id,agent_name,team,date,adherence,quality_score,csat,fcr,aht,acw,notes
            SC-A1,Ann,Alpha,2061-03-04,95%,90,4.5,0.8,300,60,call me at +1 (555) 123-4567 or jane.doe@example.com
            SC-A1,Ann,Alpha,2061-03-05,0.95,90%,90,80%,5:00,60,
            SC-A2,Bo,Alpha,2061-03-04,0.9,80,,,310,30,
            SC-A3,Cy,Alpha,2061-03-04,0.9,80,,,290,30,
            SC-A4,Di,Alpha,2061-03-04,0.9,80,,,900,30,
            SC-B1,Ed,Beta,2061-03-04,150%,,,,300,,
            SC-A2,Bo,Alpha,2061-03-04,0.5,,,,,,
            """, ',', v -> v);

    FuzzKind agentKpis() {
        return new FuzzKind() {
            public String name() {
                return "agent-kpis";
            }

            public Table seed(Random rnd) {
                return KPIS;
            }

            public List<String> keyColumns() {
                return List.of("agent_id");
            }

            public Format format(Random rnd, Table seed) {
                return rnd.nextBoolean() ? Format.JSON : Format.csv(',', "\n", false);
            }

            public int firstJsonLine() {
                return 1;
            }

            public String path() {
                return "/api/ingest/agent-kpis";
            }

            public String query(Mutant m) {
                return "fileName=" + fileName(m, m.format().type() == Format.Type.JSON ? "json" : "csv");
            }

            public Object ingest(Mutant m) throws IOException {
                return kpis.ingest(m.bytes(), m.format().type() == Format.Type.JSON, fileName(m, "csv"));
            }

            public String countProblem(JsonNode r) {
                return sum(r, "rowsRead", "accepted", "rejected", "duplicates");
            }

            public int read(Mutant m, Connection c) throws IOException {
                if (m.format().type() == Format.Type.JSON) {
                    return JSON_READER.readTree(new String(m.bytes(), StandardCharsets.UTF_8)).size();
                }
                return DelimitedParsing.rowsRead(m.bytes(), "The KPI file");
            }

            public List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException {
                Function<List<String>, String> agent = column(m, "agent_id");
                Function<List<String>, String> day = column(m, "date");
                Set<String> stored = strings(c, "SELECT agent_id || '|' || day FROM agent_kpi_day WHERE batch_id = ?",
                        r.path("batchId").asLong());
                return compare("agent days", expected(m, r, row -> agent.apply(row) + "|" + day.apply(row)), stored,
                        r.path("accepted").asInt());
            }

            public String cleanup() {
                return "DELETE FROM ingest_batch WHERE source = 'agent-kpis' AND file_name LIKE 'fuzz-%'";
            }
        };
    }
}
