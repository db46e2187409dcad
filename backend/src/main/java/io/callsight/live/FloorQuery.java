package io.callsight.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callsight.calls.Qualification;
import io.callsight.calls.StatusNormalizer;
import io.callsight.reports.CallFilter;

/**
 * The floor's numbers in one scan of today's calls (dial-time index), with the metric catalog's
 * definitions (ARCHITECTURE §3, the same SQL predicates as the report engine: Answered, Interested,
 * the advertiser's qualification criteria): per lead and campaign first, then per campaign and in
 * total (a lead counts once in the total however many campaigns called it), for today and for the
 * last 15 minutes at once. The report engine answers the same numbers for the same windows (a test
 * holds them equal); this exists because the floor is asked every second while calls stream in.
 */
final class FloorQuery {

    /** One group's counts: today and the recent window. */
    record Counts(LiveMetrics today, LiveMetrics recent) {
    }

    /** The result: per campaign key (id, name, advertiser id, counts) and the total. */
    record Result(Map<String, Object[]> campaigns, Counts total) {
    }

    private FloorQuery() {
    }

    static Result run(Connection c, CallFilter f, Instant dayStart, Instant dayEnd, Instant recentStart)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String recent = "c.dial_time >= ?::timestamptz";
        StringBuilder inner = new StringBuilder("SELECT c.campaign_key, c.lead_key, count(*) AS calls, "
                + "count(*) FILTER (WHERE c.call_status = 'Answered') AS connected, "
                + "bool_or(c.lead_status = 'Interested') AS converted, "
                + "bool_or(c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA + ") AS qualified, "
                + "count(*) FILTER (WHERE " + recent + ") AS r_calls, "
                + "count(*) FILTER (WHERE " + recent + " AND c.call_status = 'Answered') AS r_connected, "
                + "bool_or(" + recent + ") AS r_lead, "
                + "bool_or(" + recent + " AND c.lead_status = 'Interested') AS r_converted, "
                + "bool_or(" + recent + " AND c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA
                + ") AS r_qualified "
                + "FROM call c LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "WHERE c.dial_time >= ?::timestamptz AND c.dial_time < ?::timestamptz");
        OffsetDateTime r = recentStart.atOffset(ZoneOffset.UTC);
        for (int i = 0; i < 5; i++) {
            params.add(r);
        }
        params.add(dayStart.atOffset(ZoneOffset.UTC));
        params.add(dayEnd.atOffset(ZoneOffset.UTC));
        where(c, f, inner, params);
        inner.append(" GROUP BY c.campaign_key, c.lead_key");
        String sql = "SELECT x.campaign_key, grouping(x.campaign_key) AS total, sum(x.calls), sum(x.connected), "
                + "count(DISTINCT x.lead_key), count(DISTINCT x.lead_key) FILTER (WHERE x.converted), "
                + "count(DISTINCT x.lead_key) FILTER (WHERE x.qualified), sum(x.r_calls), sum(x.r_connected), "
                + "count(DISTINCT x.lead_key) FILTER (WHERE x.r_lead), count(DISTINCT x.lead_key) FILTER (WHERE x.r_converted), "
                + "count(DISTINCT x.lead_key) FILTER (WHERE x.r_qualified), min(cp.campaign_id), min(cp.name), "
                + "min(ad.advertiser_id) FROM (" + inner + ") x LEFT JOIN campaign cp ON cp.campaign_key = x.campaign_key "
                + "LEFT JOIN advertiser ad ON ad.advertiser_key = cp.advertiser_key "
                + "GROUP BY GROUPING SETS ((x.campaign_key), ())";
        Map<String, Object[]> campaigns = new LinkedHashMap<>();
        Counts total = new Counts(LiveMetrics.ZERO, LiveMetrics.ZERO);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Counts counts = new Counts(metrics(rs, 3), metrics(rs, 8));
                    if (rs.getInt(2) == 1) {
                        total = counts;
                    } else {
                        campaigns.put(rs.getString(13), new Object[] {rs.getString(14), rs.getString(15), counts});
                    }
                }
            }
        }
        return new Result(campaigns, total);
    }

    /** The 16 minutes of the sparkline: calls, connects, conversions per minute (by dial time). */
    static Map<Instant, long[]> minutes(Connection c, CallFilter f, Instant from, Instant to) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder inner = new StringBuilder("SELECT date_trunc('minute', c.dial_time) AS m, c.lead_key, count(*) AS calls, "
                + "count(*) FILTER (WHERE c.call_status = 'Answered') AS connected, "
                + "bool_or(c.lead_status = 'Interested') AS converted FROM call c "
                + "WHERE c.dial_time >= ?::timestamptz AND c.dial_time < ?::timestamptz");
        params.add(from.atOffset(ZoneOffset.UTC));
        params.add(to.atOffset(ZoneOffset.UTC));
        where(c, f, inner, params);
        inner.append(" GROUP BY 1, 2");
        Map<Instant, long[]> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m, sum(calls), sum(connected), count(*) FILTER (WHERE "
                + "converted) FROM (" + inner + ") x GROUP BY m")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, OffsetDateTime.class).toInstant(),
                            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return out;
    }

    /** The filter's lists: ids through their dimension tables, statuses normalised as stored. */
    private static void where(Connection c, CallFilter f, StringBuilder sql, List<Object> params) throws SQLException {
        if (present(f.campaignIds)) {
            sql.append(" AND c.campaign_key IN (SELECT campaign_key FROM campaign WHERE campaign_id = ANY(?))");
            params.add(c.createArrayOf("text", f.campaignIds.toArray()));
        }
        if (present(f.advertiserIds)) {
            sql.append(" AND c.advertiser_key IN (SELECT advertiser_key FROM advertiser WHERE advertiser_id = ANY(?))");
            params.add(c.createArrayOf("text", f.advertiserIds.toArray()));
        }
        if (present(f.agentIds)) {
            sql.append(" AND c.agent_key IN (SELECT agent_key FROM agent WHERE agent_id = ANY(?))");
            params.add(c.createArrayOf("text", f.agentIds.toArray()));
        }
        if (present(f.callStatuses) || present(f.leadStatuses)) {
            StatusNormalizer statuses = StatusNormalizer.load(c);
            if (present(f.callStatuses)) {
                sql.append(" AND c.call_status = ANY(?)");
                params.add(c.createArrayOf("text", f.callStatuses.stream().map(statuses::callStatus).toArray()));
            }
            if (present(f.leadStatuses)) {
                sql.append(" AND c.lead_status = ANY(?)");
                params.add(c.createArrayOf("text", f.leadStatuses.stream().map(statuses::leadStatus).toArray()));
            }
        }
    }

    private static boolean present(List<String> l) {
        return l != null && !l.isEmpty();
    }

    private static LiveMetrics metrics(ResultSet rs, int from) throws SQLException {
        long calls = rs.getLong(from);
        long connected = rs.getLong(from + 1);
        long leads = rs.getLong(from + 2);
        long converted = rs.getLong(from + 3);
        long qualified = rs.getLong(from + 4);
        return new LiveMetrics(calls, leads, connected, converted, qualified,
                calls == 0 ? null : (double) connected / calls, leads == 0 ? null : (double) converted / leads);
    }
}
