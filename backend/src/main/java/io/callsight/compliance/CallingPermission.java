package io.callsight.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * "May this lead be called at this time?" for the dial strategy: a proposed call is evaluated with the lead's earlier
 * dials by the same rules, in the same way, as a stored call is (every candidate zone of an ambiguous place, attempt
 * limits over the rolling window, the do-not-call list), so a recommended time never breaks a rule the compliance
 * report would then flag.
 */
@ApplicationScoped
public class CallingPermission {

    @Inject
    ComplianceChecker checker;

    @Inject
    DncHasher dnc;

    /** An earlier dial of the lead, as the rules need it. */
    public record Dial(Instant at, String toNumber) {
    }

    /** The enabled rules as loaded now: load once per request or export, then ask many times. */
    public Rules load(Connection c) throws SQLException {
        return new Rules(checker.evaluator(c), c, dnc);
    }

    /** The rules of one load. Not thread-safe (it caches the do-not-call answers). */
    public static final class Rules {
        private final RuleEvaluator evaluator;
        private final Connection connection;
        private final DncHasher dnc;
        /** Number -> when it was listed, {@link #NOT_LISTED} when it is not: every number asked, once. */
        private final Map<String, Instant> dncSince = new HashMap<>();
        private static final Instant NOT_LISTED = Instant.MIN;
        private final boolean listEmpty;

        Rules(RuleEvaluator evaluator, Connection c, DncHasher dnc) throws SQLException {
            this.evaluator = evaluator;
            this.connection = c;
            this.dnc = dnc;
            try (PreparedStatement ps = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM dnc_number)");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                this.listEmpty = rs.getBoolean(1);
            }
        }

        /** When {@code number} went on the internal do-not-call list; null when it is not on it. */
        public Instant onDoNotCallListSince(String number) {
            if (number == null || listEmpty) {
                return null;
            }
            if (!dncSince.containsKey(number)) {
                prefetch(List.of(number));
            }
            Instant since = dncSince.get(number);
            return since == NOT_LISTED ? null : since;
        }

        /** Reads whether each of {@code numbers} is on the do-not-call list in one query (asked later from the cache). */
        public void prefetch(Collection<String> numbers) {
            if (listEmpty) {
                return;
            }
            Map<String, List<String>> numbersByHash = new HashMap<>();
            for (String n : numbers) {
                if (n == null || dncSince.containsKey(n)) {
                    continue;
                }
                dncSince.put(n, NOT_LISTED);
                String e164 = dnc.e164(n);
                if (e164 != null) {
                    try {
                        numbersByHash.computeIfAbsent(HexFormat.of().formatHex(dnc.hash(connection, e164)),
                                k -> new ArrayList<>()).add(n);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Could not hash a number: " + e.getMessage(), e);
                    }
                }
            }
            if (numbersByHash.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT encode(number_hash, 'hex'), added_at "
                    + "FROM dnc_number WHERE number_hash IN (SELECT decode(h, 'hex') FROM unnest(?::text[]) AS h)")) {
                ps.setArray(1, connection.createArrayOf("text", numbersByHash.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant since = rs.getObject(2, OffsetDateTime.class).toInstant();
                        for (String n : numbersByHash.get(rs.getString(1))) {
                            dncSince.put(n, since);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the do-not-call list: " + e.getMessage(), e);
            }
        }

        /** A week without a legal holiday (Monday 2026-06-22 to Sunday 06-28) to read the rules of a weekday on. */
        private static final Instant PLAIN_MONDAY = Instant.parse("2026-06-22T00:00:00Z");
        private static final RuleEvaluator.Place NOWHERE = new RuleEvaluator.Place(List.of(), List.of(ZoneOffset.UTC));

        /**
         * Whether the calling-hours and no-call-days rules (federal and, with {@code state}, the state's) permit calls
         * through the whole local hour {@code hour} on an ordinary (not holiday) {@code day}.
         */
        public boolean hourPermitted(String state, DayOfWeek day, int hour) {
            RuleEvaluator.Place place = state == null ? NOWHERE
                    : new RuleEvaluator.Place(List.of(state), List.of(ZoneOffset.UTC));
            Instant start = PLAIN_MONDAY.plusSeconds((day.getValue() - 1) * 86_400L + hour * 3_600L);
            for (Instant at : List.of(start, start.plusSeconds(3_599))) {
                RuleEvaluator.Call call = new RuleEvaluator.Call(0, "hour", 0, null, null, null, at, null, null, null, null);
                for (RuleEvaluator.Found f : evaluator.evaluateLead(List.of(call), c -> place, n -> null)) {
                    // a no-call-days rule forbids the whole day when it lists the weekday (its holidays are dates:
                    // wouldBreak sees them)
                    if (f.rule().kind() == RuleKind.CALLING_HOURS
                            || f.rule().kind() == RuleKind.NO_CALL_DAYS && f.rule().days().contains(day)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * The rules a call to {@code number} (lead ZIP {@code zip}) at {@code at} would break, after the lead's
         * {@code earlier} dials, each as "CODE: detail"; empty when the call is permitted. A lead of unknown place is
         * held to the rules in every continental zone, as its stored calls are.
         */
        public List<String> wouldBreak(String zip, String number, List<Dial> earlier, Instant at) {
            List<RuleEvaluator.Call> calls = new ArrayList<>(earlier.size() + 1);
            long key = 0;
            for (Dial d : earlier) {
                calls.add(new RuleEvaluator.Call(key++, "earlier", 0, null, null, null, d.at(), d.toNumber(), zip, null,
                        null));
            }
            RuleEvaluator.Call proposed = new RuleEvaluator.Call(Long.MAX_VALUE, "proposed", 0, null, null, null, at,
                    number, zip, null, null);
            calls.add(proposed);
            RuleEvaluator.Place place = ComplianceChecker.cachedPlace(zip, number);
            List<String> broken = new ArrayList<>();
            for (RuleEvaluator.Found f : evaluator.evaluateLead(calls, c -> place, this::onDoNotCallListSince)) {
                if (f.call() == proposed) {
                    broken.add(f.rule().code() + ": " + f.detail());
                }
            }
            return broken;
        }
    }
}
