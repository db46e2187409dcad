package io.callsight.servicelevels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.ReadConnections;
import io.callsight.common.BadInputException;
import io.callsight.common.NotFoundException;
import io.callsight.forecast.ForecastEngine;
import io.callsight.staffing.AgentRequirement;
import io.callsight.staffing.QueueModel;
import io.callsight.staffing.StaffingMode;
import io.callsight.staffing.StaffingTargets;

/**
 * A queue's next days: offered calls per day forecast with the forecasting engine (weekly season) from
 * its daily history, spread over the day by the weekday's intraday profile of its call log, and the agents
 * each interval needs (Erlang A with the patience estimated from its abandonment, or Erlang C).
 */
@ApplicationScoped
public class QueuePlanService {

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    private static final String OFFERED = "(ic.outcome = 'AGENT' OR (ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL))";
    private static final String AT = "coalesce(ic.queue_start, ic.service_start, ic.vru_exit, ic.vru_entry)";

    /** Daily offered calls, from the call log when the queue has one, else from its daily metric files. */
    private record History(TreeMap<LocalDate, Double> days, boolean fromCalls) {

        /** One value per calendar day from the first to the last. */
        List<Double> series() {
            List<Double> series = new ArrayList<>();
            for (LocalDate d = days.firstKey(); !d.isAfter(days.lastKey()); d = d.plusDays(1)) {
                Double v = days.get(d);
                // A day without calls in a call log is a closed day; in a metric file, a missing row.
                series.add(v != null ? v : fromCalls ? 0.0 : series.size() >= 7 ? series.get(series.size() - 7) : series.get(series.size() - 1));
            }
            return series;
        }
    }

    /** What the call log tells about handling: mean handle time, patience, intraday profile (all null without one). */
    private record CallStats(Double aht, Double patience, double[][] profile) {
    }

    /** The targets an interval is staffed for. */
    private record Staffing(int intervalMinutes, double answerWithin, double serviceLevel, Double maxOccupancy,
            Double shrinkage, Double maxAbandon, Double patience) {
    }

