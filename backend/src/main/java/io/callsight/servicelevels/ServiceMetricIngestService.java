package io.callsight.servicelevels;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.callsight.common.BadInputException;
import io.callsight.common.CsvReader;
import io.callsight.common.FileBatches;
import io.callsight.common.MeteredIngest;
import io.callsight.common.Transactions;
import io.callsight.common.Uploads;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaColumn;
import io.callsight.sources.SchemaRegistry;

/**
 * Daily or monthly queue-metric files (3-1-1 exports and the like) through their source definition in
 * the schema registry: the source named by ?source= or recognised from the header; BOM, `;` or `,`,
 * CRLF and any row order; `43.7%` strings; blanks read as unknown. A row with an unreadable or impossible
 * value is rejected with its line, field and reason, the rest land (one transaction per file, batches and
 * rejects as for calls). The same file again changes nothing; a period listed again with other values is
 * kept, both versions flagged as a conflict, the first one chosen until a user chooses.
 */
@ApplicationScoped
public class ServiceMetricIngestService {

    private static final Logger LOG = Logger.getLogger(ServiceMetricIngestService.class);

    @Inject
    Transactions transactions;

    /** The region phone numbers without {@code +} are read in, for the personal data scan. */
    @ConfigProperty(name = "callsight.crm.default-phone-region", defaultValue = "US")
    String phoneRegion;

    record Definition(CrmSource registry, String granularity, String queue, Double serviceLevelWithin) {
    }

    record Metric(int line, LocalDate period, Long offered, Long handled, Long abandoned, Double asa, Double serviceLevel,
            Double transferred) {

        boolean sameValues(Metric o) {
            return Objects.equals(offered, o.offered) && Objects.equals(handled, o.handled)
                    && Objects.equals(abandoned, o.abandoned) && close(asa, o.asa) && close(serviceLevel, o.serviceLevel)
                    && close(transferred, o.transferred);
        }

        private static boolean close(Double a, Double b) {
            return a == null ? b == null : b != null && Math.abs(a - b) < 1e-9;
        }
    }

    @MeteredIngest("service-metrics")
    public MetricIngestResult ingest(String sourceName, String fileName, byte[] content) throws IOException {
        DelimitedText text = DelimitedText.of(content, "The metric file");
        String checksum = Uploads.checksum(content);
        try {
            return transactions.inTransaction(c -> load(c, sourceName, fileName, checksum, text));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the metric file: " + e.getMessage(), e);
        }
    }

    private MetricIngestResult load(Connection c, String sourceName, String fileName, String checksum,
            DelimitedText text) throws SQLException, IOException {
        FileBatches.lock(c, "service-metrics");
        List<Definition> definitions = definitions(c);
        try (CsvReader csv = new CsvReader(new StringReader(text.text()), text.separator())) {
            List<String> header = csv.header("The metric file").fields().stream().map(String::strip).toList();
            Definition def = choose(definitions, sourceName, header);
            Map<Integer, SchemaColumn> columns = new HashMap<>();
            List<String> unknown = mapColumns(def.registry(), header, columns);
            String batchSource = "service-metrics:" + def.registry().name();
            Long sameFile = FileBatches.sameFile(c, batchSource, checksum);
            long batchId = FileBatches.open(c, "service-metrics", batchSource, fileName, "text/csv", checksum, unknown, sameFile);
            int queueKey = queue(c, def.queue());
            RejectedRows rejects = new RejectedRows(text.separator(), header, RejectedRows.scanned(header, unknown,
                    textColumns(header, columns)), phoneRegion);
            List<Metric> accepted = new ArrayList<>();
            int rowsRead = rejects.readAll(csv, row -> accepted.add(read(def, columns, header.size(), row)));
            MetricWriter written = new MetricWriter(def, queueKey, batchId);
            written.store(c, accepted, storedVersions(c, queueKey, def.granularity()));
            rejects.store(c, batchId);
            int stored = accepted.size() - written.duplicates;
            FileBatches.complete(c, batchId, rowsRead, stored, rejects.size(), written.duplicates);
            LOG.infof("Service metrics batch %d (%s): %d rows, %d stored, %d rejected, %d duplicates, %d conflicts",
                    batchId, def.registry().name(), rowsRead, stored, rejects.size(), written.duplicates,
                    written.conflicts.count);
            return new MetricIngestResult(batchId, def.registry().name(), def.queue(), def.granularity(),
                    rowsRead, stored, rejects.size(), written.duplicates, written.conflicts.count, sameFile, unknown,
                    List.of(written.inconsistent.check(), written.conflicts.check(), rejects.check()), rejects.inline(),
                    rejects.personalData());
        }
    }

    /** The header names of free-text ({@code TEXT}) columns. */
    private static List<String> textColumns(List<String> header, Map<Integer, SchemaColumn> columns) {
        List<String> text = new ArrayList<>();
        columns.forEach((i, col) -> {
            if (col.dataType().equals("TEXT")) {
                text.add(header.get(i));
            }
        });
        return text;
    }

