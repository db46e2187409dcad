package io.callsight.servicelevels;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.callsight.common.BadInputException;
import io.callsight.common.CsvReader;
import io.callsight.common.MeteredIngest;
import io.callsight.common.StoredText;
import io.callsight.common.FileBatches;
import io.callsight.common.Transactions;
import io.callsight.common.Uploads;
import io.callsight.sources.CrmSource;
import io.callsight.sources.SchemaColumn;
import io.callsight.sources.SchemaRegistry;

/**
 * Inbound call-level logs (the Anonymous Bank layout, columns named through the schema registry): every
 * call kept; `0:00:00` means "did not happen"; a stage whose end is before its start crossed midnight
 * (the end moves to the next day, the row is flagged); AGENT rows without a server or service time are
 * kept and flagged. Rows with a missing separator, no call id, an unreadable time or an unknown outcome
 * are rejected with their line, field and reason. A call already stored (same line, call id and entry
 * time) is a duplicate; the same file twice changes nothing.
 */
@ApplicationScoped
public class InboundCallIngestService {

    private static final Logger LOG = Logger.getLogger(InboundCallIngestService.class);

    @Inject
    Transactions transactions;

    /** The region phone numbers without {@code +} are read in, for the personal data scan. */
    @ConfigProperty(name = "callsight.crm.default-phone-region", defaultValue = "US")
    String phoneRegion;

    private record Call(int line, String lineId, String callId, String customerId, Integer priority, String type,
            LocalDateTime vruEntry, LocalDateTime vruExit, Integer vruSeconds, LocalDateTime queueStart,
            LocalDateTime queueExit, int waitSeconds, String outcome, LocalDateTime serviceStart, LocalDateTime serviceExit,
            Integer serviceSeconds, String server, List<String> flags) {
    }

    @MeteredIngest("inbound-calls")
    public MetricIngestResult ingest(String sourceName, String fileName, byte[] content) throws IOException {
        DelimitedText text = DelimitedText.of(content, "The call log");
        String checksum = Uploads.checksum(content);
        String source = sourceName == null || sourceName.isBlank() ? "anonymous-bank" : sourceName.strip();
        try {
            return transactions.inTransaction(c -> load(c, source, fileName, checksum, text));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the call log: " + e.getMessage(), e);
        }
    }

    private MetricIngestResult load(Connection c, String sourceName, String fileName, String checksum,
            DelimitedText text) throws SQLException, IOException {
        FileBatches.lock(c, "inbound-calls");
        String queueName = queueName(c, sourceName);
        CrmSource registry = SchemaRegistry.load(c, sourceName);
        try (CsvReader csv = new CsvReader(new StringReader(text.text()), text.separator())) {
            List<String> header = csv.header("The call log").fields().stream().map(String::strip).toList();
            Map<String, Integer> index = new HashMap<>();
            List<String> unknown = mapColumns(registry, header, index, text.separator());
            String batchSource = "inbound-calls:" + sourceName;
            Long sameFile = FileBatches.sameFile(c, batchSource, checksum);
            long batchId = FileBatches.open(c, "inbound-calls", batchSource, fileName, "text/tab-separated-values", checksum, unknown, sameFile);
            int queueKey = ServiceMetricIngestService.queue(c, queueName);
            List<String> textColumns = registry.columns().stream().filter(col -> col.dataType().equals("TEXT")
                    && index.containsKey(col.name())).map(col -> header.get(index.get(col.name()))).toList();
            RejectedRows rejects = new RejectedRows(text.separator(), header,
                    RejectedRows.scanned(header, unknown, textColumns), phoneRegion);
            Map<String, Integer> flagCounts = new TreeMap<>();
            int rowsRead;
            int stored;
            int flagged;
            try (CallWriter writer = new CallWriter(c, queueKey, batchId)) {
                rowsRead = rejects.readAll(csv, row -> {
                    Call call = read(row, header.size(), index);
                    call.flags().forEach(f -> flagCounts.merge(f, 1, Integer::sum));
                    writer.add(call);
                });
                stored = writer.finish();
                flagged = writer.flagged;
            }
            rejects.store(c, batchId);
            int duplicates = rowsRead - rejects.size() - stored;
            FileBatches.complete(c, batchId, rowsRead, stored, rejects.size(), duplicates);
            List<MetricCheck> checks = new ArrayList<>();
            flagCounts.forEach((name, count) -> checks.add(new MetricCheck(name, count, List.of())));
            checks.add(rejects.check());
            LOG.infof("Inbound calls batch %d (%s): %d rows, %d stored, %d rejected, %d duplicates, %d flagged", batchId,
                    sourceName, rowsRead, stored, rejects.size(), duplicates, flagged);
            return new MetricIngestResult(batchId, sourceName, queueName, "CALL", rowsRead, stored, rejects.size(),
                    duplicates, 0, sameFile, unknown, checks, rejects.inline(), rejects.personalData());
        }
    }

