package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.common.BusinessTime;
import io.callsight.common.Transactions;

/**
 * Keeps agent_day_rollup, status_day_rollup, lead_rollup and lead_day_rollup (db/migration V002, V005, V070) in step with the call fact: ingest adds
 * the calls it inserted in the same statement; a full rebuild runs when the business time zone the
 * day rollup was cut in changes; advertiser criteria changes re-derive the qualified flag.
 */
@ApplicationScoped
public class RollupMaintenance {

    private static final Logger LOG = Logger.getLogger(RollupMaintenance.class);

    /** Columns the rollup SELECTs read from a call relation aliased c. */
    static final String CALL_COLUMNS_RETURNED = "lead_key, campaign_key, advertiser_key, agent_key, call_status, "
            + "lead_status, agent_call_duration_s, customer_call_duration_s, attempt_no, lead_created_at, dial_time";

    /** The additive measures, named as the rollup columns ({@link #ADDITIVE_COLUMNS}). */
    private static final String ADDITIVE = "count(*) AS calls, count(*) FILTER (WHERE c.call_status = 'Answered') AS connected, "
            + "count(*) FILTER (WHERE c.lead_status = 'Interested') AS interested_calls, "
            + "coalesce(sum(c.agent_call_duration_s), 0) AS agent_sum, count(c.agent_call_duration_s) AS agent_n, "
            + "coalesce(sum(c.customer_call_duration_s), 0) AS customer_sum, count(c.customer_call_duration_s) AS customer_n, "
            + "coalesce(sum(c.agent_call_duration_s) FILTER (WHERE c.call_status = 'Answered'), 0) AS aht_sum, "
            + "count(c.agent_call_duration_s) FILTER (WHERE c.call_status = 'Answered') AS aht_n";

    private static final String ADDITIVE_COLUMNS = "calls, connected, interested_calls, agent_sum, agent_n, "
            + "customer_sum, customer_n, aht_sum, aht_n";

    private static final String ADD_ON_CONFLICT = "calls = r.calls + EXCLUDED.calls, "
            + "connected = r.connected + EXCLUDED.connected, "
            + "interested_calls = r.interested_calls + EXCLUDED.interested_calls, "
            + "agent_sum = r.agent_sum + EXCLUDED.agent_sum, agent_n = r.agent_n + EXCLUDED.agent_n, "
            + "customer_sum = r.customer_sum + EXCLUDED.customer_sum, customer_n = r.customer_n + EXCLUDED.customer_n, "
            + "aht_sum = r.aht_sum + EXCLUDED.aht_sum, aht_n = r.aht_n + EXCLUDED.aht_n";

    /**
     * The agent_day_rollup rows of call rows {@code source} (alias c), one per grain, columns named as
     * the table's; one bind: the time zone of the working day. Ingest adds it, the rebuild and the
     * consistency check compute it over the whole call fact.
     */
    static String agentDaySelect(String source) {
        return "SELECT (c.dial_time AT TIME ZONE ?)::date AS work_day, c.campaign_key, c.advertiser_key, c.agent_key, "
                + ADDITIVE + ", min(c.dial_time) AS first_dial, "
                + "max(c.dial_time + coalesce(c.agent_call_duration_s, 0) * interval '1 second') AS last_end "
                + "FROM " + source + " c GROUP BY 1, 2, 3, 4";
    }

    /** INSERT into agent_day_rollup from call rows {@code source} (alias c); one bind: the time zone. */
    static String agentDayUpsert(String source) {
        return "INSERT INTO agent_day_rollup AS r (work_day, campaign_key, advertiser_key, agent_key, "
                + ADDITIVE_COLUMNS + ", first_dial, last_end) "
                + agentDaySelect(source) + " "
                + "ON CONFLICT ON CONSTRAINT agent_day_rollup_grain DO UPDATE SET " + ADD_ON_CONFLICT + ", "
                + "first_dial = least(r.first_dial, EXCLUDED.first_dial), "
                + "last_end = greatest(r.last_end, EXCLUDED.last_end)";
    }

    /** The status_day_rollup rows of call rows {@code source} (alias c); one bind: the time zone. */
    static String statusDaySelect(String source) {
        return "SELECT (c.dial_time AT TIME ZONE ?)::date AS work_day, c.campaign_key, c.advertiser_key, c.call_status, "
                + "c.lead_status, " + ADDITIVE + " FROM " + source + " c GROUP BY 1, 2, 3, 4, 5";
    }

    /** INSERT into status_day_rollup from call rows {@code source} (alias c); one bind: the time zone. */
    static String statusDayUpsert(String source) {
        return "INSERT INTO status_day_rollup AS r (work_day, campaign_key, advertiser_key, call_status, lead_status, "
                + ADDITIVE_COLUMNS + ") " + statusDaySelect(source) + " "
                + "ON CONFLICT ON CONSTRAINT status_day_rollup_grain DO UPDATE SET " + ADD_ON_CONFLICT;
    }

