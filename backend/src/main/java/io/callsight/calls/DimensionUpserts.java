package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The <b>resolve dimensions</b> step of a call batch, on the caller's transaction: upserts the
 * advertisers, campaigns and agents the staged rows name, then inserts their new leads.
 */
final class DimensionUpserts {

    private DimensionUpserts() {
    }

    /**
     * Upserts the dimensions and leads of the accepted staged rows; returns the largest lead key
     * before this batch. Lead keys only grow (serial) and batches are serialised: leads above it are
     * new in this batch, so they have no lead_rollup rows yet.
     */
    static long resolve(Connection c, DimensionMembers members) throws SQLException {
        if (members.overflow) {
            try (Statement st = c.createStatement()) {
                upsertDimensions(st);
            }
        } else {
            upsertDimensions(c, members);
        }
        long lastLeadKeyBefore;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(lead_key), 0) FROM lead")) {
                rs.next();
                lastLeadKeyBefore = rs.getLong(1);
            }
            upsertLeads(st);
        }
        return lastLeadKeyBefore;
    }

    private static void upsertLeads(Statement st) throws SQLException {
        // New leads only: a lead's attributes come from its first batch (hash aggregate). Keys are
        // given in order of first appearance in the file, so the lead_id index (ids usually grow
        // with the file) and later the call fact's lead index are filled near their right edge
        // instead of at random pages.
        st.executeUpdate("INSERT INTO lead (lead_id, campaign_key, advertiser_key, hid, created_at, zip) "
                + "SELECT s.lead_id, min(cp.campaign_key), min(COALESCE(a.advertiser_key, cp.advertiser_key)), "
                + "min(s.hid), min(s.lead_created_at), max(s.lead_zip) FROM stage_call s "
                + "JOIN campaign cp ON cp.campaign_id = s.campaign_id "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id "
                + "WHERE s.ok AND NOT EXISTS (SELECT 1 FROM lead l WHERE l.lead_id = s.lead_id) "
                + "GROUP BY s.lead_id ORDER BY min(s.line)"); // batches are serialised (advisory lock): no concurrent insert of a lead
        // A ZIP given for a known lead (a later file, a move): the latest line of the batch that gives one wins.
        st.executeUpdate("UPDATE lead l SET zip = z.zip FROM (SELECT DISTINCT ON (lead_id) lead_id, lead_zip AS zip "
                + "FROM stage_call WHERE ok AND lead_zip IS NOT NULL ORDER BY lead_id, line DESC) z "
                + "WHERE l.lead_id = z.lead_id AND l.zip IS DISTINCT FROM z.zip");
    }

    /** Advertisers, campaigns and agents from the members gathered while streaming (small arrays). */
    private static void upsertDimensions(Connection c, DimensionMembers m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO advertiser (advertiser_id, name) "
                + "SELECT id, nullif(name, '') FROM unnest(?::text[], ?::text[]) AS t(id, name) ORDER BY id "
                + "ON CONFLICT (advertiser_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now() "
                + "WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM advertiser.name")) {
            ps.setArray(1, c.createArrayOf("text", m.advertisers.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.advertisers.values().toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (campaign_id, name, advertiser_key) "
                + "SELECT t.id, t.name, a.advertiser_key FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, adv) "
                + "LEFT JOIN advertiser a ON a.advertiser_id = t.adv ORDER BY t.id "
                + "ON CONFLICT (campaign_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, campaign.name), "
                + "advertiser_key = COALESCE(campaign.advertiser_key, EXCLUDED.advertiser_key) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM campaign.name) "
                + "OR (campaign.advertiser_key IS NULL AND EXCLUDED.advertiser_key IS NOT NULL)")) {
            ps.setArray(1, c.createArrayOf("text", m.campaigns.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.campaigns.values().stream().map(v -> v[0]).toArray()));
            ps.setArray(3, c.createArrayOf("text", m.campaigns.values().stream().map(v -> v[1]).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent (agent_id, name, team) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, team) ORDER BY id "
                + "ON CONFLICT (agent_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agent.name), "
                + "team = COALESCE(EXCLUDED.team, agent.team) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM agent.name) "
                + "OR (EXCLUDED.team IS NOT NULL AND EXCLUDED.team IS DISTINCT FROM agent.team)")) {
            ps.setArray(1, c.createArrayOf("text", m.agents.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.agents.values().stream().map(v -> v[0]).toArray()));
            ps.setArray(3, c.createArrayOf("text", m.agents.values().stream().map(v -> v[1]).toArray()));
            ps.executeUpdate();
        }
    }

    /** The same from scans of the staging table, when a batch names too many members to gather. */
    private static void upsertDimensions(Statement st) throws SQLException {
        st.executeUpdate("INSERT INTO advertiser (advertiser_id, name) "
                + "SELECT advertiser_id, max(advertiser_name) FROM stage_call WHERE ok AND advertiser_id IS NOT NULL "
                + "GROUP BY advertiser_id ORDER BY advertiser_id "
                + "ON CONFLICT (advertiser_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now() "
                + "WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM advertiser.name");
        st.executeUpdate("INSERT INTO campaign (campaign_id, name, advertiser_key) "
                + "SELECT s.campaign_id, max(s.campaign_name), max(a.advertiser_key) FROM stage_call s "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id WHERE s.ok "
                + "GROUP BY s.campaign_id ORDER BY s.campaign_id "
                + "ON CONFLICT (campaign_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, campaign.name), "
                + "advertiser_key = COALESCE(campaign.advertiser_key, EXCLUDED.advertiser_key) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM campaign.name) "
                + "OR (campaign.advertiser_key IS NULL AND EXCLUDED.advertiser_key IS NOT NULL)");
        st.executeUpdate("INSERT INTO agent (agent_id, name, team) "
                + "SELECT agent_id, max(agent_name), max(agent_team) FROM stage_call WHERE ok AND agent_id IS NOT NULL "
                + "GROUP BY agent_id ORDER BY agent_id "
                + "ON CONFLICT (agent_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agent.name), "
                + "team = COALESCE(EXCLUDED.team, agent.team) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM agent.name) "
                + "OR (EXCLUDED.team IS NOT NULL AND EXCLUDED.team IS DISTINCT FROM agent.team)");
    }
}
