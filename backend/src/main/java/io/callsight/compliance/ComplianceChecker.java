package io.callsight.compliance;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.callsight.calls.InsertedCallsListener;
import io.callsight.calls.StatusNormalizer;
import io.callsight.common.LeadLocation;
import io.callsight.feeds.FeedHolds;

/**
 * Finds the calling-rule violations of calls as they are stored (file batches and live events: on the
 * insert's transaction, so a violation and the feed hold it causes commit with the call) and again after a
 * rule or the do-not-call list changes. The unit of work is the lead: all calls of every lead that got a
 * new call are evaluated again and their violations replaced, so late calls (attempt counts, an earlier
 * opt-out) re-evaluate the calls around them and a repeated batch changes nothing.
 */
@ApplicationScoped
public class ComplianceChecker implements InsertedCallsListener {

    private static final Logger LOG = Logger.getLogger(ComplianceChecker.class);

    /** The lead's ZIP code (V074), with its number the place the rules are checked in. */
    static final String LEAD_ZIP = "l.zip";

    @Inject
    ComplianceConfig config;

    @Inject
    DncHasher dnc;

    @Inject
    FeedHolds holds;

    @Override
    public void afterInsert(Connection c, long callKeyAbove) throws SQLException {
        RuleEvaluator evaluator = evaluator(c);
        if (!evaluator.hasRules()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS compliance_leads");
            st.execute("CREATE TEMP TABLE compliance_leads ON COMMIT DROP AS SELECT DISTINCT lead_key FROM call "
                    + "WHERE call_key > " + callKeyAbove);
        }
        long t0 = System.nanoTime();
        int[] counts = evaluate(c, evaluator, "SELECT lead_key FROM compliance_leads", true, null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms >= 500) {
            LOG.infof("Compliance check of the inserted calls: %d violations, %d feed leads held, %d ms (%s)", counts[0],
                    counts[1], ms, lastSteps);
        }
    }