    /** The conversion_call rows of call rows {@code source} (alias c): its Interested calls; no binds. */
    static String conversionSelect(String source) {
        return "SELECT c.dial_time, c.lead_key, c.agent_key, c.campaign_key, c.advertiser_key, c.call_status "
                + "FROM " + source + " c WHERE c.lead_status = 'Interested'";
    }

    /** INSERT into conversion_call the Interested calls among call rows {@code source} (alias c); no binds. */
    static String conversionInsert(String source) {
        return "INSERT INTO conversion_call (dial_time, lead_key, agent_key, campaign_key, advertiser_key, call_status) "
                + conversionSelect(source);
    }

    /** INSERT into lead_rollup from call rows {@code source} (alias c); no binds. */
    static String leadRollupUpsert(String source) {
        return leadRollupInsert(source, "") + LEAD_ON_CONFLICT;
    }

    /**
     * INSERT into lead_rollup of the call rows {@code source} (alias c) of leads new in this batch
     * ({@code lead_key >} the one bind, the largest lead key before the batch): they have no rollup
     * rows yet, so a plain insert (no speculative insertion), in grain order (sequential index
     * inserts).
     */
    static String leadRollupInsertNew(String source) {
        return leadRollupInsert(source, "WHERE c.lead_key > ? ") + "ORDER BY 1, 2, 3";
    }

    /** The upsert of {@link #leadRollupUpsert} for the other leads ({@code lead_key <=} the one bind). */
    static String leadRollupUpsertOld(String source) {
        return leadRollupInsert(source, "WHERE c.lead_key <= ? ") + LEAD_ON_CONFLICT;
    }

    private static String leadRollupInsert(String source, String where) {
        return "INSERT INTO lead_rollup AS r (lead_key, campaign_key, advertiser_key, first_dial, last_dial, "
                + ADDITIVE_COLUMNS + ", any_connected, converted, qualified, lost) "
                + leadRollupSelect(source, where);
    }

