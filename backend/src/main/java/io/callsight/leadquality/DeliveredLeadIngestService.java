package io.callsight.leadquality;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.BadInputException;
import io.callsight.common.FileBatches;
import io.callsight.common.IngestCounts;
import io.callsight.common.MeteredIngest;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.TextCharsets;
import io.callsight.common.CsvReader;
import io.callsight.common.StoredText;
import io.callsight.common.ParquetReader;
import io.callsight.common.Transactions;
import io.callsight.common.Uploads;
import io.callsight.sources.SchemaColumn;

/**
 * Delivered leads (lead id, email_hash, phone_hash or the raw email and phone, hashed here by {@link LeadIdentity}'s
 * rules; campaign, advertiser and delivery time when given) from Parquet or CSV into the lead dimension and
 * {@code lq_delivery} (delivered to the CRM source named, or to every source when none is), in one transaction;
 * idempotent (the same file again changes nothing). Report leads waiting for their delivered lead are matched
 * afterwards, and the stored per-snapshot funnels recounted.
 */
@ApplicationScoped
public class DeliveredLeadIngestService {

    private static final Pattern HEX_HASH = Pattern.compile("^[0-9a-f]{32,128}$");
    static final int MAX_INLINE_REJECTS = 100;

    @Inject
    Transactions transactions;

    @Inject
    CrmConfig config;

    public record Reject(int line, String leadId, String field, String value, String reason) {
    }

    /**
     * {@code source}: the CRM source the leads were delivered to, null for every source. {@code batchId}: the
     * ingest batch (kind leads) that keeps every rejected row; {@code rejects}: the first of them.
     * {@code personalData}: found in the unknown columns of a CSV file (nothing of them is stored but the findings,
     * with the batch).
     */
    public record Result(long batchId, String format, String source, int rowsRead, int inserted, int updated, int unchanged,
            int rejected, int reportLeadsMatched, List<Reject> rejects, List<PersonalDataFinding> personalData)
            implements IngestCounts {

        @Override
        public int rowsStored() {
            return inserted + updated;
        }

        @Override
        public int rowsRejected() {
            return rejected;
        }
    }

    /** {@code email}, {@code phone} (E.164), {@code phoneRaw}: when the file gave them raw (null when it gave hashes). */
    record Lead(int line, String leadId, String emailHash, String phoneHash, String campaignId, String advertiserId,
            OffsetDateTime deliveredAt, String email, String phone, String phoneRaw) {
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("leadid", "lead_id"),
            Map.entry("leaduuid", "lead_id"), Map.entry("lead", "lead_id"), Map.entry("id", "lead_id"),
            Map.entry("emailhash", "email_hash"), Map.entry("phonehash", "phone_hash"),
            Map.entry("email", "email"), Map.entry("emailaddress", "email"), Map.entry("mail", "email"),
            Map.entry("phone", "phone"), Map.entry("phonenumber", "phone"), Map.entry("mobile", "phone"),
            Map.entry("mobilenumber", "phone"), Map.entry("telephone", "phone"), Map.entry("msisdn", "phone"),
            Map.entry("campaignid", "campaign_id"), Map.entry("campaign", "campaign_id"),
            Map.entry("advertiserid", "advertiser_id"), Map.entry("advertiser", "advertiser_id"),
            Map.entry("deliveredat", "delivered_at"), Map.entry("deliveredon", "delivered_at"),
            Map.entry("delivered", "delivered_at"), Map.entry("delivereddate", "delivered_at"),
            Map.entry("deliverydate", "delivered_at"), Map.entry("deliverytime", "delivered_at"),
            Map.entry("deliveredtime", "delivered_at"));

    public Result ingest(byte[] content, String fileName) throws IOException {
        return ingest(content, fileName, null);
    }

