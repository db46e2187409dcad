package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Report leads to delivered leads by (email_hash, phone_hash): a pair held by exactly one delivered lead. */
final class LeadMatching {

    private LeadMatching() {
    }

    /** Recomputes the stored per-snapshot funnels (all snapshots, or one). */
    static void refreshSnapshotFunnels(Connection c, Long snapshotId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE crm_snapshot sn SET funnel_delivered = f.delivered, funnel_matched = f.matched, "
                    + "funnel_set = f.set, funnel_demos = f.demos, funnel_sales = f.sales FROM (SELECT snapshot_id, "
                    + "count(*) AS delivered, count(*) FILTER (WHERE matched) AS matched, count(*) FILTER (WHERE stage >= 1) AS set, "
                    + "count(*) FILTER (WHERE stage >= 2) AS demos, count(*) FILTER (WHERE stage >= 3) AS sales FROM ("
                    + "SELECT ri.snapshot_id, ri.lead_identity, bool_or(l.delivered_lead_key IS NOT NULL) AS matched, "
                    + "max(ri.stage) AS stage FROM lq_report_item ri JOIN lq_lead l USING (lq_lead_key) "
                    + (snapshotId == null ? "" : "WHERE ri.snapshot_id = " + snapshotId + " ")
                    + "GROUP BY ri.snapshot_id, ri.lead_identity) x GROUP BY snapshot_id) f WHERE sn.snapshot_id = f.snapshot_id");
        }
    }

    /** Links every unmatched report lead whose hash pair now has exactly one delivered lead; returns how many. */
    static int matchReportLeads(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("UPDATE lq_lead q SET delivered_lead_key = m.lead_key FROM ("
                    + "SELECT email_hash, phone_hash, min(lead_key) AS lead_key FROM lead "
                    + "WHERE email_hash IS NOT NULL OR phone_hash IS NOT NULL GROUP BY email_hash, phone_hash "
                    + "HAVING count(*) = 1) m "
                    + "WHERE q.delivered_lead_key IS NULL AND q.email_hash = m.email_hash AND q.phone_hash = m.phone_hash");
        }
    }
}