    private static String queueName(Connection c, String sourceName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(queue_name, name) FROM crm_source WHERE name = ? "
                + "AND kind = 'SERVICE_METRICS' AND granularity IS NULL")) {
            ps.setString(1, sourceName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BadInputException("Unknown call-log source '" + sourceName + "'");
                }
                return rs.getString(1);
            }
        }
    }

    /** Maps each column name to its first header position; returns the header names no column accepts. */
    private static List<String> mapColumns(CrmSource registry, List<String> header, Map<String, Integer> index,
            char separator) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Optional<SchemaColumn> match = registry.columns().stream().filter(col -> col.accepts(name)).findFirst();
            if (match.isPresent()) {
                index.putIfAbsent(match.get().name(), i);
            } else {
                unknown.add(name);
            }
        }
        List<String> missing = registry.columns().stream().filter(SchemaColumn::required)
                .map(SchemaColumn::name).filter(n -> !index.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException("Call log refused: required column(s) " + String.join(", ", missing)
                    + " missing from the header (line 1: " + String.join(String.valueOf(separator), header) + ")");
        }
        return unknown;
    }

    /** Inserts calls in batches of 1000; a call already stored is skipped (not counted as stored). */
    private static final class CallWriter implements AutoCloseable {
        private final Connection c;
        private final int queueKey;
        private final long batchId;
        private final PreparedStatement insert;
        private int pending;
        private int stored;
        int flagged;

        CallWriter(Connection c, int queueKey, long batchId) throws SQLException {
            this.c = c;
            this.queueKey = queueKey;
            this.batchId = batchId;
            this.insert = c.prepareStatement("INSERT INTO inbound_call (queue_key, line_id, call_id, "
                    + "customer_id, priority, call_type, vru_entry, vru_exit, vru_s, queue_start, queue_exit, wait_s, outcome, "
                    + "service_start, service_exit, service_s, server, flags, batch_id, line) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (queue_key, line_id, call_id, vru_entry) DO NOTHING");
        }

        void add(Call call) throws SQLException {
            if (!call.flags().isEmpty()) {
                flagged++;
            }
            bind(call);
            insert.addBatch();
            if (++pending == 1000) {
                flush();
            }
        }

        /** Sends what is pending; returns the calls stored. */
        int finish() throws SQLException {
            if (pending > 0) {
                flush();
            }
            return stored;
        }

        private void flush() throws SQLException {
            stored += sum(insert.executeBatch());
            pending = 0;
        }

        private void bind(Call call) throws SQLException {
            insert.setInt(1, queueKey);
            insert.setString(2, call.lineId());
            insert.setString(3, call.callId());
            insert.setString(4, call.customerId());
            insert.setObject(5, call.priority(), Types.SMALLINT);
            insert.setString(6, call.type());
            insert.setTimestamp(7, ts(call.vruEntry()));
            insert.setTimestamp(8, ts(call.vruExit()));
            insert.setObject(9, call.vruSeconds(), Types.INTEGER);
            insert.setTimestamp(10, ts(call.queueStart()));
            insert.setTimestamp(11, ts(call.queueExit()));
            insert.setInt(12, call.waitSeconds());
            insert.setString(13, call.outcome());
            insert.setTimestamp(14, ts(call.serviceStart()));
            insert.setTimestamp(15, ts(call.serviceExit()));
            insert.setObject(16, call.serviceSeconds(), Types.INTEGER);
            insert.setString(17, call.server());
            insert.setArray(18, c.createArrayOf("text", call.flags().toArray()));
            insert.setLong(19, batchId);
            insert.setInt(20, call.line());
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int n : counts) {
            s += Math.max(n, 0);
        }
        return s;
    }

    private static Timestamp ts(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t);
    }

    private static Call read(CsvReader.Row row, int headerSize, Map<String, Integer> index) {
        List<String> f = row.fields();
        if (f.size() != headerSize) {
            throw new FileBatches.RowRejected("(row)", null, "the row has " + f.size() + " fields, the header " + headerSize
                    + " (a separator missing or extra)");
        }
        Function<String, String> v = name -> {
            Integer i = index.get(name);
            return i == null ? null : f.get(i).strip();
        };
        String callId = v.apply("call_id");
        if (callId == null || callId.isEmpty()) {
            throw new FileBatches.RowRejected("call_id", callId, "missing call id");
        }
        for (String key : List.of("call_id", "line_id")) { // both in the unique key
            if (StoredText.tooLong(v.apply(key))) {
                throw new FileBatches.RowRejected(key, v.apply(key).substring(0, 40) + "...", StoredText.TOO_LONG);
            }
        }
        LocalDate date = date(v.apply("date"));
        List<String> flags = new ArrayList<>();
        LocalDateTime vruEntry = time("vru_entry", v.apply("vru_entry"), date, null, flags);
        if (vruEntry == null) {
            throw new FileBatches.RowRejected("vru_entry", v.apply("vru_entry"), "no entry time: the call did not happen");
        }
        LocalDateTime vruExit = time("vru_exit", v.apply("vru_exit"), date, vruEntry, flags);
        LocalDateTime queueStart = time("q_start", v.apply("q_start"), date, vruEntry, flags);
        LocalDateTime queueExit = time("q_exit", v.apply("q_exit"), date, queueStart, flags);
        LocalDateTime serviceStart = time("ser_start", v.apply("ser_start"), date, vruEntry, flags);
        LocalDateTime serviceExit = time("ser_exit", v.apply("ser_exit"), date, serviceStart, flags);
        String outcome = v.apply("outcome") == null ? "" : v.apply("outcome").toUpperCase(Locale.ROOT);
        if (!List.of("AGENT", "HANG", "PHANTOM").contains(outcome)) {
            throw new FileBatches.RowRejected("outcome", v.apply("outcome"), "unknown outcome (expected AGENT, HANG or PHANTOM)");
        }
        Integer vruSeconds = integer("vru_time", v.apply("vru_time"));
        if (vruSeconds != null && vruSeconds < 0) {
            flags.add("negative_vru_time");
            vruSeconds = vruExit == null ? null : (int) Duration.between(vruEntry, vruExit).getSeconds();
        }
        Integer wait = integer("q_time", v.apply("q_time"));
        Integer service = integer("ser_time", v.apply("ser_time"));
        String server = v.apply("server");
        if (server != null && (server.isEmpty() || server.equalsIgnoreCase("NO_SERVER"))) {
            server = null;
        }
        if (outcome.equals("AGENT") && server == null) {
            flags.add("agent_without_server");
        }
        if (outcome.equals("AGENT") && (service == null || service == 0)) {
            flags.add("agent_without_service_time");
        }
        if (service != null && service > 4 * 3600) {
            flags.add("service_longer_than_4h");
        }
        Integer priority = integer("priority", v.apply("priority"));
        String customer = v.apply("customer_id");
        return new Call(row.line(), v.apply("line_id"), callId, customer == null || customer.equals("0") ? null : customer,
                priority, v.apply("type"), vruEntry, vruExit, vruSeconds, queueStart, queueExit,
                wait == null || wait < 0 ? 0 : wait, outcome, serviceStart, serviceExit, service, server, flags);
    }

    private static LocalDate date(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new FileBatches.RowRejected("date", raw, "missing date");
        }
        try {
            if (raw.matches("\\d{6}")) {
                int yy = Integer.parseInt(raw.substring(0, 2));
                return LocalDate.of(yy >= 70 ? 1900 + yy : 2000 + yy, Integer.parseInt(raw.substring(2, 4)),
                        Integer.parseInt(raw.substring(4, 6)));
            }
            return LocalDate.parse(raw);
        } catch (DateTimeException e) {
            throw new FileBatches.RowRejected("date", raw, "not a date (YYMMDD or YYYY-MM-DD)");
        }
    }

    /** A time of day on the call's date; 0:00:00 is "did not happen"; before `after` means it crossed midnight. */
    private static LocalDateTime time(String field, String raw, LocalDate date, LocalDateTime after, List<String> flags) {
        if (raw == null || raw.isEmpty() || raw.equals("0:00:00") || raw.equals("00:00:00")) {
            return null;
        }
        LocalTime t;
        try {
            String[] p = raw.split(":");
            if (p.length != 3) {
                throw new NumberFormatException();
            }
            t = LocalTime.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (RuntimeException e) {
            throw new FileBatches.RowRejected(field, raw, "not a time of day H:MM:SS");
        }
        LocalDateTime at = date.atTime(t);
        if (after != null && at.isBefore(after)) {
            flags.add("crossed_midnight");
            at = at.plusDays(1);
        }
        return at;
    }

    private static Integer integer(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            throw new FileBatches.RowRejected(field, raw, "not a whole number");
        }
    }
}