    /** {@code source}: the CRM source these leads were delivered to (created when new); null or blank: every source. */
    @MeteredIngest("leads")
    public Result ingest(byte[] content, String fileName, String source) throws IOException {
        String deliveredTo = source == null || source.isBlank() ? null : source.strip();
        List<Reject> rejects = new ArrayList<>();
        PersonalData.Scan scan = new PersonalData.Scan(config.defaultPhoneRegion());
        List<Lead> leads = read(content, rejects, scan);
        int rowsRead = leads.size() + rejects.size();
        // A lead id twice in the file: the first row wins.
        Map<String, Lead> unique = new LinkedHashMap<>();
        for (Lead l : leads) {
            Lead first = unique.putIfAbsent(l.leadId, l);
            if (first != null) {
                rejects.add(new Reject(l.line, l.leadId, "lead_id", l.leadId, "duplicate lead id in this file: first on line " + first.line));
            }
        }
        String format = isParquet(content) ? "parquet" : "csv";
        try {
            return transactions.inTransaction(c -> {
                Integer sourceKey = deliveredTo == null ? null : SnapshotIngestService.crmReportSource(c, deliveredTo);
                int[] counts = store(c, unique.values(), sourceKey);
                int matched = LeadMatching.matchReportLeads(c);
                if (matched > 0 || counts[0] > 0 || counts[1] > 0 || counts[3] > 0) {
                    LeadMatching.refreshSnapshotFunnels(c, null);
                }
                rejects.sort(Comparator.comparingInt(Reject::line));
                long batchId = batch(c, deliveredTo, fileName, format, content, rowsRead, counts, rejects);
                FileBatches.personalData(c, batchId, scan.findings());
                return new Result(batchId, format, deliveredTo, rowsRead, counts[0], counts[1], counts[2], rejects.size(),
                        matched, rejects.stream().limit(MAX_INLINE_REJECTS).toList(), scan.findings());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the delivered leads: " + e.getMessage(), e);
        }
    }

    /**
     * The file's ingest batch (kind leads, source "leads" or "leads:" + the CRM source): accepted = leads
     * inserted or updated, duplicates = leads already stored unchanged, and every rejected row.
     */
    private static long batch(Connection c, String deliveredTo, String fileName, String format, byte[] content,
            int rowsRead, int[] counts, List<Reject> rejects) throws SQLException {
        String source = deliveredTo == null ? "leads" : "leads:" + deliveredTo;
        String checksum = Uploads.checksum(content);
        long batchId = FileBatches.open(c, "leads", source, fileName,
                "parquet".equals(format) ? "application/vnd.apache.parquet" : "text/csv", checksum, List.of(),
                FileBatches.sameFile(c, source, checksum));
        FileBatches.rejects(c, batchId, rejects.stream()
                .map(r -> new FileBatches.Rejected(r.line(), r.leadId(), r.field(), r.value(), r.reason(), null))
                .toList());
        FileBatches.complete(c, batchId, rowsRead, counts[0] + counts[1], rejects.size(), counts[2]);
        return batchId;
    }

    private static boolean isParquet(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'A' && content[2] == 'R' && content[3] == '1';
    }

    /** The valid leads of a lead file (Parquet or CSV) in file order; the invalid rows go to {@code rejects}. */
    static List<Lead> read(byte[] content, List<Reject> rejects, String phoneRegion) throws IOException {
        return read(content, rejects, new PersonalData.Scan(phoneRegion));
    }

    /** As {@link #read(byte[], List, String)}, the unknown columns of a CSV file scanned by {@code scan}. */
    static List<Lead> read(byte[] content, List<Reject> rejects, PersonalData.Scan scan) throws IOException {
        String phoneRegion = scan.region();
        return isParquet(content) ? fromParquet(content, rejects, phoneRegion) : fromCsv(content, rejects, scan);
    }

    /** Inserted, updated, unchanged leads; deliveries recorded or changed. */
    private static int[] store(Connection c, Collection<Lead> leads, Integer sourceKey) throws SQLException {
        stage(c, leads);
        int[] counts = new int[4];
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO advertiser (advertiser_id) SELECT DISTINCT advertiser_id FROM stage_lead "
                    + "WHERE advertiser_id IS NOT NULL ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO campaign (campaign_id, advertiser_key) SELECT DISTINCT ON (s.campaign_id) s.campaign_id, "
                    + "a.advertiser_key FROM stage_lead s LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id "
                    + "WHERE s.campaign_id IS NOT NULL ON CONFLICT DO NOTHING");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE l.lead_key IS NULL), "
                    + "count(*) FILTER (WHERE l.lead_key IS NOT NULL AND (" + CHANGED.replace("EXCLUDED.", "s.")
                            .replace("lead.", "l.").replace("s.campaign_key", "ca.campaign_key")
                            .replace("s.advertiser_key", "ad.advertiser_key") + ")), "
                    + "count(*) FROM stage_lead s LEFT JOIN lead l ON l.lead_id = s.lead_id "
                    + "LEFT JOIN campaign ca ON ca.campaign_id = s.campaign_id LEFT JOIN advertiser ad ON ad.advertiser_id = s.advertiser_id")) {
                rs.next();
                counts[0] = rs.getInt(1);
                counts[1] = rs.getInt(2);
                counts[2] = rs.getInt(3) - counts[0] - counts[1];
            }
            st.execute("INSERT INTO lead (lead_id, email_hash, phone_hash, campaign_key, advertiser_key, email, phone, phone_raw) "
                    + "SELECT s.lead_id, s.email_hash, s.phone_hash, ca.campaign_key, coalesce(ad.advertiser_key, ca.advertiser_key), "
                    + "s.email, s.phone, s.phone_raw "
                    + "FROM stage_lead s LEFT JOIN campaign ca ON ca.campaign_id = s.campaign_id "
                    + "LEFT JOIN advertiser ad ON ad.advertiser_id = s.advertiser_id "
                    + "ON CONFLICT (lead_id) DO UPDATE SET email_hash = EXCLUDED.email_hash, phone_hash = EXCLUDED.phone_hash, "
                    + "campaign_key = coalesce(EXCLUDED.campaign_key, lead.campaign_key), "
                    + "advertiser_key = coalesce(EXCLUDED.advertiser_key, lead.advertiser_key), "
                    // raw values given replace the kept ones; a file of hashes keeps them while the hash stays the same
                    + "email = coalesce(EXCLUDED.email, CASE WHEN lead.email_hash = EXCLUDED.email_hash THEN lead.email END), "
                    + "phone = coalesce(EXCLUDED.phone, CASE WHEN lead.phone_hash = EXCLUDED.phone_hash THEN lead.phone END), "
                    + "phone_raw = coalesce(EXCLUDED.phone_raw, CASE WHEN lead.phone_hash = EXCLUDED.phone_hash THEN lead.phone_raw END) "
                    + "WHERE " + CHANGED);
            // A hash pair that changed: its report leads are matched again.
            st.execute("UPDATE lq_lead q SET delivered_lead_key = NULL FROM lead l WHERE q.delivered_lead_key = l.lead_key "
                    + "AND (q.email_hash IS DISTINCT FROM l.email_hash OR q.phone_hash IS DISTINCT FROM l.phone_hash)");
        }
        counts[3] = recordDeliveries(c, sourceKey);
        return counts;
    }

    /** When a staged lead changes its stored lead (in the upsert's terms: {@code lead} stored, {@code EXCLUDED} staged). */
    private static final String CHANGED = "lead.email_hash IS DISTINCT FROM EXCLUDED.email_hash "
            + "OR lead.phone_hash IS DISTINCT FROM EXCLUDED.phone_hash "
            + "OR (EXCLUDED.campaign_key IS NOT NULL AND lead.campaign_key IS DISTINCT FROM EXCLUDED.campaign_key) "
            + "OR (EXCLUDED.advertiser_key IS NOT NULL AND lead.advertiser_key IS DISTINCT FROM EXCLUDED.advertiser_key) "
            + "OR (EXCLUDED.email IS NOT NULL AND lead.email IS DISTINCT FROM EXCLUDED.email) "
            + "OR (EXCLUDED.phone_raw IS NOT NULL AND lead.phone_raw IS DISTINCT FROM EXCLUDED.phone_raw)";

    private static void stage(Connection c, Collection<Lead> leads) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE stage_lead (lead_id text, email_hash text, phone_hash text, campaign_id text, "
                    + "advertiser_id text, delivered_at timestamptz, email text, phone text, phone_raw text) ON COMMIT DROP");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_lead VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Lead l : leads) {
                ps.setString(1, l.leadId);
                ps.setString(2, l.emailHash);
                ps.setString(3, l.phoneHash);
                ps.setString(4, l.campaignId);
                ps.setString(5, l.advertiserId);
                ps.setObject(6, l.deliveredAt);
                ps.setString(7, l.email);
                ps.setString(8, l.phone);
                ps.setString(9, l.phoneRaw);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The delivery itself: to the source named (or every source); a time once given is kept when a later file has none. */
    private static int recordDeliveries(Connection c, Integer sourceKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lq_delivery (lead_key, source_key, delivered_at) "
                + "SELECT l.lead_key, ?, s.delivered_at FROM stage_lead s JOIN lead l USING (lead_id) "
                + "ON CONFLICT (lead_key, source_key) DO UPDATE SET delivered_at = EXCLUDED.delivered_at "
                + "WHERE EXCLUDED.delivered_at IS NOT NULL AND lq_delivery.delivered_at IS DISTINCT FROM EXCLUDED.delivered_at")) {
            ps.setObject(1, sourceKey, java.sql.Types.INTEGER);
            return ps.executeUpdate();
        }
    }

    private static List<Lead> fromParquet(byte[] content, List<Reject> rejects, String phoneRegion) throws IOException {
        ParquetReader reader = new ParquetReader(content);
        Map<String, String> columns = mapColumns(reader.columns());
        List<Lead> leads = new ArrayList<>();
        int line = 0;
        for (Map<String, Object> row : reader.rows(columns.keySet())) { // only the mapped columns are decoded
            line++;
            Map<String, String> values = new HashMap<>();
            columns.forEach((column, field) -> {
                String v = ParquetReader.text(row.get(column));
                values.put(field, v == null ? null : StoredText.withoutNul(v));
            });
            Lead l = validate(line, values, rejects, phoneRegion);
            if (l != null) {
                leads.add(l);
            }
        }
        return leads;
    }

    private static List<Lead> fromCsv(byte[] content, List<Reject> rejects, PersonalData.Scan scan) throws IOException {
        String phoneRegion = scan.region();
        List<Lead> leads = new ArrayList<>();
        String text = TextCharsets.decode(content, StandardCharsets.UTF_8, "The lead file");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int firstNewline = text.indexOf('\n');
        String headerLine = firstNewline < 0 ? text : text.substring(0, firstNewline);
        char separator = headerLine.indexOf('\t') >= 0 ? '\t' : headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
        try (CsvReader csv = new CsvReader(new InputStreamReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8), separator)) {
            CsvReader.Row header = csv.next();
            if (header == null) {
                throw new BadInputException("The lead file is empty (no header line)");
            }
            List<String> names = header.fields().stream().map(String::strip).toList();
            Map<String, String> columns = mapColumns(names);
            CsvReader.Row r;
            while ((r = csv.next()) != null) {
                if (r.fields().size() == 1 && r.fields().get(0).isBlank()) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < names.size() && i < r.fields().size(); i++) {
                    String field = columns.get(names.get(i));
                    if (field != null) {
                        values.put(field, r.fields().get(i));
                    } else {
                        scan.scan(names.get(i), r.fields().get(i)); // unknown: counted, not stored
                    }
                }
                Lead l = validate(r.line(), values, rejects, phoneRegion);
                if (l != null) {
                    leads.add(l);
                }
            }
        }
        return leads;
    }

    private static Map<String, String> mapColumns(List<String> names) {
        Map<String, String> columns = new HashMap<>();
        for (String n : names) {
            String field = FIELDS.get(SchemaColumn.normalize(n));
            if (field != null && !columns.containsValue(field)) {
                columns.put(n, field);
            }
        }
        if (!columns.containsValue("lead_id")) {
            throw new BadInputException("The lead file has no lead id column (lead_id, lead_UUID or Lead ID); columns: " + names);
        }
        if (!columns.containsValue("email_hash") && !columns.containsValue("phone_hash") && !columns.containsValue("email")
                && !columns.containsValue("phone")) {
            throw new BadInputException("The lead file has neither email_hash nor phone_hash (nor a raw email or phone "
                    + "column); columns: " + names);
        }
        return columns;
    }

    private static Lead validate(int line, Map<String, String> v, List<Reject> rejects, String phoneRegion) {
        String id = blankToNull(v.get("lead_id"));
        if (id == null) {
            rejects.add(new Reject(line, null, "lead_id", v.get("lead_id"), "missing lead id"));
            return null;
        }
        for (String field : List.of("lead_id", "campaign_id", "advertiser_id")) { // unique keys of their tables
            String value = blankToNull(v.get(field));
            if (StoredText.tooLong(value)) {
                rejects.add(new Reject(line, null, field, value.substring(0, 40) + "...", StoredText.TOO_LONG));
                return null;
            }
        }
        for (String field : List.of("email_hash", "phone_hash")) {
            String raw = blankToNull(v.get(field));
            if (raw != null && !HEX_HASH.matcher(raw.toLowerCase(Locale.ROOT)).matches()) {
                rejects.add(new Reject(line, id, field, raw, "not a hex hash (SHA-1 is 40 hex digits)"));
                return null;
            }
        }
        Contact contact = contact(line, id, v, rejects, phoneRegion);
        if (contact == null) {
            return null;
        }
        if (contact.emailHash() == null && contact.phoneHash() == null) {
            rejects.add(new Reject(line, id, "email_hash", null, "neither an e-mail nor a phone hash: cannot be matched"));
            return null;
        }
        String deliveredRaw = blankToNull(v.get("delivered_at"));
        OffsetDateTime deliveredAt = null;
        if (deliveredRaw != null) {
            deliveredAt = deliveryTime(deliveredRaw);
            if (deliveredAt == null) {
                rejects.add(new Reject(line, id, "delivered_at", deliveredRaw,
                        "not a delivery time (ISO date or date-time, MM/dd/yyyy, or epoch seconds/ms/µs/ns)"));
                return null;
            }
        }
        return new Lead(line, id, contact.emailHash(), contact.phoneHash(), blankToNull(v.get("campaign_id")),
                blankToNull(v.get("advertiser_id")), deliveredAt, contact.email(), contact.phone(), contact.phoneRaw());
    }

    private record Contact(String emailHash, String phoneHash, String email, String phone, String phoneRaw) {
    }

    /**
     * The row's hashes: as given, or made from the raw e-mail and phone by {@link LeadIdentity}'s rules. A raw value
     * that cannot be read, or whose hash contradicts the hash given beside it, rejects the row (null).
     */
    private static Contact contact(int line, String id, Map<String, String> v, List<Reject> rejects, String phoneRegion) {
        String rawEmail = blankToNull(v.get("email"));
        String rawPhone = blankToNull(v.get("phone"));
        String email = rawEmail == null ? null : LeadIdentity.normalEmail(rawEmail);
        if (rawEmail != null && email == null) {
            rejects.add(new Reject(line, id, "email", rawEmail, "not an e-mail address"));
            return null;
        }
        String phone = rawPhone == null ? null : LeadIdentity.normalPhone(rawPhone, phoneRegion);
        if (rawPhone != null && phone == null) {
            rejects.add(new Reject(line, id, "phone", rawPhone, "not a phone number (read in region " + phoneRegion
                    + " when it has no +country code)"));
            return null;
        }
        String emailHash = agreed(line, id, "email_hash", hash(v.get("email_hash")), email, rejects);
        if (email != null && emailHash == null) {
            return null;
        }
        String phoneHash = agreed(line, id, "phone_hash", hash(v.get("phone_hash")), phone, rejects);
        if (phone != null && phoneHash == null) {
            return null;
        }
        return new Contact(emailHash, phoneHash, email, phone, phone == null ? null : rawPhone);
    }

    /** The hash of {@code normalised} when given (it must equal {@code given} when both are), else {@code given}. */
    private static String agreed(int line, String id, String field, String given, String normalised, List<Reject> rejects) {
        if (normalised == null) {
            return given;
        }
        String made = LeadIdentity.hash(normalised);
        if (given != null && !given.equals(made)) {
            rejects.add(new Reject(line, id, field, given, "does not match the hash of the " + field.replace("_hash", "")
                    + " given (" + made + ")"));
            return null;
        }
        return made;
    }

    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSS][.SSS]"), DateTimeFormatter.ofPattern("M/d/yyyy H:mm[:ss]"));
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("M/d/yyyy"));

    /**
     * A delivery time: ISO offset date-time; local date-time or date (read as UTC); or a number, from Parquet
     * timestamp or date columns, read by magnitude as epoch days, seconds, milliseconds, microseconds or nanoseconds.
     */
    static OffsetDateTime deliveryTime(String raw) {
        String s = raw.strip();
        if (s.matches("-?\\d{1,19}")) {
            long n;
            try {
                n = Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
            long abs = Math.abs(n);
            Instant t = abs < 100_000L ? Instant.ofEpochSecond(n * 86_400L)
                    : abs < 100_000_000_000L ? Instant.ofEpochSecond(n)
                    : abs < 100_000_000_000_000L ? Instant.ofEpochMilli(n)
                    : abs < 100_000_000_000_000_000L ? Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1_000L)
                    : Instant.ofEpochSecond(0, n);
            return t.atOffset(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        for (DateTimeFormatter f : LOCAL_TIMES) {
            try {
                return LocalDateTime.parse(s, f).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s, f).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    private static String hash(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
