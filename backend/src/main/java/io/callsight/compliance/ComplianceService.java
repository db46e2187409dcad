package io.callsight.compliance;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallStaging;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;
import io.callsight.common.CsvReader;
import io.callsight.common.Cursors;
import io.callsight.common.FileBatches;
import io.callsight.common.LiveSignals;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;
import io.callsight.common.ReadConnections;
import io.callsight.common.SqlParams;
import io.callsight.common.Transactions;
import io.callsight.reports.CallFilter;
import io.callsight.reports.ReportService;
import io.callsight.security.AccessScope;
import io.callsight.security.AuditLog;
import io.callsight.security.CurrentUser;

/**
 * Calling rules (data, edited by ADMIN), the do-not-call list, the recompute after either changes, and
 * the compliance report over the stored violations ({@link ComplianceChecker} finds them).
 */
@ApplicationScoped
public class ComplianceService {

    private static final Logger LOG = Logger.getLogger(ComplianceService.class);
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,39}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");
    /** Leads evaluated per transaction of a recompute (each holds the ingest lock briefly). */
    static final int RECOMPUTE_LEADS = 5_000;
    static final int MAX_DNC_NUMBERS = 10_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadConnections reads;

    @Inject
    ReportService reports;

    @Inject
    ComplianceChecker checker;

    @Inject
    DncHasher dnc;

    @Inject
    AccessScope scope;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    @Inject
    BusinessTime businessTime;

    // ---- rules ---------------------------------------------------------------------------------

    private static final String RULE_COLUMNS = "code, jurisdiction, kind, weekdays, start_minute, end_minute, "
            + "max_attempts, window_hours, statuses, source, description, enabled, updated_at, updated_by, holidays";

    public List<ComplianceRule> rules() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + RULE_COLUMNS + " FROM compliance_rule "
                        + "ORDER BY jurisdiction <> 'US', jurisdiction, kind, code")) {
            List<ComplianceRule> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rule(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the calling rules: " + e.getMessage(), e);
        }
    }

    private static ComplianceRule rule(ResultSet rs) throws SQLException {
        List<Integer> days = new ArrayList<>();
        Array wd = rs.getArray(4);
        if (wd != null) {
            for (Object d : (Object[]) wd.getArray()) {
                days.add(((Number) d).intValue());
            }
        }
        Array st = rs.getArray(9);
        List<String> statuses = st == null ? List.of() : Arrays.asList((String[]) st.getArray());
        return new ComplianceRule(rs.getString(1), rs.getString(2), RuleKind.valueOf(rs.getString(3)), days,
                hhmm(rs, 5), hhmm(rs, 6), (Integer) rs.getObject(7), (Integer) rs.getObject(8), statuses,
                rs.getBoolean(15), rs.getString(10), rs.getString(11), rs.getBoolean(12),
                rs.getObject(13, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), rs.getString(14));
    }

    private static String hhmm(ResultSet rs, int i) throws SQLException {
        int m = rs.getInt(i);
        return rs.wasNull() ? null : String.format(Locale.ROOT, "%02d:%02d", m / 60, m % 60);
    }

    /** Creates or replaces the rule of {@code input.code}, then finds the violations of the stored calls again. */
    public ComplianceRule setRule(ComplianceRuleInput input) {
        Checked r = check(input);
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO compliance_rule (code, jurisdiction, kind, "
                        + "weekdays, start_minute, end_minute, max_attempts, window_hours, statuses, source, description, "
                        + "enabled, updated_at, updated_by, holidays) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, ?) "
                        + "ON CONFLICT (code) DO UPDATE SET jurisdiction = EXCLUDED.jurisdiction, kind = EXCLUDED.kind, "
                        + "weekdays = EXCLUDED.weekdays, start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute, "
                        + "max_attempts = EXCLUDED.max_attempts, window_hours = EXCLUDED.window_hours, "
                        + "statuses = EXCLUDED.statuses, source = EXCLUDED.source, description = EXCLUDED.description, "
                        + "enabled = EXCLUDED.enabled, updated_at = now(), updated_by = EXCLUDED.updated_by, "
                        + "holidays = EXCLUDED.holidays")) {
                    ps.setString(1, r.code);
                    ps.setString(2, r.jurisdiction);
                    ps.setString(3, input.kind.name());
                    ps.setArray(4, r.weekdays == null ? null : tx.createArrayOf("smallint", r.weekdays.toArray()));
                    ps.setObject(5, r.startMinute, Types.SMALLINT);
                    ps.setObject(6, r.endMinute, Types.SMALLINT);
                    ps.setObject(7, r.maxAttempts, Types.INTEGER);
                    ps.setObject(8, r.windowHours, Types.INTEGER);
                    ps.setArray(9, r.statuses == null ? null : tx.createArrayOf("text", r.statuses.toArray()));
                    ps.setString(10, input.source.strip());
                    ps.setString(11, input.description == null || input.description.isBlank() ? null
                            : input.description.strip());
                    ps.setBoolean(12, input.enabled == null || input.enabled);
                    ps.setString(13, user.name());
                    ps.setBoolean(14, r.holidays);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store rule " + r.code + ": " + e.getMessage(), e);
        }
        recompute(null, r.code);
        return rules().stream().filter(x -> x.code().equals(r.code)).findFirst().orElseThrow();
    }

    /** Deletes a rule and its violations (holds it caused stay until released). */
    public boolean deleteRule(String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                long ruleId;
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM compliance_rule WHERE code = ? RETURNING rule_id")) {
                    ps.setString(1, normalised);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new NotFoundException("Rule '" + code + "' does not exist");
                        }
                        ruleId = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM compliance_violation WHERE rule_id = ?")) {
                    ps.setLong(1, ruleId);
                    ps.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete rule " + code + ": " + e.getMessage(), e);
        }
    }

    private record Checked(String code, String jurisdiction, List<Integer> weekdays, Integer startMinute,
            Integer endMinute, Integer maxAttempts, Integer windowHours, List<String> statuses, boolean holidays) {
    }

    private static Checked check(ComplianceRuleInput in) {
        if (in == null) {
            throw new BadInputException("rule: required");
        }
        String code = in.code == null ? "" : in.code.strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw new BadInputException("rule.code: 2-40 letters, digits, '-' or '_' (was '" + in.code + "')");
        }
        String jurisdiction = in.jurisdiction == null ? "" : in.jurisdiction.strip().toUpperCase(Locale.ROOT);
        if (!JURISDICTION.matcher(jurisdiction).matches()) {
            throw new BadInputException("rule.jurisdiction: US (federal) or a two-letter state code (was '"
                    + in.jurisdiction + "')");
        }
        if (in.source == null || in.source.isBlank()) {
            throw new BadInputException("rule.source: name the statute or regulation the rule comes from");
        }
        if (in.kind == null) {
            throw new BadInputException("rule.kind: required");
        }
        boolean hours = in.kind == RuleKind.CALLING_HOURS;
        boolean limit = in.kind == RuleKind.ATTEMPT_LIMIT;
        boolean optOut = in.kind == RuleKind.OPTED_OUT;
        boolean noCallDays = in.kind == RuleKind.NO_CALL_DAYS;
        boolean holidays = in.holidays != null && in.holidays;
        absentUnless(hours || noCallDays, "weekdays", in.weekdays != null && !in.weekdays.isEmpty());
        absentUnless(noCallDays, "holidays", holidays);
        absentUnless(hours, "startTime", in.startTime != null);
        absentUnless(hours, "endTime", in.endTime != null);
        absentUnless(limit, "maxAttempts", in.maxAttempts != null);
        absentUnless(limit, "windowHours", in.windowHours != null);
        absentUnless(optOut, "statuses", in.statuses != null && !in.statuses.isEmpty());
        List<Integer> days = null;
        Integer start = null;
        Integer end = null;
        if (hours || noCallDays) {
            if (in.weekdays != null && !in.weekdays.isEmpty()) {
                Set<Integer> set = new java.util.TreeSet<>();
                for (Integer d : in.weekdays) {
                    if (d == null || d < 1 || d > 7) {
                        throw new BadInputException("rule.weekdays: ISO weekdays 1 (Monday) to 7 (Sunday) (was " + d + ")");
                    }
                    set.add(d);
                }
                days = List.copyOf(set);
            }
        }
        if (noCallDays && days == null && !holidays) {
            throw new BadInputException("rule.weekdays: a no-call-days rule needs weekdays, holidays: true, or both");
        }
        if (hours) {
            start = minutes("startTime", in.startTime);
            end = minutes("endTime", in.endTime);
            if (start >= end) {
                throw new BadInputException("rule.endTime: must be after startTime (" + in.startTime + " - " + in.endTime + ")");
            }
        }
        if (limit) {
            if (in.maxAttempts == null || in.maxAttempts < 1) {
                throw new BadInputException("rule.maxAttempts: a whole number, 1 or more");
            }
            if (in.windowHours == null || in.windowHours < 1 || in.windowHours > 24 * 366) {
                throw new BadInputException("rule.windowHours: whole hours, 1 to 8784");
            }
        }
        List<String> statuses = null;
        if (optOut) {
            if (in.statuses == null || in.statuses.isEmpty()) {
                throw new BadInputException("rule.statuses: at least one lead or call status meaning do not call");
            }
            Set<String> s = new LinkedHashSet<>();
            for (String st : in.statuses) {
                if (st != null && !st.isBlank()) {
                    s.add(st.strip());
                }
            }
            if (s.isEmpty()) {
                throw new BadInputException("rule.statuses: at least one lead or call status meaning do not call");
            }
            statuses = List.copyOf(s);
        }
        return new Checked(code, jurisdiction, days, start, end, limit ? in.maxAttempts : null,
                limit ? in.windowHours : null, statuses, holidays);
    }

    private static void absentUnless(boolean belongs, String field, boolean present) {
        if (present && !belongs) {
            throw new BadInputException("rule." + field + ": does not belong to this kind of rule");
        }
    }

    private static int minutes(String field, String value) {
        if (value == null || !HHMM.matcher(value.strip()).matches()) {
            throw new BadInputException("rule." + field + ": a local time HH:MM (00:00 to 24:00), was '" + value + "'");
        }
        String v = value.strip();
        if (v.equals("24:00")) {
            return 1440;
        }
        try {
            LocalTime t = LocalTime.parse(v);
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeParseException e) {
            throw new BadInputException("rule." + field + ": a local time HH:MM, was '" + value + "'");
        }
    }

    // ---- recompute -----------------------------------------------------------------------------

    /**
     * Finds the violations of every stored call again (after a rule changed), lead range by lead range, each
     * range in a transaction holding the ingest lock; feed entries newly found verified by a violating call are
     * held. Returns the number of violations.
     */
    public int recompute() {
        return recompute(null);
    }

    /** As {@link #recompute()}, for the leads {@code leadKeysSql} selects (null: every lead). */
    int recompute(String leadKeysSql) {
        return recompute(leadKeysSql, null);
    }

    /**
     * As {@link #recompute(String)}, for the rule {@code ruleCode} alone when it is given (after that rule changed:
     * the other rules' violations stand, as the rules are independent), or every rule.
     */
    int recompute(String leadKeysSql, String ruleCode) {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            List<String> ranges = new ArrayList<>();
            if (leadKeysSql == null) {
                long max;
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT coalesce(max(lead_key), 0) FROM lead")) {
                    rs.next();
                    max = rs.getLong(1);
                }
                for (long lo = 0; lo < max; lo += RECOMPUTE_LEADS) {
                    ranges.add("SELECT lead_key FROM lead WHERE lead_key > " + lo + " AND lead_key <= " + (lo + RECOMPUTE_LEADS));
                }
            } else {
                List<Integer> leads = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT lead_key FROM ("
                        + leadKeysSql + ") k ORDER BY 1")) {
                    while (rs.next()) {
                        leads.add(rs.getInt(1));
                    }
                }
                for (int i = 0; i < leads.size(); i += RECOMPUTE_LEADS) {
                    StringBuilder keys = new StringBuilder();
                    for (Integer k : leads.subList(i, Math.min(leads.size(), i + RECOMPUTE_LEADS))) {
                        keys.append(keys.length() == 0 ? "" : ",").append(k.intValue());
                    }
                    ranges.add("SELECT unnest('{" + keys + "}'::integer[])");
                }
            }
            int total = 0;
            for (String range : ranges) {
                total += Transactions.inTransaction(c, tx -> {
                    CallStaging.lockIngest(tx);
                    RuleEvaluator evaluator = checker.evaluator(tx);
                    if (ruleCode != null) {
                        Long ruleId = ruleId(tx, ruleCode);
                        if (ruleId == null) {
                            return 0; // deleted meanwhile: deleteRule removed its violations
                        }
                        RuleEvaluator.Rule rule = evaluator.rules().stream().filter(x -> x.id() == ruleId).findFirst()
                                .orElse(null);
                        // a disabled rule is not loaded: its violations go, none are found
                        RuleEvaluator only = rule == null ? evaluator.only(null) : evaluator.only(rule);
                        return checker.evaluate(tx, only, range, true, ruleId)[0];
                    }
                    if (!evaluator.hasRules()) {
                        try (Statement st = tx.createStatement()) {
                            st.executeUpdate("DELETE FROM compliance_violation WHERE lead_key IN (" + range + ")");
                        }
                        return 0;
                    }
                    return checker.evaluate(tx, evaluator, range, true, null)[0];
                });
            }
            Transactions.inTransaction(c, tx -> {
                LiveSignals.notify(tx, LiveSignals.CALLS); // the live views pick the change up
                return null;
            });
            LOG.infof("Compliance recompute%s: %d violations in %d lead ranges, %d ms",
                    ruleCode == null ? "" : " of rule " + ruleCode, total, ranges.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Compliance recompute failed: " + e.getMessage(), e);
        }
    }

    private static Long ruleId(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id FROM compliance_rule WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    // ---- do-not-call list ----------------------------------------------------------------------

    /** Adds numbers to the do-not-call list (stored as keyed hashes only) and re-checks the calls to them. */
    public DoNotCallResult addDoNotCall(List<String> numbers) {
        return changeList(numbers, true);
    }

    /** Removes numbers from the do-not-call list and re-checks the calls to them. */
    public DoNotCallResult removeDoNotCall(List<String> numbers) {
        return changeList(numbers, false);
    }

    /** Whether a number is on the list (the list can only be asked, not read). */
    public boolean onDoNotCallList(String number) {
        String e164 = dncNumber(number);
        if (e164 == null) {
            throw new BadInputException("number: " + dncRefusal(number));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dnc_number WHERE number_hash = ?")) {
            ps.setBytes(1, dnc.hash(c, e164));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the do-not-call list: " + e.getMessage(), e);
        }
    }

    /**
     * The number of a do-not-call entry in E.164, or null when the entry cannot be listed. A North American number
     * must have its area code: a 7-digit local number would be stored as a hash no call ever matches.
     */
    private String dncNumber(String raw) {
        String e164 = dnc.e164(raw);
        return e164 != null && e164.startsWith("+1") && e164.length() != 12 ? null : e164;
    }

    /** Why a do-not-call entry that {@link #dncNumber} refused cannot be listed. */
    private String dncRefusal(String raw) {
        if (raw == null || raw.isBlank()) {
            return "missing phone number";
        }
        return dnc.e164(raw) != null ? "no area code (a local number matches no call)" : "not a phone number";
    }

    private DoNotCallResult changeList(List<String> numbers, boolean add) {
        if (numbers == null || numbers.isEmpty()) {
            throw new BadInputException("numbers: at least one phone number");
        }
        if (numbers.size() > MAX_DNC_NUMBERS) {
            throw new BadInputException("numbers: at most " + MAX_DNC_NUMBERS + " per request (upload a file for more)");
        }
        List<String> valid = new ArrayList<>();
        List<String> rejects = new ArrayList<>();
        List<DoNotCallInvalidLine> invalid = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String e164 = dncNumber(numbers.get(i));
            if (e164 == null) {
                String why = dncRefusal(numbers.get(i));
                rejects.add("numbers[" + i + "]: " + why + " (" + AccessScope.mask(numbers.get(i)) + ")");
                invalid.add(DoNotCallInvalidLine.of(i + 1, numbers.get(i), why));
            } else {
                valid.add(e164);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            Instant listedFrom = Instant.now();
            int[] changed = Transactions.inTransaction(c, tx -> add ? insertHashes(tx, valid, null) : deleteHashes(tx, valid));
            int violations = add ? recheckAdded(valid, listedFrom) : recheckRemoved(valid);
            return new DoNotCallResult(null, numbers.size(), add ? changed[0] : 0, add ? changed[1] : 0,
                    add ? 0 : changed[0], rejects.size(), violations, rejects, invalid);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the do-not-call list: " + e.getMessage(), e);
        }
    }

    /** Inserts hashes; returns {added, already listed}. */
    private int[] insertHashes(Connection c, List<String> e164s, Long batchId) throws SQLException {
        Set<String> distinct = new LinkedHashSet<>(e164s);
        List<String> hashes = new ArrayList<>(distinct.size());
        for (String n : distinct) {
            hashes.add(HexFormat.of().formatHex(dnc.hash(c, n)));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dnc_number (number_hash, added_by, batch_id) "
                + "SELECT decode(h, 'hex'), ?, ? FROM unnest(?::text[]) AS h ON CONFLICT (number_hash) DO NOTHING")) {
            ps.setString(1, user.name());
            ps.setObject(2, batchId, Types.BIGINT);
            ps.setArray(3, c.createArrayOf("text", hashes.toArray()));
            int added = ps.executeUpdate();
            return new int[] {added, e164s.size() - added};
        }
    }

    private int[] deleteHashes(Connection c, List<String> e164s) throws SQLException {
        List<String> hashes = new ArrayList<>();
        for (String n : new LinkedHashSet<>(e164s)) {
            hashes.add(HexFormat.of().formatHex(dnc.hash(c, n)));
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dnc_number WHERE number_hash IN "
                + "(SELECT decode(h, 'hex') FROM unnest(?::text[]) AS h)")) {
            ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
            return new int[] {ps.executeUpdate()};
        }
    }

    /**
     * After numbers went on the list at {@code listedFrom} (or later): a call breaks US-DNC only when dialled after its
     * number was listed, so only the stored calls dialled from then on (future-dated ones; five minutes of margin for the clocks) can have
     * changed; the older partitions are not read. Calls that arrive later are checked as they are inserted.
     */
    private int recheckAdded(List<String> e164s, Instant listedFrom) {
        if (e164s.isEmpty()) {
            return 0;
        }
        return recompute("SELECT lead_key FROM call WHERE dial_time >= '" + listedFrom.minusSeconds(300) + "'::timestamptz "
                + "AND regexp_replace(to_number, '\\D', '', 'g') IN (" + digitsIn(e164s) + ")");
    }

    /**
     * After numbers left the list: only the leads whose do-not-call violations are calls to them can change, found from
     * the (few) violation rows rather than from every call.
     */
    private int recheckRemoved(List<String> e164s) {
        if (e164s.isEmpty()) {
            return 0;
        }
        return recompute("SELECT v.lead_key FROM compliance_violation v JOIN compliance_rule r ON r.rule_id = v.rule_id "
                + "AND r.kind = 'DO_NOT_CALL' JOIN call c ON c.call_key = v.call_key AND c.dial_time = v.dial_time "
                + "WHERE regexp_replace(c.to_number, '\\D', '', 'g') IN (" + digitsIn(e164s) + ")");
    }

    /** The national digits of these numbers, with and without the country code 1, as a SQL list of literals. */
    private static String digitsIn(List<String> e164s) {
        Set<String> digits = new HashSet<>();
        for (String n : e164s) {
            String d = n.replaceAll("\\D", "");
            digits.add(d);
            if (d.length() == 11 && d.startsWith("1")) {
                digits.add(d.substring(1));
            }
        }
        StringBuilder in = new StringBuilder();
        for (String d : digits) {
            in.append(in.length() == 0 ? "" : ",").append('\'').append(d).append('\''); // digits only: no quoting issue
        }
        return in.toString();
    }

    private static final Set<String> NUMBER_HEADERS = Set.of("phone", "phonenumber", "number", "tonumber", "telephone",
            "tel", "mobile", "dnc", "e164");

    /**
     * Adds the numbers of a CSV file: a header line with a phone column (phone, number, phone_number, to_number,
     * telephone...; other columns ignored), or no header at all when the first line's first field is a phone number
     * (then each line's first field is the number). One batch (kind do-not-call) with its rejects kept (line, field,
     * reason; the value masked), atomic; then the calls to them are checked again. Audited. Loading a number that is
     * listed already changes nothing, so a file (or one part of it) may be sent again.
     */
    public DoNotCallResult upload(String text, String fileName) throws IOException {
        List<FileBatches.Rejected> rejected = new ArrayList<>();
        List<DoNotCallInvalidLine> invalid = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        int rowsRead = 0;
        try (CsvReader csv = new CsvReader(new StringReader(text), ',')) {
            CsvReader.Row first = csv.header("The do-not-call file");
            int col = -1;
            for (int i = 0; i < first.fields().size(); i++) {
                String h = first.fields().get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                if (NUMBER_HEADERS.contains(h)) {
                    col = i;
                    break;
                }
            }
            boolean headerless = col < 0 && !first.fields().isEmpty() && dnc.e164(first.fields().get(0)) != null;
            // (a first line "555-0100" is a number without area code: refused below, not taken for a header)
            if (headerless) {
                col = 0;
            } else if (col < 0) {
                throw new BadInputException("The do-not-call file has no phone column in its header (line " + first.line()
                        + ": expected one of phone, number, phone_number, to_number, telephone, or a number on each line)");
            }
            CsvReader.Row row = headerless ? first : csv.next();
            for (; row != null; row = csv.next()) {
                rowsRead++;
                String raw = col < row.fields().size() ? row.fields().get(col) : null;
                String e164 = dncNumber(raw);
                if (e164 == null) {
                    String why = dncRefusal(raw);
                    rejected.add(new FileBatches.Rejected(row.line(), null, "phone",
                            raw == null || raw.isBlank() ? null : AccessScope.mask(raw.strip()), why, null));
                    invalid.add(DoNotCallInvalidLine.of(row.line(), raw, why));
                } else {
                    valid.add(e164);
                }
            }
        }
        final int read = rowsRead;
        Instant listedFrom = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            Object[] done = Transactions.inTransaction(c, tx -> {
                FileBatches.lock(tx, "do-not-call");
                long batchId = FileBatches.open(tx, "do-not-call", "do-not-call", fileName, "text/csv", null, List.of(),
                        null);
                int[] changed = insertHashes(tx, valid, batchId);
                FileBatches.rejects(tx, batchId, rejected);
                FileBatches.complete(tx, batchId, read, valid.size(), rejected.size(), changed[1]);
                return new Object[] {batchId, changed};
            });
            long batchId = (Long) done[0];
            int[] changed = (int[]) done[1];
            audit.record(user.name(), user.role(), "uploadDoNotCall", fileName,
                    Map.of("batchId", batchId, "rowsRead", read, "added", changed[0], "rejected", rejected.size()), "OK");
            int violations = recheckAdded(valid, listedFrom);
            return new DoNotCallResult(batchId, read, changed[0], changed[1], 0, rejected.size(), violations,
                    rejected.stream().map(DoNotCallResult::reject).toList(), invalid);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the do-not-call file: " + e.getMessage(), e);
        }
    }

    // ---- report --------------------------------------------------------------------------------

    /**
     * The report over the calls {@code filter} covers, optionally only the violations of {@code ruleCodes}, and only
     * those of leads whose location is known. The filter is applied to the violation rows themselves (they carry the
     * call's dial time, campaign, advertiser and agent); the call fact is joined only for status filters and for the
     * page of calls shown. One scan answers every count (grouping sets).
     */
    public ComplianceReport report(CallFilter filter, List<String> ruleCodes, boolean knownLocationOnly, Integer first,
            String after) {
        int size = Cursors.pageSize(first);
        Cursors.TimeKey cursor = Cursors.decodeTimeKey("violation", after);
        CallFilter f = CallFilter.orEmpty(filter);
        boolean statuses = (f.callStatuses != null && !f.callStatuses.isEmpty())
                || (f.leadStatuses != null && !f.leadStatuses.isEmpty());
        String relation = statuses ? "(SELECT v0.*, c0.call_status, c0.lead_status FROM compliance_violation v0 "
                + "JOIN call c0 ON c0.call_key = v0.call_key AND c0.dial_time = v0.dial_time) c" : "compliance_violation c";
        try (Connection c = reads.connection()) {
            List<Object> params = new ArrayList<>();
            String where = where(c, filter, ruleCodes, knownLocationOnly, params);
            List<Object> countParams = new ArrayList<>();
            countParams.add(businessTime.zone().getId());
            countParams.addAll(params);
            long[] totals = new long[3];
            Map<Long, long[]> byRuleId = new LinkedHashMap<>();
            Map<Integer, long[]> byCampaignKey = new LinkedHashMap<>();
            Map<Integer, long[]> byAgentKey = new LinkedHashMap<>();
            List<ComplianceDay> byDay = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT GROUPING(rule_id, campaign_key, agent_key, d), rule_id, "
                    + "campaign_key, agent_key, d, count(DISTINCT call_key), count(*), "
                    + "count(DISTINCT call_key) FILTER (WHERE NOT location_known) "
                    + "FROM (SELECT c.call_key, c.rule_id, c.campaign_key, c.agent_key, c.location_known, "
                    + "(c.dial_time AT TIME ZONE ?)::date AS d FROM " + relation + where + ") x "
                    + "GROUP BY GROUPING SETS ((), (rule_id), (campaign_key), (agent_key), (d))")) {
                SqlParams.bind(c, ps, countParams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int grouping = rs.getInt(1); // bits: rule 8, campaign 4, agent 2, day 1 (1 = not grouped by it)
                        long[] n = {rs.getLong(6), rs.getLong(7)};
                        if (grouping == 15) {
                            totals[0] = n[0];
                            totals[1] = n[1];
                            totals[2] = rs.getLong(8);
                        } else if (grouping == 7) {
                            byRuleId.put(rs.getLong(2), n);
                        } else if (grouping == 11) {
                            byCampaignKey.put((Integer) rs.getObject(3), n);
                        } else if (grouping == 13) {
                            byAgentKey.put((Integer) rs.getObject(4), n);
                        } else if (grouping == 14) {
                            byDay.add(new ComplianceDay(rs.getObject(5, LocalDate.class), n[0], n[1]));
                        }
                    }
                }
            }
            byDay.sort(java.util.Comparator.comparing(ComplianceDay::day));
            List<ComplianceCount> byRule = named(c, "SELECT rule_id, code, description FROM compliance_rule", byRuleId, true);
            List<ComplianceCount> byCampaign = named(c, "SELECT campaign_key, campaign_id, name FROM campaign", byCampaignKey,
                    false);
            List<ComplianceCount> byAgent = named(c, "SELECT agent_key, agent_id, name FROM agent", byAgentKey, false);
            return new ComplianceReport(totals[0], totals[1], totals[2], byRule, byCampaign, byAgent, byDay,
                    calls(c, relation, where, params, cursor, size));
        } catch (SQLException e) {
            throw new IllegalStateException("Compliance report failed: " + e.getMessage(), e);
        }
    }

    /** Counts keyed by a dimension key, named (id, label) from {@code namesSql}, most violations first. */
    private static <K> List<ComplianceCount> named(Connection c, String namesSql, Map<K, long[]> counts, boolean longKeys)
            throws SQLException {
        Map<Object, String[]> names = new java.util.HashMap<>();
        if (!counts.isEmpty()) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(namesSql)) {
                while (rs.next()) {
                    Object key = longKeys ? (Object) rs.getLong(1) : (Object) rs.getInt(1);
                    if (counts.containsKey(key)) {
                        names.put(key, new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
        }
        List<ComplianceCount> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            String[] name = k == null ? new String[] {null, null} : names.getOrDefault(k, new String[] {String.valueOf(k), null});
            out.add(new ComplianceCount(name[0], name[1], n[0], n[1]));
        });
        out.sort((a, b) -> a.violations() != b.violations() ? Long.compare(b.violations(), a.violations())
                : String.valueOf(a.key()).compareTo(String.valueOf(b.key())));
        return out;
    }

    private String where(Connection c, CallFilter filter, List<String> ruleCodes, boolean knownLocationOnly,
            List<Object> params) throws SQLException {
        String where = reports.callWhere(c, filter, params);
        if (ruleCodes != null && !ruleCodes.isEmpty()) {
            where += (where.isEmpty() ? " WHERE " : " AND ")
                    + "c.rule_id IN (SELECT rule_id FROM compliance_rule WHERE code = ANY(?))";
            params.add(ruleCodes.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toArray(String[]::new));
        }
        if (knownLocationOnly) {
            // only hours and no-call days depend on where the lead is: its other violations stay
            where += (where.isEmpty() ? " WHERE " : " AND ") + "(c.location_known OR c.rule_id NOT IN "
                    + "(SELECT rule_id FROM compliance_rule WHERE kind IN ('CALLING_HOURS', 'NO_CALL_DAYS')))";
        }
        return where;
    }

    private ViolatingCallConnection calls(Connection c, String relation, String where, List<Object> params,
            Cursors.TimeKey cursor, int size) throws SQLException {
        List<Object> p = new ArrayList<>(params);
        String w = where;
        if (cursor != null) {
            p.add(cursor.at());
            p.add(cursor.key());
            w += (w.isEmpty() ? " WHERE " : " AND ") + "(c.dial_time, c.call_key) < (?, ?)";
        }
        String sql = "WITH page AS (SELECT DISTINCT c.dial_time, c.call_key FROM " + relation + w
                + " ORDER BY c.dial_time DESC, c.call_key DESC LIMIT " + (size + 1) + ") "
                + "SELECT p.call_key, cc.call_id, l.lead_id, p.dial_time, cp.campaign_id, ag.agent_id, ag.name, "
                + "cc.to_number, array_agg(r.code ORDER BY r.code), array_agg(v.detail ORDER BY r.code), "
                + "bool_and(v.location_known) "
                + "FROM page p JOIN compliance_violation v ON v.call_key = p.call_key "
                + "JOIN call cc ON cc.call_key = p.call_key AND cc.dial_time = p.dial_time "
                + "JOIN compliance_rule r ON r.rule_id = v.rule_id JOIN lead l ON l.lead_key = cc.lead_key "
                + "LEFT JOIN campaign cp ON cp.campaign_key = cc.campaign_key "
                + "LEFT JOIN agent ag ON ag.agent_key = cc.agent_key "
                + "GROUP BY p.call_key, cc.call_id, l.lead_id, p.dial_time, cp.campaign_id, ag.agent_id, ag.name, cc.to_number "
                + "ORDER BY p.dial_time DESC, p.call_key DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParams.bind(c, ps, p);
            try (ResultSet rs = ps.executeQuery()) {
                Page<ViolatingCallEdge> page = Page.read(rs, size, r -> {
                    OffsetDateTime dial = r.getObject(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
                    String number = r.getString(8);
                    ViolatingCall call = new ViolatingCall(r.getString(2), r.getString(3), dial, r.getString(5),
                            r.getString(6), r.getString(7), scope.fullNumbers() ? number : AccessScope.mask(number),
                            Arrays.asList((String[]) r.getArray(9).getArray()),
                            Arrays.asList((String[]) r.getArray(10).getArray()), r.getBoolean(11));
                    return new ViolatingCallEdge(Cursors.encode("violation", dial, r.getLong(1)), call);
                });
                return new ViolatingCallConnection(page.edges(), page.pageInfo(ViolatingCallEdge::cursor));
            }
        }
    }

    /**
     * The newest violating calls dialled since {@code since} within the filter's campaigns, advertisers and agents
     * (its times and statuses ignored), for the live floor: read off the request (no caller scope), so without
     * numbers; the caller narrows the filter first.
     */
    public List<ViolatingCall> latestViolations(CallFilter filter, Instant since, int limit) {
        CallFilter f = CallFilter.orEmpty(filter);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE v.dial_time >= ?");
        params.add(since.atOffset(ZoneOffset.UTC));
        if (f.campaignIds != null && !f.campaignIds.isEmpty()) {
            where.append(" AND cp.campaign_id = ANY(?)");
            params.add(f.campaignIds.toArray(String[]::new));
        }
        if (f.advertiserIds != null && !f.advertiserIds.isEmpty()) {
            where.append(" AND v.advertiser_key IN (SELECT advertiser_key FROM advertiser WHERE advertiser_id = ANY(?))");
            params.add(f.advertiserIds.toArray(String[]::new));
        }
        if (f.agentIds != null && !f.agentIds.isEmpty()) {
            where.append(" AND ag.agent_id = ANY(?)");
            params.add(f.agentIds.toArray(String[]::new));
        }
        String sql = "SELECT v.call_id, l.lead_id, v.dial_time, cp.campaign_id, ag.agent_id, ag.name, "
                + "array_agg(r.code ORDER BY r.code), array_agg(v.detail ORDER BY r.code), bool_and(v.location_known) "
                + "FROM compliance_violation v JOIN compliance_rule r ON r.rule_id = v.rule_id "
                + "JOIN lead l ON l.lead_key = v.lead_key LEFT JOIN campaign cp ON cp.campaign_key = v.campaign_key "
                + "LEFT JOIN agent ag ON ag.agent_key = v.agent_key" + where
                + " GROUP BY v.call_key, v.call_id, l.lead_id, v.dial_time, cp.campaign_id, ag.agent_id, ag.name "
                + "ORDER BY v.dial_time DESC, v.call_key DESC LIMIT " + limit;
        List<ViolatingCall> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParams.bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ViolatingCall(rs.getString(1), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), rs.getString(4),
                            rs.getString(5), rs.getString(6), null, Arrays.asList((String[]) rs.getArray(7).getArray()),
                            Arrays.asList((String[]) rs.getArray(8).getArray()), rs.getBoolean(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the latest violations: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
