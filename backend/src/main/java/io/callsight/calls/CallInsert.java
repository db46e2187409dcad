package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.callsight.common.BusinessTime;

/**
 * The <b>insert</b> step of a call batch, on the caller's transaction: one statement inserts the
 * staged calls not stored yet and adds exactly those to the rollups and to whatever the
 * {@link InsertedCallsExtension}s add (the feed outbox). No ON CONFLICT (speculative insertion is
 * slow): batches are serialised by the advisory lock and in-batch repeats were rejected before, so
 * the anti-join is exact.
 */
@ApplicationScoped
public class CallInsert {

    /** Name of the CTE of the inserted calls, which the rollup and extension CTEs read. */
    private static final String INSERTED = "ins";

    @Inject
    BusinessTime businessTime;

    @Inject
    Instance<InsertedCallsExtension> extensions;

    @Inject
    Instance<InsertedCallsListener> listeners;

    private volatile String sql;

    /**
     * Inserts the accepted staged calls not stored yet; returns how many. Each call is recorded under
     * its staging row's {@code batch_id} when set (events of several received batches staged together),
     * else under {@code batchId}.
     */
    int insert(Connection c, long batchId, long lastLeadKeyBefore) throws SQLException {
        CallPartitions.ensureForStaged(c);
        long keyAbove = listeners.isUnsatisfied() ? 0 : lastCallKey(c);
        int inserted = insertStatement(c, batchId, lastLeadKeyBefore);
        if (inserted > 0) {
            for (InsertedCallsListener listener : listeners) {
                listener.afterInsert(c, keyAbove);
            }
        }
        return inserted;
    }

    private static long lastCallKey(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(call_key), 0) FROM call");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int insertStatement(Connection c, long batchId, long lastLeadKeyBefore) throws SQLException {
        String zone = businessTime.zone().getId();
        boolean explain = Boolean.getBoolean(EXPLAIN_PROPERTY);
        try (PreparedStatement ps = c.prepareStatement(explain ? "EXPLAIN (ANALYZE, BUFFERS) " + sql() : sql())) {
            ps.setLong(1, batchId);
            ps.setString(2, zone);
            ps.setString(3, zone);
            ps.setString(4, zone);
            ps.setLong(5, lastLeadKeyBefore);
            ps.setLong(6, lastLeadKeyBefore);
            try (ResultSet rs = ps.executeQuery()) {
                if (!explain) {
                    rs.next();
                    return rs.getInt(1);
                }
                StringBuilder plan = new StringBuilder();
                while (rs.next()) {
                    plan.append('\n').append(rs.getString(1));
                }
                LOG.infof("Insert step of batch %d:%s", batchId, plan);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM call WHERE ingest_batch_id = ?")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * A diagnostic for benchmarks ({@code -Dcallsight.ingest.explain=true}): the insert statement runs under
     * EXPLAIN (ANALYZE, BUFFERS) and its plan, with each CTE's time, is logged. Not for production: the
     * batch's count is then read back by batch id, which the events path does not use alone.
     */
    static final String EXPLAIN_PROPERTY = "callsight.ingest.explain";

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CallInsert.class);

    /** The statement; binds: batch id, time zone three times (day rollups), the last lead key twice (lead rollup). */
    String sql() {
        String s = sql;
        if (s == null) {
            sql = s = build(extensions.stream().sorted(Comparator.comparing(InsertedCallsExtension::cteName)).toList());
        }
        return s;
    }

    private static String build(List<InsertedCallsExtension> extras) {
        StringBuilder returned = new StringBuilder(RollupMaintenance.CALL_COLUMNS_RETURNED);
        StringBuilder ctes = new StringBuilder();
        for (InsertedCallsExtension extra : extras) {
            returned.append(", ").append(extra.callColumns());
            ctes.append(", ").append(extra.cteName()).append(" AS (").append(extra.statementFrom(INSERTED)).append(")");
        }
        return "WITH " + INSERTED + " AS (INSERT INTO call (call_id, lead_key, campaign_key, "
                + "advertiser_key, agent_key, hid, call_status, lead_status, agent_call_duration_s, "
                + "customer_call_duration_s, from_number, to_number, attempt_no, lead_created_at, updated_at, "
                + "connected, dial_time, ingest_batch_id) "
                + "SELECT s.call_id, l.lead_key, cp.campaign_key, COALESCE(a.advertiser_key, cp.advertiser_key), "
                + "ag.agent_key, s.hid, s.call_status, s.lead_status, s.agent_s, s.cust_s, s.from_number, s.to_number, "
                + "s.attempt_no, s.lead_created_at, s.updated_at, s.connected, s.dial_time, coalesce(s.batch_id, ?) "
                + "FROM stage_call s JOIN lead l ON l.lead_id = s.lead_id "
                + "JOIN campaign cp ON cp.campaign_id = s.campaign_id "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id "
                + "LEFT JOIN agent ag ON ag.agent_id = s.agent_id "
                + "WHERE s.ok AND NOT EXISTS (SELECT 1 FROM call old WHERE old.call_id = s.call_id) "
                + "RETURNING " + returned + "), "
                + "agent_day AS (" + RollupMaintenance.agentDayUpsert(INSERTED) + "), "
                + "status_day AS (" + RollupMaintenance.statusDayUpsert(INSERTED) + "), "
                + "lead_days AS (" + RollupMaintenance.leadDayUpsert(INSERTED) + "), "
                + "conversions AS (" + RollupMaintenance.conversionInsert(INSERTED) + "), "
                + "new_leads AS (" + RollupMaintenance.leadRollupInsertNew(INSERTED) + "), "
                + "old_leads AS (" + RollupMaintenance.leadRollupUpsertOld(INSERTED) + ")" + ctes + " "
                + "SELECT count(*) FROM ins";
    }
}