    /** The enabled rules, statuses normalised with the stored synonyms. */
    RuleEvaluator evaluator(Connection c) throws SQLException {
        StatusNormalizer statuses = StatusNormalizer.load(c);
        List<RuleEvaluator.Rule> rules = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT rule_id, code, jurisdiction, "
                + "kind, weekdays, start_minute, end_minute, max_attempts, window_hours, statuses, holidays "
                + "FROM compliance_rule WHERE enabled ORDER BY rule_id")) {
            while (rs.next()) {
                Set<DayOfWeek> days = new HashSet<>();
                Array wd = rs.getArray(5);
                if (wd != null) {
                    for (Object d : (Object[]) wd.getArray()) {
                        days.add(DayOfWeek.of(((Number) d).intValue()));
                    }
                }
                Set<String> keys = new HashSet<>();
                Array st2 = rs.getArray(10);
                if (st2 != null) {
                    for (Object s : (Object[]) st2.getArray()) {
                        String raw = (String) s;
                        keys.add(StatusNormalizer.key(raw));
                        keys.add(StatusNormalizer.key(statuses.leadStatus(raw)));
                        keys.add(StatusNormalizer.key(statuses.callStatus(raw)));
                    }
                }
                rules.add(new RuleEvaluator.Rule(rs.getLong(1), rs.getString(2), rs.getString(3),
                        RuleKind.valueOf(rs.getString(4)), days, minute(rs, 6), minute(rs, 7), rs.getInt(8), rs.getInt(9),
                        keys, rs.getBoolean(11)));
            }
        }
        List<ZoneId> unknown = config.unknownLocationZones().stream().map(ZoneId::of).toList();
        return new RuleEvaluator(rules, unknown, holidays(c));
    }

    /** The legal holidays of the jurisdictions whose enabled rules forbid calls on them. */
    private static Map<String, Map<LocalDate, String>> holidays(Connection c) throws SQLException {
        Map<String, Map<LocalDate, String>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT jurisdiction, day, name "
                + "FROM compliance_holiday WHERE jurisdiction IN (SELECT jurisdiction FROM compliance_rule "
                + "WHERE enabled AND holidays)")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getObject(2, LocalDate.class),
                        rs.getString(3));
            }
        }
        return out;
    }

    private static LocalTime minute(ResultSet rs, int i) throws SQLException {
        int m = rs.getInt(i);
        if (rs.wasNull()) {
            return null;
        }
        return m >= 1440 ? LocalTime.MAX : LocalTime.of(m / 60, m % 60);
    }

    /**
     * Evaluates every call of the leads {@code leadKeysSql} selects and replaces their violations; with
     * {@code hold}, holds the feed entries their violating calls verified. With {@code onlyRuleId}, only that rule's
     * violations are replaced ({@code evaluator} then holds that rule alone, or none when it is disabled): the rules
     * are independent, so the others' rows stand. Returns {violations, leads held}.
     */
    int[] evaluate(Connection c, RuleEvaluator evaluator, String leadKeysSql, boolean hold, Long onlyRuleId)
            throws SQLException {
        long started = System.nanoTime();
        Map<Integer, List<RuleEvaluator.Call>> byLead = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.call_key, c.call_id, c.lead_key, c.campaign_key, "
                + "c.advertiser_key, c.agent_key, c.dial_time, c.to_number, " + LEAD_ZIP + ", c.lead_status, c.call_status "
                + "FROM call c JOIN lead l ON l.lead_key = c.lead_key WHERE c.lead_key IN (" + leadKeysSql + ")")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RuleEvaluator.Call call = new RuleEvaluator.Call(rs.getLong(1), rs.getString(2), rs.getInt(3),
                            (Integer) rs.getObject(4), (Integer) rs.getObject(5), (Integer) rs.getObject(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11));
                    byLead.computeIfAbsent(call.leadKey(), k -> new ArrayList<>()).add(call);
                }
            }
        }
        long loaded = System.nanoTime();
        boolean dncRule = evaluator.rules().stream().anyMatch(r -> r.kind() == RuleKind.DO_NOT_CALL);
        Map<String, Instant> dncSince = dncRule ? dncSince(c, byLead) : Map.of();
        List<RuleEvaluator.Found> found = new ArrayList<>();
        for (List<RuleEvaluator.Call> calls : byLead.values()) {
            found.addAll(evaluator.evaluateLead(calls, call -> cachedPlace(call.zip(), call.toNumber()), dncSince::get));
        }
        long evaluated = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM compliance_violation WHERE lead_key = ANY(?)"
                + (onlyRuleId != null ? " AND rule_id = ?" : ""))) {
            ps.setArray(1, c.createArrayOf("integer", byLead.keySet().toArray()));
            if (onlyRuleId != null) {
                ps.setLong(2, onlyRuleId);
            }
            ps.executeUpdate();
        }
        insert(c, found);
        long written = System.nanoTime();
        int held = 0;
        if (hold) {
            Map<Long, String> reasons = new TreeMap<>();
            for (RuleEvaluator.Found f : found) {
                boolean onlyForUnknownPlace = !f.locationKnown()
                        && (f.rule().kind() == RuleKind.CALLING_HOURS || f.rule().kind() == RuleKind.NO_CALL_DAYS);
                if (!onlyForUnknownPlace || config.holdUnknownLocation()) {
                    reasons.merge(f.call().callKey(), f.rule().code() + ": " + f.detail(), (a, b) -> a + "; " + b);
                }
            }
            held = holds.holdVerifiedBy(c, reasons);
        }
        lastSteps = String.format(java.util.Locale.ROOT, "load %d ms, evaluate %d ms, write %d ms",
                (loaded - started) / 1_000_000, (evaluated - loaded) / 1_000_000, (written - evaluated) / 1_000_000);
        return new int[] {found.size(), held};
    }

    /** The step times of the last evaluation on this thread's instance, for the log. */
    private volatile String lastSteps = "";

    /** {@link #place}, from the process-wide cache of {@link LeadLocation#cached}. */
    static RuleEvaluator.Place cachedPlace(String zip, String number) {
        return placeOf(LeadLocation.cached(zip, number));
    }

    static RuleEvaluator.Place place(String zip, String number) {
        return placeOf(LeadLocation.resolve(zip, number));
    }

    private static RuleEvaluator.Place placeOf(LeadLocation loc) {
        return loc.known() ? new RuleEvaluator.Place(loc.states(), loc.zones()) : RuleEvaluator.Place.UNKNOWN;
    }

    /** When each dialled number of these calls went on the do-not-call list (absent: not on it). */
    private Map<String, Instant> dncSince(Connection c, Map<Integer, List<RuleEvaluator.Call>> byLead)
            throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM dnc_number")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return out;
            }
        }
        Map<String, String> e164ByRaw = new HashMap<>();
        for (List<RuleEvaluator.Call> calls : byLead.values()) {
            for (RuleEvaluator.Call call : calls) {
                if (call.toNumber() != null && !e164ByRaw.containsKey(call.toNumber())) {
                    e164ByRaw.put(call.toNumber(), dnc.e164(call.toNumber()));
                }
            }
        }
        Map<String, byte[]> hashByE164 = new HashMap<>();
        for (String e164 : e164ByRaw.values()) {
            if (e164 != null) {
                hashByE164.computeIfAbsent(e164, k -> hashOrNull(c, k));
            }
        }
        if (hashByE164.isEmpty()) {
            return out;
        }
        Map<String, Instant> sinceByHex = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT number_hash, added_at FROM dnc_number "
                + "WHERE number_hash IN (SELECT decode(h, 'hex') FROM unnest(?::text[]) AS h)")) {
            ps.setArray(1, c.createArrayOf("text",
                    hashByE164.values().stream().map(h -> java.util.HexFormat.of().formatHex(h)).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sinceByHex.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)),
                            rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        for (Map.Entry<String, String> e : e164ByRaw.entrySet()) {
            if (e.getValue() != null) {
                Instant since = sinceByHex.get(java.util.HexFormat.of().formatHex(hashByE164.get(e.getValue())));
                if (since != null) {
                    out.put(e.getKey(), since);
                }
            }
        }
        return out;
    }

    private byte[] hashOrNull(Connection c, String e164) {
        try {
            return dnc.hash(c, e164);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the violations through COPY (CSV): a batch of demo size finds hundreds of thousands. */
    private static void insert(Connection c, List<RuleEvaluator.Found> found) throws SQLException {
        if (found.isEmpty()) {
            return;
        }
        try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "COPY compliance_violation "
                + "(call_key, rule_id, call_id, dial_time, lead_key, campaign_key, advertiser_key, agent_key, location_known, "
                + "detail) FROM STDIN (FORMAT csv)", 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            for (RuleEvaluator.Found f : found) {
                RuleEvaluator.Call call = f.call();
                w.append(Long.toString(call.callKey())).append(',').append(Long.toString(f.rule().id())).append(',');
                csv(w, call.callId());
                w.append(',').append(call.dialTime().toString()).append(',').append(Integer.toString(call.leadKey()))
                        .append(',').append(nullable(call.campaignKey())).append(',').append(nullable(call.advertiserKey()))
                        .append(',').append(nullable(call.agentKey())).append(',').append(f.locationKnown() ? "t" : "f")
                        .append(',');
                csv(w, f.detail());
                w.append('\n');
            }
        } catch (IOException e) {
            throw new SQLException("Could not write the violations: " + e.getMessage(), e);
        }
    }

    private static String nullable(Integer v) {
        return v == null ? "" : v.toString();
    }

    private static void csv(Writer w, String v) throws IOException {
        w.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
}
