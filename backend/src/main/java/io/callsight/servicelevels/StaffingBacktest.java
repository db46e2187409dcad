package io.callsight.servicelevels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.ReadConnections;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.staffing.QueueModel;

/**
 * "Can I trust the staffing plan?" on the user's own call log: for each past hour, the agents who
 * actually served, the arrivals and handle time, and what Erlang C and Erlang A predicted for service
 * level and abandonment with those agents, against what happened.
 */
@ApplicationScoped
public class StaffingBacktest {

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    private record Raw(LocalDateTime hour, int arrivals, int handled, int abandoned, int answeredWithin, int shortAbandons,
            int agents, Double aht) {
    }

    private static final String AT = "coalesce(ic.queue_start, ic.service_start, ic.vru_exit, ic.vru_entry)";
    private static final String OFFERED = "(ic.outcome = 'AGENT' OR (ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL))";

    /** The queue's key and its service-level rule. */
    private record QueueRule(int key, double answerWithin, double shortAbandon) {
    }

    public StaffingBacktestResult run(String queue, LocalDate from, LocalDate to, Integer minCalls) {
        int min = minCalls == null ? 10 : minCalls;
        if (min < 1) {
            throw new BadInputException("minCalls must be 1 or more");
        }
        String range = (from == null ? "" : " AND " + AT + " >= ?") + (to == null ? "" : " AND " + AT + " < ?");
        try (Connection c = reads.connection()) {
            QueueRule rule = queueRule(c, queue);
            Double patience = patience(c, rule, from, to, range);
            List<StaffingBacktestHour> hours = new ArrayList<>();
            for (Raw r : hours(c, rule, from, to, range)) {
                if (r.arrivals() >= min && r.aht() != null && r.agents() != 0) {
                    hours.add(evaluate(r, rule.answerWithin(), patience));
                }
            }
            List<StaffingModelError> errors = List.of(error("ERLANG_C", hours, true), error("ERLANG_A", hours, false));
            return new StaffingBacktestResult(queue, from, to, rule.answerWithin(), patience, min, errors, hours);
        } catch (SQLException e) {
            throw new IllegalStateException("Staffing backtest failed: " + e.getMessage(), e);
        }
    }

    private static QueueRule queueRule(Connection c, String queue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_key, answer_within_s, short_abandon_s FROM queue WHERE name = ?")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No queue named '" + queue + "'");
                }
                return new QueueRule(rs.getInt(1), rs.getDouble(2), rs.getDouble(3));
            }
        }
    }

    /** Mean patience: total wait of offered calls / abandoned calls (exponential patience); null without abandons. */
    private static Double patience(Connection c, QueueRule rule, LocalDate from, LocalDate to, String range) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sum(ic.wait_s)::float8 / nullif(count(*) FILTER (WHERE ic.outcome = 'HANG'), 0) "
                + "FROM inbound_call ic WHERE ic.queue_key = ? AND " + OFFERED + range)) {
            bind(ps, 1, rule.key(), from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (Double) rs.getObject(1);
            }
        }
    }

    private static List<Raw> hours(Connection c, QueueRule rule, LocalDate from, LocalDate to, String range) throws SQLException {
        List<Raw> raws = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT date_trunc('hour', " + AT + "), count(*), "
                + "count(*) FILTER (WHERE ic.outcome = 'AGENT'), count(*) FILTER (WHERE ic.outcome = 'HANG'), "
                + "count(*) FILTER (WHERE ic.outcome = 'AGENT' AND ic.wait_s <= ?), "
                + "count(*) FILTER (WHERE ic.outcome = 'HANG' AND ic.wait_s < ?), "
                + "count(DISTINCT ic.server) FILTER (WHERE ic.outcome = 'AGENT'), "
                + "(avg(ic.service_s) FILTER (WHERE ic.outcome = 'AGENT' AND ic.service_s > 0))::float8 "
                + "FROM inbound_call ic WHERE ic.queue_key = ? AND " + OFFERED + range + " GROUP BY 1 ORDER BY 1")) {
            ps.setDouble(1, rule.answerWithin());
            ps.setDouble(2, rule.shortAbandon());
            bind(ps, 3, rule.key(), from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raws.add(new Raw(rs.getTimestamp(1).toLocalDateTime(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), (Double) rs.getObject(8)));
                }
            }
        }
        return raws;
    }

    /** What happened in the hour, and what Erlang C and (with a patience) Erlang A predicted with its agents. */
    private static StaffingBacktestHour evaluate(Raw r, double answerWithin, Double patience) {
        double denominator = r.arrivals() - r.shortAbandons();
        double actualSl = denominator <= 0 ? 1.0 : r.answeredWithin() / denominator;
        double actualAbandon = (double) r.abandoned() / r.arrivals();
        QueueModel.Outcome erlangC = new QueueModel(r.arrivals(), r.aht(), 60, null).evaluate(r.agents(), answerWithin);
        QueueModel.Outcome erlangA = patience == null ? null
                : new QueueModel(r.arrivals(), r.aht(), 60, patience).evaluate(r.agents(), answerWithin);
        return new StaffingBacktestHour(r.hour(), r.arrivals(), r.handled(), r.abandoned(), r.agents(), r.aht(), actualSl, actualAbandon,
                erlangC.serviceLevel(), erlangA == null ? null : erlangA.serviceLevel(),
                erlangA == null ? null : erlangA.probAbandon());
    }

    /** Binds the queue key and the optional day range, from parameter {@code first} on. */
    private static void bind(PreparedStatement ps, int first, int queueKey, LocalDate from, LocalDate to) throws SQLException {
        int i = first;
        ps.setInt(i++, queueKey);
        if (from != null) {
            ps.setTimestamp(i++, Timestamp.valueOf(from.atStartOfDay()));
        }
        if (to != null) {
            ps.setTimestamp(i, Timestamp.valueOf(to.atStartOfDay()));
        }
    }

    static StaffingModelError error(String model, List<StaffingBacktestHour> hours, boolean erlangC) {
        double abs = 0;
        double signed = 0;
        double abandonAbs = 0;
        int n = 0;
        for (StaffingBacktestHour h : hours) {
            Double sl = erlangC ? h.erlangCServiceLevel() : h.erlangAServiceLevel();
            Double abandon = erlangC ? Double.valueOf(0.0) : h.erlangAAbandonRate();
            if (sl == null || abandon == null) {
                continue;
            }
            abs += Math.abs(sl - h.actualServiceLevel());
            signed += sl - h.actualServiceLevel();
            abandonAbs += Math.abs(abandon - h.actualAbandonRate());
            n++;
        }
        return n == 0 ? new StaffingModelError(model, 0, null, null, null)
                : new StaffingModelError(model, n, abs / n, signed / n, abandonAbs / n);
    }
}
