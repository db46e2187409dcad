package io.callsight.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;

/**
 * Agents from their state history ({@code agent_state}): who is in which state now, and the time each
 * spent in each state per day. A state lasts until the agent's next state event (or until now).
 */
@ApplicationScoped
public class AgentStates {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BusinessTime businessTime;

    /**
     * Every agent with a state event in the last 24 hours, by agent id; {@code todayStart} cuts "today".
     * Calls come from the agent day rollup, conversions from the conversion rollup (no scan of the fact).
     */
    public List<AgentStateRow> current(Instant todayStart) {
        // Every few index probes, not a scan of the day's states: the agents by a skip scan of the
        // primary key (agent_id, started_at, state), each one's latest state by a backward probe, the
        // pauses of today (and yesterday's still running) by their partial index, each one's end by a
        // probe for the agent's next state. Every probe follows the key's order (agent, instant, state):
        // two states of one agent at the same instant are ordered by state name.
        String sql = "WITH RECURSIVE ids AS ((SELECT agent_id FROM agent_state ORDER BY agent_id LIMIT 1) "
                + "UNION ALL SELECT (SELECT s.agent_id FROM agent_state s WHERE s.agent_id > ids.agent_id "
                + "ORDER BY s.agent_id LIMIT 1) FROM ids WHERE ids.agent_id IS NOT NULL), "
                + "cur AS (SELECT x.* FROM ids CROSS JOIN LATERAL (SELECT s.agent_id, s.agent_name, s.state, s.started_at, "
                + "s.campaign_id, s.reason FROM agent_state s WHERE s.agent_id = ids.agent_id "
                + "AND s.started_at > now() - interval '24 hours' ORDER BY s.started_at DESC, s.state DESC LIMIT 1) x "
                + "WHERE ids.agent_id IS NOT NULL), "
                + "named AS (SELECT cur.agent_id, (SELECT s.agent_name FROM agent_state s WHERE s.agent_id = cur.agent_id "
                + "AND s.started_at > now() - interval '24 hours' AND s.agent_name IS NOT NULL "
                + "ORDER BY s.started_at DESC, s.state DESC LIMIT 1) AS agent_name FROM cur), "
                + "made AS (SELECT r.agent_key, sum(r.calls) AS calls FROM agent_day_rollup r "
                + "WHERE r.work_day = (?::timestamptz AT TIME ZONE ?)::date GROUP BY r.agent_key), "
                + "conv AS (SELECT k.agent_key, count(DISTINCT k.lead_key) AS conversions FROM conversion_call k "
                + "WHERE k.dial_time >= ?::timestamptz GROUP BY k.agent_key), "
                + "calls AS (SELECT ag.agent_id, coalesce(made.calls, 0) AS calls, coalesce(conv.conversions, 0) AS conversions "
                + "FROM agent ag LEFT JOIN made ON made.agent_key = ag.agent_key LEFT JOIN conv ON conv.agent_key = ag.agent_key "
                + "WHERE ag.agent_id IN (SELECT agent_id FROM cur)), "
                + "pauses AS (SELECT p.agent_id, p.started_at, (SELECT n.started_at FROM agent_state n "
                + "WHERE n.agent_id = p.agent_id AND (n.started_at, n.state) > (p.started_at, p.state) "
                + "ORDER BY n.started_at, n.state LIMIT 1) AS next_at FROM agent_state p "
                + "WHERE p.state = 'PAUSED' AND p.started_at > ?::timestamptz - interval '1 day'), "
                + "paused AS (SELECT agent_id, sum(extract(epoch FROM least(coalesce(next_at, now()), now()) "
                + "- greatest(started_at, ?::timestamptz))) AS secs FROM pauses WHERE coalesce(next_at, now()) > ?::timestamptz "
                + "GROUP BY agent_id) "
                + "SELECT cur.agent_id, coalesce(named.agent_name, ag.name), cur.state, cur.started_at, cur.campaign_id, "
                + "cur.reason, coalesce(calls.calls, 0), coalesce(calls.conversions, 0), "
                + "greatest(coalesce(paused.secs, 0), 0), greatest(extract(epoch FROM now() - cur.started_at), 0) "
                + "FROM cur LEFT JOIN named ON named.agent_id = cur.agent_id LEFT JOIN agent ag ON ag.agent_id = cur.agent_id "
                + "LEFT JOIN calls ON calls.agent_id = cur.agent_id LEFT JOIN paused ON paused.agent_id = cur.agent_id "
                + "ORDER BY cur.agent_id";
        OffsetDateTime start = todayStart.atOffset(ZoneOffset.UTC);
        List<AgentStateRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, start);
            ps.setString(i++, businessTime.zone().getId());
            ps.setObject(i++, start);
            ps.setObject(i++, start);
            ps.setObject(i++, start);
            ps.setObject(i++, start);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AgentStateRow(rs.getString(1), rs.getString(2), AgentStateKind.valueOf(rs.getString(3)),
                            rs.getObject(4, OffsetDateTime.class), Math.round(rs.getDouble(10)), rs.getString(5),
                            rs.getString(6), rs.getLong(7), rs.getLong(8), Math.round(rs.getDouble(9))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the agents' states: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Seconds per state for each agent and day from {@code from} to {@code to} (inclusive) in the business zone. */
    public List<AgentStateDay> days(LocalDate from, LocalDate to, List<String> agentIds) {
        if (from == null || to == null || to.isBefore(from)) {
            throw new BadInputException("from and to: give a day range with from <= to");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw new BadInputException("from and to: at most 366 days at once");
        }
        ZoneId zone = businessTime.zone();
        OffsetDateTime fromTs = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime toTs = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        boolean someAgents = agentIds != null && !agentIds.isEmpty();
        String sql = "WITH s AS (SELECT agent_id, state, agent_name, started_at, lead(started_at) OVER (PARTITION BY agent_id "
                + "ORDER BY started_at, state) AS next_at FROM agent_state WHERE started_at < ?::timestamptz "
                + "AND started_at >= ?::timestamptz - interval '1 day'" + (someAgents ? " AND agent_id = ANY(?)" : "") + "), "
                + "iv AS (SELECT agent_id, state, agent_name, greatest(started_at, ?::timestamptz) AS a, "
                + "least(coalesce(next_at, now()), now(), ?::timestamptz) AS b FROM s), "
                + "cut AS (SELECT agent_id, state, agent_name, ld::date AS day, "
                + "extract(epoch FROM least(b, (ld + interval '1 day') AT TIME ZONE ?) - greatest(a, ld AT TIME ZONE ?)) AS secs "
                + "FROM iv, generate_series(date_trunc('day', a AT TIME ZONE ?), b AT TIME ZONE ?, interval '1 day') AS ld "
                + "WHERE b > a) "
                + "SELECT day, agent_id, max(agent_name), "
                + "coalesce(sum(secs) FILTER (WHERE state = 'READY'), 0), coalesce(sum(secs) FILTER (WHERE state = 'ON_CALL'), 0), "
                + "coalesce(sum(secs) FILTER (WHERE state = 'WRAP_UP'), 0), coalesce(sum(secs) FILTER (WHERE state = 'PAUSED'), 0), "
                + "coalesce(sum(secs) FILTER (WHERE state <> 'LOGGED_OUT'), 0) "
                + "FROM cut WHERE secs > 0 GROUP BY day, agent_id ORDER BY day, agent_id";
        List<AgentStateDay> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, toTs);
            ps.setObject(i++, fromTs);
            if (someAgents) {
                ps.setArray(i++, c.createArrayOf("text", agentIds.toArray()));
            }
            ps.setObject(i++, fromTs);
            ps.setObject(i++, toTs);
            for (int k = 0; k < 4; k++) {
                ps.setString(i++, zone.getId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double ready = rs.getDouble(4);
                    double onCall = rs.getDouble(5);
                    double wrap = rs.getDouble(6);
                    double busy = ready + onCall + wrap;
                    rows.add(new AgentStateDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), ready,
                            onCall, wrap, rs.getDouble(7), rs.getDouble(8), busy == 0 ? null : (onCall + wrap) / busy));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the agents' days: " + e.getMessage(), e);
        }
        return rows;
    }
}
