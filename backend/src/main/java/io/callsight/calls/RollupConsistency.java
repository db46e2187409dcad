package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.AppState;
import io.callsight.common.BusinessTime;
import io.callsight.common.ConsistencyCheck;

/**
 * Compares the rollups with what a rebuild from the call fact would give (the same SELECTs
 * {@link RollupMaintenance} inserts from): agent_day_rollup, status_day_rollup and lead_rollup row by
 * row on their grain (counts and timestamps exact, duration sums within 1e-9 relative or 1e-6
 * absolute, as incremental sums add in another order), conversion_call as a multiset. Runs in the
 * caller's transaction, which should be one snapshot (ingest writes the fact and the rollups in one
 * transaction, so a snapshot is consistent).
 */
@ApplicationScoped
public class RollupConsistency {

    /** A grain column and how an example names it ("" = the value alone). */
    private record Key(String column, String label) {
    }

    /** One rollup: its table, grain, compared columns and the SELECT that rebuilds it from the call fact. */
    private record Rollup(String table, List<Key> grain, List<String> exact, List<String> sums, String select,
            boolean zoneBind) {
    }

    private static final List<String> ADDITIVE_COUNTS = List.of("calls", "connected", "interested_calls", "agent_n",
            "customer_n", "aht_n");
    private static final List<String> ADDITIVE_SUMS = List.of("agent_sum", "customer_sum", "aht_sum");

    private static final Rollup AGENT_DAY = new Rollup("agent_day_rollup",
            List.of(new Key("work_day", ""), new Key("campaign_key", "campaign"), new Key("advertiser_key", "advertiser"),
                    new Key("agent_key", "agent")),
            concat(ADDITIVE_COUNTS, List.of("first_dial", "last_end")), ADDITIVE_SUMS,
            RollupMaintenance.agentDaySelect("call"), true);

    private static final Rollup STATUS_DAY = new Rollup("status_day_rollup",
            List.of(new Key("work_day", ""), new Key("campaign_key", "campaign"), new Key("advertiser_key", "advertiser"),
                    new Key("call_status", ""), new Key("lead_status", "")),
            ADDITIVE_COUNTS, ADDITIVE_SUMS, RollupMaintenance.statusDaySelect("call"), true);

    private static final Rollup LEAD = new Rollup("lead_rollup",
            List.of(new Key("lead_key", "lead"), new Key("campaign_key", "campaign"), new Key("advertiser_key", "advertiser")),
            concat(List.of("first_dial", "last_dial"), ADDITIVE_COUNTS,
                    List.of("any_connected", "converted", "qualified", "lost")),
            ADDITIVE_SUMS, RollupMaintenance.leadRollupSelect("call", ""), false);

    /** lead_span_rollup against the not-shared lead_rollup rows (V058); one bind: the time zone of the days. */
    private static final Rollup LEAD_SPAN = new Rollup("lead_span_rollup",
            List.of(new Key("campaign_key", "campaign"), new Key("advertiser_key", "advertiser"), new Key("first_day", "first"),
                    new Key("last_day", "last")),
            concat(List.of("leads", "any_connected", "converted", "qualified", "lost"), ADDITIVE_COUNTS), ADDITIVE_SUMS,
            "SELECT r.campaign_key, r.advertiser_key, (r.first_dial AT TIME ZONE z.zone)::date AS first_day, "
                    + "(r.last_dial AT TIME ZONE z.zone)::date AS last_day, count(*) AS leads, "
                    + "count(*) FILTER (WHERE r.any_connected) AS any_connected, count(*) FILTER (WHERE r.converted) AS converted, "
                    + "count(*) FILTER (WHERE r.qualified) AS qualified, count(*) FILTER (WHERE r.lost) AS lost, "
                    + "sum(r.calls) AS calls, sum(r.connected) AS connected, sum(r.interested_calls) AS interested_calls, "
                    + "sum(r.agent_sum) AS agent_sum, sum(r.agent_n) AS agent_n, sum(r.customer_sum) AS customer_sum, "
                    + "sum(r.customer_n) AS customer_n, sum(r.aht_sum) AS aht_sum, sum(r.aht_n) AS aht_n "
                    + "FROM lead_rollup r CROSS JOIN (SELECT ?::text AS zone) z WHERE NOT r.shared GROUP BY 1, 2, 3, 4",
            true);

    private static final Rollup LEAD_DAY = new Rollup("lead_day_rollup",
            List.of(new Key("lead_key", "lead"), new Key("work_day", ""), new Key("campaign_key", "campaign"),
                    new Key("advertiser_key", "advertiser")),
            List.of("any_connected", "converted", "qualified", "lost"), List.of(), RollupMaintenance.leadDaySelect("call"),
            true);

