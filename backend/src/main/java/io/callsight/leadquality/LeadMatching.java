package io.callsight.leadquality;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Report leads to delivered leads by (email_hash, phone_hash): a pair held by exactly one delivered lead. */
final class LeadMatching {

    private LeadMatching() {
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
