package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.callsight.common.SqlParams;

/** Report leads to delivered leads by (email_hash, phone_hash): a pair held by exactly one delivered lead. */
final class LeadMatching {

    private LeadMatching() {
    }

    /**
     * Recomputes the stored per-snapshot funnels (those of one snapshot, or of every snapshot of every source) with
     * the same query the funnel grouped by SNAPSHOT_DATE runs, so the stored trend cannot drift from it.
     */
    static void refreshSnapshotFunnels(Connection c, Long snapshotId) throws SQLException {
        record Target(String source, LocalDate reportDate) {
        }
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(snapshotId == null
                ? "SELECT DISTINCT s.name, NULL::date FROM crm_snapshot sn JOIN crm_source s USING (source_key)"
                : "SELECT s.name, sn.report_date FROM crm_snapshot sn JOIN crm_source s USING (source_key) WHERE sn.snapshot_id = ?")) {
            if (snapshotId != null) {
                ps.setLong(1, snapshotId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date day = rs.getDate(2);
                    targets.add(new Target(rs.getString(1), day == null ? null : day.toLocalDate()));
                }
            }
        }
        for (Target t : targets) {
            FunnelQuery q = new FunnelQuery(new LeadQualityFilter(t.source(), null, null, null, null, null),
                    EnumSet.of(LeadQualityDimension.SNAPSHOT_DATE), t.source(), t.reportDate());
            try (PreparedStatement read = c.prepareStatement(q.sql());
                    PreparedStatement write = c.prepareStatement("UPDATE crm_snapshot SET funnel_delivered = ?, funnel_matched = ?, "
                            + "funnel_set = ?, funnel_demos = ?, funnel_sales = ?, funnel_unmatched = ? WHERE report_date = ? "
                            + "AND source_key = (SELECT source_key FROM crm_source WHERE name = ?)")) {
                SqlParams.bind(c, read, q.params());
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 0; i < FunnelQuery.COUNTS; i++) {
                            write.setLong(i + 1, rs.getLong(FunnelQuery.FIRST_COUNT + i));
                        }
                        write.setDate(7, rs.getDate(6));
                        write.setString(8, t.source());
                        write.addBatch();
                    }
                }
                write.executeBatch();
            }
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