    /** Maps header positions to the source's columns; returns the header names no column accepts. */
    private static List<String> mapColumns(CrmSource registry, List<String> header, Map<Integer, SchemaColumn> columns) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Optional<SchemaColumn> match = registry.columns().stream().filter(col -> col.accepts(name)).findFirst();
            if (match.isPresent()) {
                columns.put(i, match.get());
            } else {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** A consistency finding: how often, and the first examples. */
    private static final class Finding {
        private final String name;
        private final List<String> examples = new ArrayList<>();
        private int count;

        Finding(String name) {
            this.name = name;
        }

        void add(String example) {
            count++;
            if (examples.size() < 5) {
                examples.add(example);
            }
        }

        MetricCheck check() {
            return new MetricCheck(name, count, examples);
        }
    }

    /**
     * Stores a file's metrics next to the versions already stored: the same values again are duplicates, other
     * values for a stored period are a conflict (every version of that period flagged, the first one chosen).
     */
    private static final class MetricWriter {
        private final Definition def;
        private final int queueKey;
        private final long batchId;
        final Finding inconsistent = new Finding("offered_not_handled_plus_abandoned");
        final Finding conflicts = new Finding("conflicting_periods");
        int duplicates;

        MetricWriter(Definition def, int queueKey, long batchId) {
            this.def = def;
            this.queueKey = queueKey;
            this.batchId = batchId;
        }

        void store(Connection c, List<Metric> accepted, Map<LocalDate, List<Metric>> stored) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO service_metric (queue_key, granularity, "
                    + "period_start, offered, handled, abandoned, asa_s, service_level, service_level_within_s, "
                    + "transferred_rate, batch_id, line, chosen, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement flag = c.prepareStatement("UPDATE service_metric SET conflict = true WHERE queue_key = ? "
                            + "AND granularity = ? AND period_start = ?")) {
                for (Metric m : accepted) {
                    if (m.offered() != null && m.handled() != null && m.abandoned() != null
                            && m.offered() != m.handled() + m.abandoned()) {
                        inconsistent.add("line " + m.line() + ": " + m.period() + " offered " + m.offered()
                                + " != handled " + m.handled() + " + abandoned " + m.abandoned());
                    }
                    List<Metric> versions = stored.computeIfAbsent(m.period(), k -> new ArrayList<>());
                    if (versions.stream().anyMatch(v -> v.sameValues(m))) {
                        duplicates++;
                        continue;
                    }
                    boolean conflict = !versions.isEmpty();
                    if (conflict) {
                        conflicts.add("line " + m.line() + ": " + m.period() + " listed again with other values");
                        flag.setInt(1, queueKey);
                        flag.setString(2, def.granularity());
                        flag.setDate(3, Date.valueOf(m.period()));
                        flag.addBatch();
                    }
                    versions.add(m);
                    bind(insert, m, conflict);
                    insert.addBatch();
                }
                insert.executeBatch();
                flag.executeBatch();
            }
        }

