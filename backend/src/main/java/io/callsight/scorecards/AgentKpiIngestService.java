package io.callsight.scorecards;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.callsight.common.BadInputException;
import io.callsight.common.IngestCounts;
import io.callsight.common.MeteredIngest;
import io.callsight.common.TextCharsets;
import io.callsight.common.CsvReader;
import io.callsight.common.FileBatches;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.StoredText;
import io.callsight.common.Transactions;
import io.callsight.sources.SchemaColumn;

/**
 * Agent KPIs per agent per day from JSON (an array of objects) or CSV: adherence, quality score, CSAT,
 * FCR, AHT, ACW, team, notes. Percentages may be `92%`, `92` or `0.92`; CSAT on a 1-5 scale becomes 0-100
 * (x 20); times are seconds or m:ss / h:mm:ss. Notes, names and teams are masked for e-mail addresses, phone
 * numbers and card numbers before storage ({@link PersonalData}; found per column, kept with the batch). A row with a bad value is rejected with its reason; an agent and day already stored with the same
 * values is a duplicate, with other values it is restated (the newest file wins).
 */
@ApplicationScoped
public class AgentKpiIngestService {

    static final int MAX_INLINE_REJECTS = 100;
    /** Longer notes are refused: masking scans them with patterns whose cost grows faster than their length. */
    static final int MAX_NOTES = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FIELDS = new HashMap<>();

    static {
        for (String s : List.of("agentid", "agent", "agentcode", "employeeid")) {
            FIELDS.put(s, "agent_id");
        }
        for (String s : List.of("agentname", "name", "employee")) {
            FIELDS.put(s, "agent_name");
        }
        FIELDS.put("team", "team");
        for (String s : List.of("date", "day", "workdate")) {
            FIELDS.put(s, "day");
        }
        for (String s : List.of("adherence", "scheduleadherence", "adherencepct")) {
            FIELDS.put(s, "adherence");
        }
        for (String s : List.of("qualityscore", "quality", "qa", "qascore")) {
            FIELDS.put(s, "quality_score");
        }
        for (String s : List.of("csat", "customersatisfaction", "csatscore")) {
            FIELDS.put(s, "csat");
        }
        for (String s : List.of("fcr", "firstcallresolution", "fcrpct")) {
            FIELDS.put(s, "fcr");
        }
        for (String s : List.of("aht", "ahtseconds", "averagehandletime", "handletime")) {
            FIELDS.put(s, "aht_s");
        }
        for (String s : List.of("acw", "acwseconds", "aftercallwork", "wrapup")) {
            FIELDS.put(s, "acw_s");
        }
        for (String s : List.of("notes", "note", "comments", "comment", "remarks")) {
            FIELDS.put(s, "notes");
        }
    }

    @Inject
    Transactions transactions;

    /** The region phone numbers without {@code +} are read in, for the personal data scan. */
    @ConfigProperty(name = "callsight.crm.default-phone-region", defaultValue = "US")
    String phoneRegion;

    public record Reject(int line, String agentId, String field, String value, String reason) {
    }

    public record Result(long batchId, int rowsRead, int accepted, int restated, int rejected, int duplicates,
            List<String> unknownColumns, int maskedPhoneNumbers, int maskedEmailAddresses, List<Reject> rejects,
            List<PersonalDataFinding> personalData) implements IngestCounts {

        @Override
        public int rowsStored() {
            return accepted + restated;
        }

        @Override
        public int rowsRejected() {
            return rejected;
        }
    }

    record Kpi(int line, String agentId, LocalDate day, String name, String team, Double adherence, Double quality, Double csat,
            Double fcr, Double aht, Double acw, String notes) {
    }

    /** The file's records, each a map from field to value, with the line (CSV) or position (JSON) it came from. */
    private record Records(List<Map<String, String>> rows, List<Integer> lines, List<String> unknown) {

        Records() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(Map<String, String> row, int line) {
            rows.add(row);
            lines.add(line);
        }
    }