    /**
     * The lead_rollup rows of call rows {@code source} (alias c) that pass {@code where} (empty or
     * "WHERE ... "), one per lead, campaign and advertiser, columns named as the table's.
     */
    static String leadRollupSelect(String source, String where) {
        return "SELECT c.lead_key, c.campaign_key, c.advertiser_key, min(c.dial_time) AS first_dial, "
                + "max(c.dial_time) AS last_dial, "
                + ADDITIVE + ", coalesce(bool_or(c.call_status = 'Answered'), false) AS any_connected, "
                + "coalesce(bool_or(c.lead_status = 'Interested'), false) AS converted, "
                + "coalesce(bool_or(c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA + "), false) "
                + "AS qualified, coalesce(bool_or(c.lead_status = 'Not Interested'), false) AS lost "
                + "FROM " + source + " c LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + where + "GROUP BY 1, 2, 3 ";
    }

    /**
     * The lead_day_rollup rows (V070) of call rows {@code source} (alias c): per lead, working day, campaign
     * and advertiser, the lead-level flags of that day's calls; one bind: the time zone of the working day.
     */
    static String leadDaySelect(String source) {
        return "SELECT c.lead_key, (c.dial_time AT TIME ZONE ?)::date AS work_day, c.campaign_key, c.advertiser_key, "
                + "coalesce(bool_or(c.call_status = 'Answered'), false) AS any_connected, "
                + "coalesce(bool_or(c.lead_status = 'Interested'), false) AS converted, "
                + "coalesce(bool_or(c.lead_status = 'Interested' AND " + Qualification.MEETS_CRITERIA + "), false) "
                + "AS qualified, coalesce(bool_or(c.lead_status = 'Not Interested'), false) AS lost "
                + "FROM " + source + " c LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key GROUP BY 1, 2, 3, 4";
    }

    /**
     * INSERT into lead_day_rollup from call rows {@code source} (alias c); one bind: the time zone. A row whose
     * flags do not change is left alone (its trigger then has nothing to count).
     */
    static String leadDayUpsert(String source) {
        return "INSERT INTO lead_day_rollup AS r (lead_key, work_day, campaign_key, advertiser_key, any_connected, "
                + "converted, qualified, lost) " + leadDaySelect(source) + " "
                + "ON CONFLICT ON CONSTRAINT lead_day_rollup_grain DO UPDATE SET "
                + "any_connected = r.any_connected OR EXCLUDED.any_connected, converted = r.converted OR EXCLUDED.converted, "
                + "qualified = r.qualified OR EXCLUDED.qualified, lost = r.lost OR EXCLUDED.lost "
                + "WHERE (EXCLUDED.any_connected AND NOT r.any_connected) OR (EXCLUDED.converted AND NOT r.converted) "
                + "OR (EXCLUDED.qualified AND NOT r.qualified) OR (EXCLUDED.lost AND NOT r.lost)";
    }

    private static final String LEAD_ON_CONFLICT = "ON CONFLICT ON CONSTRAINT lead_rollup_grain DO UPDATE SET "
            + ADD_ON_CONFLICT + ", "
            + "first_dial = least(r.first_dial, EXCLUDED.first_dial), "
            + "last_dial = greatest(r.last_dial, EXCLUDED.last_dial), "
            + "any_connected = r.any_connected OR EXCLUDED.any_connected, "
            + "converted = r.converted OR EXCLUDED.converted, qualified = r.qualified OR EXCLUDED.qualified, "
            + "lost = r.lost OR EXCLUDED.lost";

    @Inject
    AgroalDataSource dataSource;

    /** The {@code app_state} key naming the time zone the rollups were last cut in. */
    static final String ROLLUP_TIME_ZONE = "rollup_time_zone";

    @Inject
    BusinessTime businessTime;

    /** Rebuilds both rollups when the business time zone differs from the one they were cut in. */
    public void rebuildIfTimeZoneChanged() {
        try (Connection c = dataSource.getConnection()) {
            if (!businessTime.zone().getId().equals(AppState.get(c, ROLLUP_TIME_ZONE))) {
                rebuild(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the rollups: " + e.getMessage(), e);
        }
    }

    /** Recomputes both rollups from the call fact, atomically. */
    public void rebuild() {
        try (Connection c = dataSource.getConnection()) {
            rebuild(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not rebuild the rollups: " + e.getMessage(), e);
        }
    }

    private void rebuild(Connection c) throws SQLException {
        long start = System.nanoTime();
        String zone = businessTime.zone().getId();
        Transactions.inTransaction(c, tx -> {
            try (Statement st = tx.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + CallStaging.INGEST_LOCK + ")");
                st.execute("SET LOCAL work_mem = '256MB'");
                st.execute("TRUNCATE agent_day_rollup, status_day_rollup, lead_rollup, lead_day_rollup, conversion_call");
                AppState.put(tx, ROLLUP_TIME_ZONE, zone); // first: lead_rollup's trigger cuts lead_span_rollup's days in it
                st.executeUpdate(conversionInsert("call"));
                for (String sql : new String[] {agentDayUpsert("call"), statusDayUpsert("call"), leadDayUpsert("call")}) {
                    try (PreparedStatement ps = tx.prepareStatement(sql)) {
                        ps.setString(1, zone);
                        ps.executeUpdate();
                    }
                }
                st.executeUpdate(leadRollupUpsert("call"));
            }
            return null;
        });
        LOG.infof("Rollups rebuilt for time zone %s in %d ms", zone, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Takes the ingest lock for the caller's transaction (waits for a running batch), as every rollup writer
     * does: the count tables' triggers upsert rows a batch upserts too, and in one order only this way.
     */
    static void awaitBatches(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + CallStaging.INGEST_LOCK + ")");
        }
    }

    /**
     * Re-derives the qualified flag of lead_rollup and lead_day_rollup for one advertiser after its criteria
     * changed, in the caller's transaction, which holds the ingest lock ({@link #awaitBatches}).
     */
    public void refreshQualified(Connection c, int advertiserKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE lead_rollup r SET qualified = coalesce(q.qualified, false) "
                + "FROM lead_rollup r2 LEFT JOIN (SELECT c.lead_key, c.campaign_key, bool_or(" + Qualification.MEETS_CRITERIA
                + ") AS qualified FROM call c JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "WHERE c.advertiser_key = ? AND c.lead_status = 'Interested' GROUP BY 1, 2) q "
                + "ON q.lead_key = r2.lead_key AND q.campaign_key = r2.campaign_key "
                + "WHERE r2.advertiser_key = ? AND r2.converted AND r.lead_key = r2.lead_key "
                + "AND r.campaign_key = r2.campaign_key AND r.advertiser_key = r2.advertiser_key")) {
            ps.setInt(1, advertiserKey);
            ps.setInt(2, advertiserKey);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE lead_day_rollup r SET qualified = coalesce(q.qualified, false) "
                + "FROM lead_day_rollup r2 LEFT JOIN (SELECT c.lead_key, (c.dial_time AT TIME ZONE lead_span_zone())::date AS work_day, "
                + "c.campaign_key, bool_or(" + Qualification.MEETS_CRITERIA + ") AS qualified FROM call c "
                + "JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "WHERE c.advertiser_key = ? AND c.lead_status = 'Interested' GROUP BY 1, 2, 3) q "
                + "ON q.lead_key = r2.lead_key AND q.work_day = r2.work_day AND q.campaign_key = r2.campaign_key "
                + "WHERE r2.advertiser_key = ? AND r2.converted AND r.lead_key = r2.lead_key AND r.work_day = r2.work_day "
                + "AND r.campaign_key = r2.campaign_key AND r.advertiser_key = r2.advertiser_key "
                + "AND r.qualified IS DISTINCT FROM coalesce(q.qualified, false)")) {
            ps.setInt(1, advertiserKey);
            ps.setInt(2, advertiserKey);
            ps.executeUpdate();
        }
    }
}
