package io.callsight.feeds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.callsight.common.ConsistencyCheck;

/**
 * Compares every feed row with its verifying call: the call exists ({@code feed_lead.call_key}) and
 * the feed row carries the call's id, lead, campaign, advertiser, agent, dial time (verified_at),
 * customer talk time and attempt, as {@link FeedAdmission} copied them; the call is Interested. Runs
 * in the caller's transaction (one snapshot).
 */
@ApplicationScoped
public class FeedConsistency {

    /** Columns compared: the feed row's and the call's expression for it. */
    private static final String[][] COPIED = {
        { "call_id", "call_id" },
        { "lead_key", "lead_key" },
        { "campaign_key", "campaign_key" },
        { "advertiser_key", "advertiser_key" },
        { "agent_key", "agent_key" },
        { "verified_at", "dial_time" },
        { "talk_seconds", "customer_call_duration_s" },
        { "attempt_no", "attempt_no" },
    };

    public ConsistencyCheck check(Connection c) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) OVER (), f.seq, f.call_key, c.call_key IS NOT NULL, "
                + "c.lead_status");
        StringBuilder where = new StringBuilder(" WHERE c.call_key IS NULL OR c.lead_status IS DISTINCT FROM 'Interested'");
        for (String[] col : COPIED) {
            sql.append(", f.").append(col[0]).append(", c.").append(col[1]);
            where.append(" OR f.").append(col[0]).append(" IS DISTINCT FROM c.").append(col[1]);
        }
        sql.append(" FROM feed_lead f LEFT JOIN call c ON c.call_key = f.call_key").append(where)
                .append(" ORDER BY f.seq LIMIT ").append(ConsistencyCheck.EXAMPLES);
        try (PreparedStatement ps = c.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            long mismatches = 0;
            List<String> examples = new ArrayList<>();
            while (rs.next()) {
                mismatches = rs.getLong(1);
                String row = "feed_lead seq " + rs.getLong(2) + "/call " + rs.getLong(3) + ": ";
                if (!rs.getBoolean(4)) {
                    examples.add(row + "the call does not exist");
                    continue;
                }
                List<String> differ = new ArrayList<>();
                if (!"Interested".equals(rs.getString(5))) {
                    differ.add("the call's lead status is " + rs.getString(5));
                }
                for (int i = 0; i < COPIED.length; i++) {
                    String feed = rs.getString(6 + 2 * i);
                    String call = rs.getString(7 + 2 * i);
                    if (feed == null ? call != null : !feed.equals(call)) {
                        differ.add(COPIED[i][0] + " " + feed + " vs " + call + " on the call");
                    }
                }
                examples.add(row + String.join(", ", differ));
            }
            return ConsistencyCheck.of("feed_lead", mismatches, examples);
        }
    }
}