    @MeteredIngest("agent-kpis")
    public Result ingest(byte[] content, boolean json, String fileName) throws IOException {
        String text = TextCharsets.decode(content, StandardCharsets.UTF_8, "The KPI file");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Records records = json || text.stripLeading().startsWith("[") ? fromJson(text) : fromCsv(text);
        if (!records.unknown().isEmpty() && records.rows().stream().noneMatch(r -> r.containsKey("agent_id"))) {
            throw new BadInputException("No agent id column (agent_id, agent or employee_id); columns not understood: "
                    + records.unknown());
        }
        PersonalData.Scan masker = new PersonalData.Scan(phoneRegion);
        List<Reject> rejects = new ArrayList<>();
        Collection<Kpi> kpis = read(records, masker, rejects);
        try {
            return transactions.inTransaction(c -> store(c, fileName, kpis, rejects, records.rows().size(),
                    records.unknown(), masker));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the agent KPIs: " + e.getMessage(), e);
        }
    }

    private static Records fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new BadInputException("Not a JSON array of KPI objects: " + e.getMessage());
        }
        if (!root.isArray()) {
            throw new BadInputException("Agent KPIs in JSON must be an array of objects, one per agent and day");
        }
        Records records = new Records();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            Map<String, String> r = new LinkedHashMap<>();
            var names = n.fieldNames();
            while (names.hasNext()) {
                String k = StoredText.withoutNul(names.next());
                String field = FIELDS.get(SchemaColumn.normalize(k));
                if (field == null) {
                    if (!records.unknown().contains(k)) {
                        records.unknown().add(k);
                    }
                } else {
                    JsonNode v = n.get(k);
                    r.put(field, v == null || v.isNull() ? null : StoredText.withoutNul(v.asText()));
                }
            }
            records.add(r, i);
        }
        return records;
    }

    private static Records fromCsv(String text) throws IOException {
        int newline = text.indexOf('\n');
        String header = (newline < 0 ? text : text.substring(0, newline)).replace("\r", "");
        char sep = header.chars().filter(ch -> ch == ';').count() > header.chars().filter(ch -> ch == ',').count() ? ';'
                : header.indexOf('\t') >= 0 ? '\t' : ',';
        Records records = new Records();
        try (CsvReader csv = new CsvReader(new StringReader(text), sep)) {
            List<String> names = csv.header("The KPI file").fields().stream().map(String::strip).toList();
            List<String> fields = new ArrayList<>();
            for (String n : names) {
                String f = FIELDS.get(SchemaColumn.normalize(n));
                fields.add(f);
                if (f == null) {
                    records.unknown().add(n);
                }
            }
            CsvReader.Row row;
            while ((row = csv.next()) != null) {
                Map<String, String> r = new LinkedHashMap<>();
                for (int i = 0; i < names.size() && i < row.fields().size(); i++) {
                    if (fields.get(i) != null) {
                        r.put(fields.get(i), row.fields().get(i));
                    }
                }
                if (row.fields().size() != names.size()) {
                    r.put("__bad_count", row.fields().size() + "/" + names.size());
                }
                records.add(r, row.line());
            }
        }
        return records;
    }

    /** The KPIs of the readable records, one per agent and day (the first); the others into {@code rejects}. */
    private static Collection<Kpi> read(Records records, PersonalData.Scan masker, List<Reject> rejects) {
        Map<String, Kpi> byKey = new LinkedHashMap<>();
        for (int i = 0; i < records.rows().size(); i++) {
            Map<String, String> r = records.rows().get(i);
            int line = records.lines().get(i);
            try {
                Kpi k = read(line, r, masker);
                Kpi first = byKey.putIfAbsent(k.agentId() + "|" + k.day(), k);
                if (first != null) {
                    throw new FileBatches.RowRejected("day", String.valueOf(k.day()), "duplicate agent and day in this file: first on line " + first.line());
                }
            } catch (FileBatches.RowRejected e) {
                rejects.add(new Reject(line, r.get("agent_id"), e.field(), e.value(), e.getMessage()));
            }
        }
        return byKey.values();
    }

    private static Result store(Connection c, String fileName, Collection<Kpi> kpis, List<Reject> rejects, int rowsRead,
            List<String> unknown, PersonalData.Scan masker) throws SQLException {
        long batchId = FileBatches.open(c, "agent-kpis", "agent-kpis", fileName, null, null, unknown, null);
        int inserted = 0;
        int restated = 0;
        int duplicates = 0;
        try (PreparedStatement find = c.prepareStatement("SELECT agent_name IS NOT DISTINCT FROM ? AND team IS NOT DISTINCT FROM ? "
                + "AND adherence IS NOT DISTINCT FROM ? AND quality_score IS NOT DISTINCT FROM ? AND csat IS NOT DISTINCT FROM ? "
                + "AND fcr IS NOT DISTINCT FROM ? AND aht_s IS NOT DISTINCT FROM ? AND acw_s IS NOT DISTINCT FROM ? "
                + "AND notes IS NOT DISTINCT FROM ? FROM agent_kpi_day WHERE agent_id = ? AND day = ?");
                PreparedStatement upsert = c.prepareStatement("INSERT INTO agent_kpi_day (agent_name, team, adherence, quality_score, "
                        + "csat, fcr, aht_s, acw_s, notes, agent_id, day, batch_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (agent_id, day) DO UPDATE SET agent_name = EXCLUDED.agent_name, team = EXCLUDED.team, "
                        + "adherence = EXCLUDED.adherence, quality_score = EXCLUDED.quality_score, csat = EXCLUDED.csat, "
                        + "fcr = EXCLUDED.fcr, aht_s = EXCLUDED.aht_s, acw_s = EXCLUDED.acw_s, notes = EXCLUDED.notes, "
                        + "batch_id = EXCLUDED.batch_id, line = EXCLUDED.line")) {
            for (Kpi k : kpis) {
                bind(find, k);
                Boolean same = null;
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        same = rs.getBoolean(1);
                    }
                }
                if (Boolean.TRUE.equals(same)) {
                    duplicates++;
                    continue;
                }
                bind(upsert, k);
                upsert.setLong(12, batchId);
                upsert.setInt(13, k.line());
                upsert.executeUpdate();
                if (same == null) {
                    inserted++;
                } else {
                    restated++;
                }
            }
        }
        FileBatches.rejects(c, batchId, rejects.stream()
                .map(r -> new FileBatches.Rejected(r.line(), r.agentId(), r.field(), r.value(), r.reason(), null)).toList());
        FileBatches.complete(c, batchId, rowsRead, inserted + restated, rejects.size(), duplicates);
        rejects.sort(Comparator.comparingInt(Reject::line));
        FileBatches.personalData(c, batchId, masker.findings());
        return new Result(batchId, rowsRead, inserted + restated, restated, rejects.size(), duplicates, unknown,
                count(masker, PersonalData.PHONE), count(masker, PersonalData.EMAIL),
                rejects.stream().limit(MAX_INLINE_REJECTS).toList(), masker.findings());
    }

    private static int count(PersonalData.Scan scan, String kind) {
        return scan.findings().stream().filter(f -> f.kind().equals(kind)).mapToInt(PersonalDataFinding::count).sum();
    }

    private static void bind(PreparedStatement ps, Kpi k) throws SQLException {
        ps.setString(1, k.name());
        ps.setString(2, k.team());
        ps.setObject(3, k.adherence(), Types.DOUBLE);
        ps.setObject(4, k.quality(), Types.DOUBLE);
        ps.setObject(5, k.csat(), Types.DOUBLE);
        ps.setObject(6, k.fcr(), Types.DOUBLE);
        ps.setObject(7, k.aht(), Types.DOUBLE);
        ps.setObject(8, k.acw(), Types.DOUBLE);
        ps.setString(9, k.notes());
        ps.setString(10, k.agentId());
        ps.setDate(11, Date.valueOf(k.day()));
    }

    static Kpi read(int line, Map<String, String> r, PersonalData.Scan masker) {
        if (r.containsKey("__bad_count")) {
            throw new FileBatches.RowRejected("(row)", null, "the row has " + r.get("__bad_count").replace("/", " fields, the header ")
                    + " (a separator missing or extra)");
        }
        String agent = blank(r.get("agent_id"));
        if (agent == null) {
            throw new FileBatches.RowRejected("agent_id", r.get("agent_id"), "missing agent id");
        }
        if (StoredText.tooLong(agent)) {
            throw new FileBatches.RowRejected("agent_id", agent.substring(0, 40) + "...", StoredText.TOO_LONG);
        }
        String dayText = blank(r.get("day"));
        if (dayText == null) {
            throw new FileBatches.RowRejected("day", null, "missing date");
        }
        LocalDate day = date(dayText);
        String notes = blank(r.get("notes"));
        if (notes != null && notes.length() <= MAX_NOTES) {
            notes = masker.scan("notes", notes);
        }
        if (notes != null && notes.length() > MAX_NOTES) {
            throw new FileBatches.RowRejected("notes", notes.substring(0, 40) + "...", "longer than " + MAX_NOTES
                    + " characters (" + notes.length() + ")");
        }
        return new Kpi(line, agent, day, masker.scan("agent_name", blank(r.get("agent_name"))),
                masker.scan("team", blank(r.get("team"))),
                share("adherence", r.get("adherence")), score("quality_score", r.get("quality_score"), false),
                score("csat", r.get("csat"), true), share("fcr", r.get("fcr")), seconds("aht_s", r.get("aht_s")),
                seconds("acw_s", r.get("acw_s")), notes);
    }

    private static LocalDate date(String s) {
        for (String p : List.of("yyyy-MM-dd", "MM/dd/yyyy", "dd.MM.yyyy")) {
            try {
                return LocalDate.parse(s, DateTimeFormatter.ofPattern(p, Locale.US));
            } catch (DateTimeParseException e) {
                // next
            }
        }
        throw new FileBatches.RowRejected("day", s, "not a date (YYYY-MM-DD or MM/DD/YYYY)");
    }

    /** A share 0-1 from `92%`, `92` or `0.92`. */
    static Double share(String field, String raw) {
        Double v = number(field, raw);
        if (v == null) {
            return null;
        }
        double s = raw.strip().endsWith("%") || v > 1 ? v / 100 : v;
        if (s < 0 || s > 1) {
            throw new FileBatches.RowRejected(field, raw, "outside 0-100%");
        }
        return s;
    }

    /** A score 0-100; a share (<= 1) is scaled up; CSAT on a 1-5 scale becomes x 20. */
    static Double score(String field, String raw, boolean fivePoint) {
        Double v = number(field, raw);
        if (v == null) {
            return null;
        }
        double s = raw.strip().endsWith("%") ? v : v <= 1 ? v * 100 : fivePoint && v <= 5 ? v * 20 : v;
        if (s < 0 || s > 100) {
            throw new FileBatches.RowRejected(field, raw, "outside 0-100");
        }
        return s;
    }

    static Double seconds(String field, String raw) {
        String s = blank(raw);
        if (s == null) {
            return null;
        }
        if (s.contains(":")) {
            String[] p = s.split(":");
            double total = 0;
            try {
                for (String part : p) {
                    total = total * 60 + Double.parseDouble(part);
                }
            } catch (NumberFormatException e) {
                throw new FileBatches.RowRejected(field, raw, "not a duration (seconds, m:ss or h:mm:ss)");
            }
            if (!Double.isFinite(total) || total < 0 || p.length == 0) { // "-5:00", "1:-70", "5:NaN", ":"
                throw new FileBatches.RowRejected(field, raw, "not a duration (seconds, m:ss or h:mm:ss)");
            }
            return total;
        }
        Double v = number(field, raw);
        if (v < 0) {
            throw new FileBatches.RowRejected(field, raw, "negative duration");
        }
        return v;
    }

    private static Double number(String field, String raw) {
        String s = blank(raw);
        if (s == null) {
            return null;
        }
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        double v;
        try {
            v = Double.parseDouble(s.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new FileBatches.RowRejected(field, raw, "not a number");
        }
        if (!Double.isFinite(v)) { // NaN and Infinity parse, but are no KPI (and NaN passes every range check here)
            throw new FileBatches.RowRejected(field, raw, "not a number");
        }
        return v;
    }

    private static String blank(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