    /** lead_day_count against the not-shared lead_day_rollup rows (V070). */
    private static final Rollup LEAD_DAY_COUNT = new Rollup("lead_day_count",
            List.of(new Key("work_day", ""), new Key("campaign_key", "campaign"), new Key("advertiser_key", "advertiser")),
            List.of("leads", "any_connected", "converted", "qualified", "lost"), List.of(),
            "SELECT work_day, campaign_key, advertiser_key, count(*) AS leads, count(*) FILTER (WHERE any_connected) "
                    + "AS any_connected, count(*) FILTER (WHERE converted) AS converted, count(*) FILTER (WHERE qualified) "
                    + "AS qualified, count(*) FILTER (WHERE lost) AS lost FROM lead_day_rollup WHERE NOT shared GROUP BY 1, 2, 3",
            false);

    /** agent_conversion_day against the not-repeated conversion_call rows with an agent (V059); one bind: the time zone. */
    private static final Rollup AGENT_CONVERSION_DAY = new Rollup("agent_conversion_day",
            List.of(new Key("work_day", ""), new Key("agent_key", "agent"), new Key("campaign_key", "campaign"),
                    new Key("advertiser_key", "advertiser"), new Key("call_status", "")),
            List.of("leads"), List.of(),
            "SELECT (c.dial_time AT TIME ZONE ?)::date AS work_day, c.agent_key, c.campaign_key, c.advertiser_key, "
                    + "c.call_status, count(*) AS leads FROM conversion_call c WHERE c.agent_key IS NOT NULL AND NOT c.repeated "
                    + "GROUP BY 1, 2, 3, 4, 5",
            true);

    private static final List<String> CONVERSION_COLUMNS = List.of("dial_time", "lead_key", "agent_key", "campaign_key",
            "advertiser_key", "call_status");

    @Inject
    BusinessTime businessTime;

    /**
     * The checks, in the caller's transaction: the time zone the rollups were cut in, then each
     * rollup (its working days in that zone).
     */
    public List<ConsistencyCheck> check(Connection c) throws SQLException {
        String business = businessTime.zone().getId();
        String cutIn = AppState.get(c, RollupMaintenance.ROLLUP_TIME_ZONE);
        List<ConsistencyCheck> checks = new ArrayList<>();
        checks.add(business.equals(cutIn) ? ConsistencyCheck.of(RollupMaintenance.ROLLUP_TIME_ZONE, 0, List.of())
                : ConsistencyCheck.of(RollupMaintenance.ROLLUP_TIME_ZONE, 1, List.of("the rollups were cut in '"
                        + (cutIn == null ? "" : cutIn) + "', the business time zone is '" + business
                        + "' (they are rebuilt at the next start)")));
        String zone = cutIn == null || cutIn.isEmpty() ? business : cutIn;
        for (Rollup r : List.of(AGENT_DAY, STATUS_DAY, LEAD, LEAD_SPAN)) {
            checks.add(compare(c, r, zone));
        }
        checks.add(allMarked(c, "lead_rollup", "shared", "lead_key", "lead"));
        checks.add(compare(c, LEAD_DAY, zone));
        checks.add(compare(c, LEAD_DAY_COUNT, zone));
        checks.add(allMarked(c, "lead_day_rollup", "shared", "lead_key, work_day", "lead/day"));
        checks.add(conversions(c));
        checks.add(compare(c, AGENT_CONVERSION_DAY, zone));
        checks.add(allMarked(c, "conversion_call", "repeated", "lead_key, agent_key", "lead/agent"));
        return checks;
    }