    public QueuePlan plan(String queue, Integer horizonDays, Integer intervalMinutes, StaffingMode mode,
            StaffingTargets targets) {
        int horizon = horizonDays == null ? 14 : horizonDays;
        int interval = intervalMinutes == null ? 60 : intervalMinutes;
        StaffingMode m = validate(horizon, interval, mode);
        try (Connection c = reads.connection()) {
            int queueKey = queueKey(c, queue);
            double answerWithin = targets != null && targets.answerWithinSeconds != null ? targets.answerWithinSeconds
                    : answerWithin(c, queueKey);
            History history = history(c, queueKey);
            if (history.days().size() < 14) {
                throw new BadInputException("Queue '" + queue + "' has " + history.days().size() + " days of daily offered "
                        + "calls; the forecast needs at least 14 (monthly files cannot be planned per day)");
            }
            List<Double> series = history.series();
            ForecastEngine.Result forecast = new ForecastEngine(7).run(series.stream().mapToDouble(Double::doubleValue).toArray(), horizon);
            LocalDate last = history.days().lastKey();
            CallStats stats = history.fromCalls() ? callStats(c, queueKey, interval) : new CallStats(null, null, null);
            Staffing staffing = staffing(targets, m, interval, answerWithin, stats.patience());
            List<QueuePlanDay> days = new ArrayList<>();
            List<QueuePlanInterval> intervals = new ArrayList<>();
            for (int h = 0; h < forecast.points().size(); h++) {
                days.add(planDay(last.plusDays(h + 1L), forecast.points().get(h), stats, staffing, intervals));
            }
            ForecastEngine.Accuracy a = forecast.accuracy();
            return new QueuePlan(queue, m.name(), interval, forecast.model(), finite(a.smape()), finite(a.coverage80()),
                    series.size(), last, stats.aht(), staffing.patience(), answerWithin, staffing.serviceLevel(), days, intervals);
        } catch (SQLException e) {
            throw new IllegalStateException("Queue plan failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static StaffingMode validate(int horizon, int interval, StaffingMode mode) {
        if (horizon < 1 || horizon > 90) {
            throw new BadInputException("horizonDays must be between 1 and 90");
        }
        if (interval != 15 && interval != 30 && interval != 60) {
            throw new BadInputException("intervalMinutes must be 15, 30 or 60");
        }
        StaffingMode m = mode == null ? StaffingMode.ERLANG_A : mode;
        if (m == StaffingMode.WORKLOAD) {
            throw new BadInputException("A queue is planned with ERLANG_A or ERLANG_C");
        }
        return m;
    }

    private static Staffing staffing(StaffingTargets targets, StaffingMode m, int interval,
            double answerWithin, Double patience) {
        double serviceLevel = targets != null && targets.serviceLevel != null ? targets.serviceLevel : 0.8;
        Double maxOccupancy = targets == null ? null : targets.maxOccupancy;
        Double shrinkage = targets != null && targets.shrinkage != null ? targets.shrinkage : 0.3;
        Double maxAbandon = targets == null ? null : targets.maxAbandonRate;
        Double queuePatience = m == StaffingMode.ERLANG_A
                ? (targets != null && targets.patienceSeconds != null ? targets.patienceSeconds : patience) : null;
        return new Staffing(interval, answerWithin, serviceLevel, maxOccupancy, shrinkage, maxAbandon, queuePatience);
    }

    /** One forecast day; with a call log, its intervals (added to {@code intervals}) with the agents they need. */
    private static QueuePlanDay planDay(LocalDate date, ForecastEngine.Point p, CallStats stats, Staffing staffing,
            List<QueuePlanInterval> intervals) {
        double daily = Math.max(0, p.value());
        Integer peak = null;
        Double hours = null;
        if (stats.profile() != null && stats.aht() != null) {
            int interval = staffing.intervalMinutes();
            peak = 0;
            hours = 0.0;
            double[] shares = stats.profile()[date.getDayOfWeek().getValue() - 1];
            for (int s = 0; s < 24 * 60 / interval; s++) {
                double expected = daily * shares[s];
                if (expected < 0.01) {
                    continue;
                }
                QueueModel model = new QueueModel(expected, stats.aht(), interval, staffing.patience());
                AgentRequirement.Result need = AgentRequirement.find(model, staffing.answerWithin(), staffing.serviceLevel(),
                        staffing.maxOccupancy(), staffing.shrinkage(), staffing.maxAbandon());
                QueueModel.Outcome o = need.outcome();
                intervals.add(new QueuePlanInterval(date.atStartOfDay().plusMinutes((long) s * interval), expected, need.agents(),
                        need.agentsWithShrinkage(), o.serviceLevel(), o.asaSeconds(), o.occupancy(), o.probAbandon()));
                peak = Math.max(peak, need.agentsWithShrinkage());
                hours += need.agents() * interval / 60.0;
            }
        }
        return new QueuePlanDay(date, daily, Math.max(0, p.lo80()), p.hi80(), Math.max(0, p.lo95()), p.hi95(), peak, hours);
    }

    private static int queueKey(Connection c, String queue) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT queue_key FROM queue WHERE name = ?")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No queue named '" + queue + "'");
                }
                return rs.getInt(1);
            }
        }
    }

    private static double answerWithin(Connection c, int queueKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT answer_within_s FROM queue WHERE queue_key = ?")) {
            ps.setInt(1, queueKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static History history(Connection c, int queueKey) throws SQLException {
        TreeMap<LocalDate, Double> history = new TreeMap<>();
        dailyCounts(c, "SELECT (" + AT + ")::date, count(*) FROM inbound_call ic WHERE ic.queue_key = ? AND " + OFFERED
                + " GROUP BY 1", queueKey, history);
        if (!history.isEmpty()) {
            return new History(history, true);
        }
        dailyCounts(c, "SELECT period_start, offered FROM service_metric WHERE queue_key = ? AND granularity = 'DAY' "
                + "AND chosen AND offered IS NOT NULL", queueKey, history);
        return new History(history, false);
    }

    private static void dailyCounts(Connection c, String sql, int queueKey, TreeMap<LocalDate, Double> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, queueKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getDate(1).toLocalDate(), rs.getDouble(2));
                }
            }
        }
    }

    private static CallStats callStats(Connection c, int queueKey, int interval) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (avg(service_s) FILTER (WHERE outcome = 'AGENT' AND service_s > 0))::float8, "
                + "sum(wait_s) FILTER (WHERE " + OFFERED.replace("ic.", "") + ")::float8 / nullif(count(*) FILTER (WHERE outcome = 'HANG' "
                + "AND queue_start IS NOT NULL), 0) FROM inbound_call WHERE queue_key = ?")) {
            ps.setInt(1, queueKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CallStats((Double) rs.getObject(1), (Double) rs.getObject(2), profile(c, queueKey, interval));
            }
        }
    }

    /** Share of each weekday's offered calls per interval of the day (every weekday's shares sum to 1). */
    private static double[][] profile(Connection c, int queueKey, int interval) throws SQLException {
        int slots = 24 * 60 / interval;
        double[][] counts = new double[7][slots];
        try (PreparedStatement ps = c.prepareStatement("SELECT extract(isodow FROM " + AT + ")::int, "
                + "((extract(hour FROM " + AT + ") * 60 + extract(minute FROM " + AT + ")) / ?)::int, count(*) "
                + "FROM inbound_call ic WHERE ic.queue_key = ? AND " + OFFERED + " GROUP BY 1, 2")) {
            ps.setInt(1, interval);
            ps.setInt(2, queueKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts[rs.getInt(1) - 1][Math.min(slots - 1, rs.getInt(2))] += rs.getDouble(3);
                }
            }
        }
        double[] all = new double[slots];
        for (double[] day : counts) {
            for (int s = 0; s < slots; s++) {
                all[s] += day[s];
            }
        }
        double[][] shares = new double[7][];
        for (int d = 0; d < 7; d++) {
            double[] src = sum(counts[d]) > 0 ? counts[d] : all;
            double total = sum(src);
            shares[d] = new double[slots];
            for (int s = 0; s < slots; s++) {
                shares[d][s] = total == 0 ? 0 : src[s] / total;
            }
        }
        return shares;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
