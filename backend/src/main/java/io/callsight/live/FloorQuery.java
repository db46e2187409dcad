package io.callsight.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callsight.calls.Qualification;
import io.callsight.calls.StatusNormalizer;
import io.callsight.common.Transactions;
import io.callsight.reports.CallFilter;

/**
 * Reads the calls a view's {@link FloorTally} has not seen yet: those committed since its watermark
 * (call keys grow in commit order, inserts being serialised by the ingest lock), within today and the
 * sparkline's minutes, within the view's filter, with the metric catalog's predicates evaluated by
 * the database (Answered, Interested, the advertiser's qualification criteria, as the report engine
 * has them). The first read of a day loads the day; later reads cost what was added since. A change
 * of day or of any advertiser's criteria starts a new tally.
 */
final class FloorQuery {

    /** One group's counts: today and the recent window. */
    record Counts(LiveMetrics today, LiveMetrics recent) {
    }

    /** A fingerprint of every advertiser's criteria, and the highest call key committed. */
    private static final String STATE = "SELECT (SELECT coalesce(bit_xor(hashtextextended(concat_ws(',', "
            + "advertiser_key, min_customer_talk_s, max_attempt_no, max_lead_age_hours), 0)), 0) FROM advertiser), "
            + "(SELECT coalesce(max(call_key), 0) FROM call)";

    private FloorQuery() {
    }

    /**
     * Brings {@code tally} (null: none yet) up to what is committed now for {@code f}; returns it, or a
     * new one when the day or the criteria changed. All times are epoch microseconds.
     */
    static FloorTally refresh(Connection c, FloorTally tally, CallFilter f, long dayStart, long dayEnd,
            long recentStart, long sparkFrom) throws SQLException {
        return Transactions.inTransaction(c, tx -> {
            long criteria;
            long max;
            try (Statement st = tx.createStatement()) {
                // one snapshot for the highest key and the calls up to it
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = st.executeQuery(STATE)) {
                    rs.next();
                    criteria = rs.getLong(1);
                    max = rs.getLong(2);
                }
            }
            FloorTally t = tally;
            if (t == null || t.dayStart != dayStart || t.criteria != criteria) {
                t = new FloorTally(dayStart, dayEnd, criteria);
            }
            t.advance(recentStart, sparkFrom);
            if (max > t.watermark) {
                read(tx, t, f, Math.min(dayStart, sparkFrom), max);
                t.watermark = max;
            }
            return t;
        });
    }

    private static void read(Connection c, FloorTally tally, CallFilter f, long from, long max) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT (extract(epoch FROM c.dial_time) * 1000000)::bigint, "
                + "c.campaign_key, c.lead_key, (CASE WHEN c.call_status = 'Answered' THEN " + FloorTally.CONNECTED
                + " ELSE 0 END) + (CASE WHEN c.lead_status = 'Interested' THEN " + FloorTally.CONVERTED
                + " + (CASE WHEN " + Qualification.MEETS_CRITERIA + " THEN " + FloorTally.QUALIFIED + " ELSE 0 END) "
                + "ELSE 0 END) FROM call c LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "WHERE c.call_key > ? AND c.call_key <= ? AND c.dial_time >= ? AND c.dial_time < ?");
        params.add(tally.watermark);
        params.add(max);
        params.add(at(from));
        params.add(at(tally.dayEnd));
        where(c, f, sql, params);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setFetchSize(10_000);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tally.add(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4));
                }
            }
        }
    }

    /** Campaign id, name and advertiser id per campaign key, for the keys given. */
    static Map<Integer, String[]> campaigns(Connection c, Collection<Integer> keys) throws SQLException {
        Map<Integer, String[]> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT cp.campaign_key, cp.campaign_id, cp.name, "
                + "ad.advertiser_id FROM campaign cp LEFT JOIN advertiser ad ON ad.advertiser_key = cp.advertiser_key "
                + "WHERE cp.campaign_key = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("integer", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        return out;
    }

    static OffsetDateTime at(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
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
}