    /** The grain rows of {@code r} that differ from the rebuilt ones: missing, extra, or with another value. */
    private static ConsistencyCheck compare(Connection c, Rollup r, String zone) throws SQLException {
        String key = r.grain().stream().map(Key::column).collect(Collectors.joining(", ", "ROW(", ")::text"));
        List<String> compared = concat(r.exact(), r.sums());
        StringBuilder sql = new StringBuilder("SELECT count(*) OVER (), r.k IS NOT NULL, f.k IS NOT NULL");
        for (Key g : r.grain()) {
            sql.append(", coalesce(r.").append(g.column()).append(", f.").append(g.column()).append(")");
        }
        for (String col : compared) {
            sql.append(", r.").append(col).append(", f.").append(col);
        }
        sql.append(" FROM (SELECT t.*, ").append(key).append(" AS k FROM ").append(r.table()).append(" t) r ")
                .append("FULL JOIN (SELECT s.*, ").append(key).append(" AS k FROM (").append(r.select())
                .append(") s) f ON f.k = r.k WHERE r.k IS NULL OR f.k IS NULL");
        for (String col : r.exact()) {
            sql.append(" OR r.").append(col).append(" IS DISTINCT FROM f.").append(col);
        }
        for (String col : r.sums()) {
            sql.append(" OR abs(r.").append(col).append(" - f.").append(col).append(") > greatest(1e-6, 1e-9 * greatest(abs(r.")
                    .append(col).append("), abs(f.").append(col).append(")))");
        }
        sql.append(" ORDER BY coalesce(r.k, f.k) LIMIT ").append(ConsistencyCheck.EXAMPLES);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (r.zoneBind()) {
                ps.setString(1, zone);
            }
            long mismatches = 0;
            List<String> examples = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mismatches = rs.getLong(1);
                    examples.add(example(rs, r, compared));
                }
            }
            return ConsistencyCheck.of(r.table(), mismatches, examples);
        }
    }

    private static String example(ResultSet rs, Rollup r, List<String> compared) throws SQLException {
        boolean inRollup = rs.getBoolean(2);
        boolean inFact = rs.getBoolean(3);
        List<String> grain = new ArrayList<>();
        int i = 4;
        for (Key g : r.grain()) {
            String v = rs.getString(i++);
            v = v == null ? "none" : v;
            grain.add(g.label().isEmpty() ? v : g.label() + " " + v);
        }
        List<String> rollup = new ArrayList<>();
        List<String> fact = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String col : compared) {
            String a = rs.getString(i++);
            String b = rs.getString(i++);
            rollup.add(col + " " + a);
            fact.add(col + " " + b);
            boolean differs = r.sums().contains(col)
                    ? Math.abs(rs.getDouble(i - 2) - rs.getDouble(i - 1)) > Math.max(1e-6,
                            1e-9 * Math.max(Math.abs(rs.getDouble(i - 2)), Math.abs(rs.getDouble(i - 1))))
                    : !Objects.equals(a, b);
            if (differs) {
                differ.add(col + " " + a + " vs " + b);
            }
        }
        int calls = Math.max(0, compared.indexOf("calls")); // a rollup without calls: its first column
        String what;
        if (!inRollup) {
            what = "missing from the rollup (the fact gives " + fact.get(calls) + ")";
        } else if (!inFact) {
            what = "not in the fact (the rollup has " + rollup.get(calls) + ")";
        } else {
            what = String.join(", ", differ) + " from the fact";
        }
        return r.table() + " " + String.join("/", grain) + ": " + what;
    }

    /**
     * Groups of {@code table} by {@code key} with more than one row must have all of them marked by
     * {@code flag} (counted by DISTINCT): lead_rollup.shared per lead, conversion_call.repeated per lead and agent.
     */
    private static ConsistencyCheck allMarked(Connection c, String table, String flag, String key, String label)
            throws SQLException {
        String sql = "SELECT count(*) OVER (), concat_ws('/', " + key + ") FROM " + table + " WHERE "
                + key.replace(", ", " IS NOT NULL AND ") + " IS NOT NULL GROUP BY " + key + " HAVING count(*) > 1 AND NOT bool_and("
                + flag + ") ORDER BY " + key + " LIMIT " + ConsistencyCheck.EXAMPLES;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            long mismatches = 0;
            List<String> examples = new ArrayList<>();
            while (rs.next()) {
                mismatches = rs.getLong(1);
                examples.add(table + " " + label + " " + rs.getString(2) + ": several rows, not all marked " + flag);
            }
            return ConsistencyCheck.of(table + "." + flag, mismatches, examples);
        }
    }

    /** conversion_call against the fact's Interested calls, as multisets (it has no key). */
    private static ConsistencyCheck conversions(Connection c) throws SQLException {
        String cols = String.join(", ", CONVERSION_COLUMNS);
        String sql = "WITH r AS (SELECT " + cols + " FROM conversion_call), f AS (" + RollupMaintenance.conversionSelect("call")
                + "), d AS (SELECT 'not in the fact' AS side, x.* FROM (TABLE r EXCEPT ALL TABLE f) x "
                + "UNION ALL SELECT 'missing from conversion_call', y.* FROM (TABLE f EXCEPT ALL TABLE r) y) "
                + "SELECT count(*) OVER (), side, " + cols + " FROM d ORDER BY dial_time, lead_key, side LIMIT "
                + ConsistencyCheck.EXAMPLES;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            long mismatches = 0;
            List<String> examples = new ArrayList<>();
            while (rs.next()) {
                mismatches = rs.getLong(1);
                List<String> row = new ArrayList<>();
                for (int i = 0; i < CONVERSION_COLUMNS.size(); i++) {
                    row.add(CONVERSION_COLUMNS.get(i) + " " + rs.getString(3 + i));
                }
                examples.add("conversion_call " + String.join(", ", row) + ": " + rs.getString(2));
            }
            return ConsistencyCheck.of("conversion_call", mismatches, examples);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }
}