        private void bind(PreparedStatement insert, Metric m, boolean conflict) throws SQLException {
            insert.setInt(1, queueKey);
            insert.setString(2, def.granularity());
            insert.setDate(3, Date.valueOf(m.period()));
            insert.setObject(4, m.offered(), Types.INTEGER);
            insert.setObject(5, m.handled(), Types.INTEGER);
            insert.setObject(6, m.abandoned(), Types.INTEGER);
            insert.setObject(7, m.asa(), Types.DOUBLE);
            insert.setObject(8, m.serviceLevel(), Types.DOUBLE);
            insert.setObject(9, m.serviceLevel() == null ? null : def.serviceLevelWithin(), Types.DOUBLE);
            insert.setObject(10, m.transferred(), Types.DOUBLE);
            insert.setLong(11, batchId);
            insert.setInt(12, m.line());
            insert.setBoolean(13, !conflict);
            insert.setBoolean(14, conflict);
        }
    }

    private static Metric read(Definition def, Map<Integer, SchemaColumn> columns, int headerSize, CsvReader.Row row) {
        List<String> f = row.fields();
        if (f.size() != headerSize) {
            throw new FileBatches.RowRejected("(row)", row.raw(','), "the row has " + f.size() + " fields, the header " + headerSize
                    + " (a separator missing or extra)");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            SchemaColumn col = e.getValue();
            String raw = f.get(e.getKey()).strip();
            if (raw.isEmpty() || def.registry().sentinels().contains(raw) || v.containsKey(col.name())) {
                continue;
            }
            v.put(col.name(), value(col, raw));
        }
        LocalDate period = (LocalDate) v.get("period");
        if (period == null) {
            throw new FileBatches.RowRejected("period", null, "no period (a required value)");
        }
        if (def.granularity().equals("MONTH")) {
            period = period.withDayOfMonth(1);
        }
        Double serviceLevel = (Double) v.get("service_level");
        if (serviceLevel != null && (serviceLevel < 0 || serviceLevel > 1)) {
            throw new FileBatches.RowRejected("service_level", String.valueOf(serviceLevel), "service level outside 0-100%");
        }
        Double transferred = (Double) v.get("transferred_rate");
        if (transferred != null && (transferred < 0 || transferred > 1)) {
            throw new FileBatches.RowRejected("transferred_rate", String.valueOf(transferred), "share outside 0-100%");
        }
        Double asa = (Double) v.get("asa_seconds");
        if (asa != null && asa < 0) {
            throw new FileBatches.RowRejected("asa_seconds", String.valueOf(asa), "negative answer time");
        }
        return new Metric(row.line(), period, (Long) v.get("offered"), (Long) v.get("handled"), (Long) v.get("abandoned"),
                asa, serviceLevel, transferred);
    }

    static Object value(SchemaColumn col, String raw) {
        switch (col.dataType()) {
            case "INTEGER": {
                String s = raw.replace(" ", "").replace("\u00a0", "");
                if (s.matches("-?\\d{1,3}(,\\d{3})+")) {
                    s = s.replace(",", "");
                }
                if (s.matches("-?\\d+\\.0+")) {
                    s = s.substring(0, s.indexOf('.'));
                }
                long n;
                try {
                    n = Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new FileBatches.RowRejected(col.name(), raw, "not a whole number");
                }
                if (n < 0) {
                    throw new FileBatches.RowRejected(col.name(), raw, "negative count");
                }
                return n;
            }
            case "DECIMAL":
                return decimal(col, raw);
            case "PERCENT": {
                boolean percent = raw.endsWith("%");
                double d = decimal(col, percent ? raw.substring(0, raw.length() - 1).strip() : raw);
                return percent || d > 1 ? d / 100 : d;
            }
            case "DATE":
            case "TIMESTAMP": {
                String s = raw.replaceAll("\\s+", " ");
                for (String pattern : col.formats()) {
                    try {
                        DateTimeFormatter fmt = new DateTimeFormatterBuilder().parseCaseInsensitive()
                                .appendPattern(pattern.replace("yyyy", "uuuu")).toFormatter(Locale.US)
                                .withResolverStyle(ResolverStyle.STRICT);
                        var parsed = fmt.parseBest(s, LocalDateTime::from, LocalDate::from);
                        return parsed instanceof LocalDateTime t ? t.toLocalDate() : parsed;
                    } catch (DateTimeParseException e) {
                        // next format
                    }
                }
                throw new FileBatches.RowRejected(col.name(), raw, "not a date in any of the formats " + String.join(", ", col.formats()));
            }
            default:
                return raw;
        }
    }

    private static double decimal(SchemaColumn col, String raw) {
        String s = raw.indexOf('.') < 0 && raw.matches("-?\\d+,\\d+") ? raw.replace(',', '.') : raw;
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new FileBatches.RowRejected(col.name(), raw, "not a number");
        }
    }

    private static Definition choose(List<Definition> definitions, String sourceName, List<String> header) {
        if (sourceName != null && !sourceName.isBlank()) {
            return definitions.stream().filter(d -> d.registry().name().equals(sourceName.strip())).findFirst()
                    .orElseThrow(() -> new BadInputException("Unknown service-metric source '" + sourceName + "' (known: "
                            + String.join(", ", definitions.stream().map(d -> d.registry().name()).toList()) + ")"));
        }
        Definition best = null;
        int bestScore = 0;
        for (Definition d : definitions) {
            boolean requiredPresent = d.registry().columns().stream().filter(SchemaColumn::required)
                    .allMatch(col -> header.stream().anyMatch(col::accepts));
            int score = (int) header.stream().filter(h -> d.registry().columns().stream().anyMatch(col -> col.accepts(h))).count();
            if (requiredPresent && score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new BadInputException("The header (line 1: " + String.join(",", header) + ") matches no service-metric "
                    + "source; pass ?source= or add the source to the schema registry (known: "
                    + String.join(", ", definitions.stream().map(d -> d.registry().name()).toList()) + ")");
        }
        return best;
    }

    private static List<Definition> definitions(Connection c) throws SQLException {
        List<Definition> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, granularity, coalesce(queue_name, name), "
                + "service_level_within_s FROM crm_source WHERE kind = 'SERVICE_METRICS' AND granularity IS NOT NULL ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Definition(SchemaRegistry.load(c, rs.getString(1)), rs.getString(2), rs.getString(3),
                        (Double) rs.getObject(4)));
            }
        }
        return all;
    }

    static int queue(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue (name) VALUES (?) ON CONFLICT (name) DO UPDATE "
                + "SET name = EXCLUDED.name RETURNING queue_key")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Map<LocalDate, List<Metric>> storedVersions(Connection c, int queueKey, String granularity) throws SQLException {
        Map<LocalDate, List<Metric>> versions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT period_start, offered, handled, abandoned, asa_s, "
                + "service_level, transferred_rate FROM service_metric WHERE queue_key = ? AND granularity = ?")) {
            ps.setInt(1, queueKey);
            ps.setString(2, granularity);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate p = rs.getDate(1).toLocalDate();
                    versions.computeIfAbsent(p, k -> new ArrayList<>()).add(new Metric(0, p, num(rs, 2), num(rs, 3), num(rs, 4),
                            (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7)));
                }
            }
        }
        return versions;
    }

    private static Long num(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).longValue();
    }
}
