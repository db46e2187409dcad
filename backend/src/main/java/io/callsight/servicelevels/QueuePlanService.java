package io.callsight.servicelevels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

import io.agroal.api.AgroalDataSource;
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

    @Inject
    AgroalDataSource dataSource;

    @Type("QueuePlanDay")
    public record Day(LocalDate date, double offered, double lo80, double hi80, double lo95, double hi95, Integer peakAgents,
            Double agentHours) {
    }

    @Type("QueuePlanInterval")
    public record Interval(LocalDateTime start, double expectedCalls, int agents, int agentsWithShrinkage,
            double serviceLevel, Double asaSeconds, double occupancy, double abandonRate) {
    }

    @Type("QueuePlan")
    public record Plan(String queue, String mode, int intervalMinutes, String model,
            @Description("sMAPE of the engine's backtest, percent") Double smape, Double coverage80,
            @Description("Days of history the forecast used") int historyDays, LocalDate lastHistoryDay,
            @Description("Mean service time of handled calls, seconds (call logs only)") Double ahtSeconds,
            @Description("Total wait of offered calls / abandoned calls, seconds (call logs only)") Double patienceSeconds,
            double answerWithinSeconds, double serviceLevelTarget, List<Day> days,
            @Description("Empty when the queue has no call log (no intraday profile or handle time)") List<Interval> intervals) {
    }

    private static final String OFFERED = "(ic.outcome = 'AGENT' OR (ic.outcome = 'HANG' AND ic.queue_start IS NOT NULL))";
    private static final String AT = "coalesce(ic.queue_start, ic.service_start, ic.vru_exit, ic.vru_entry)";

    public Plan plan(String queue, Integer horizonDays, Integer intervalMinutes, StaffingMode mode,
            StaffingTargets targets) {
        int horizon = horizonDays == null ? 14 : horizonDays;
        int interval = intervalMinutes == null ? 60 : intervalMinutes;
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
        try (Connection c = dataSource.getConnection()) {
            int queueKey;
            double answerWithin;
            try (PreparedStatement ps = c.prepareStatement("SELECT queue_key, answer_within_s FROM queue WHERE name = ?")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("No queue named '" + queue + "'");
                    }
                    queueKey = rs.getInt(1);
                    answerWithin = targets != null && targets.answerWithinSeconds != null ? targets.answerWithinSeconds : rs.getDouble(2);
                }
            }
            TreeMap<LocalDate, Double> history = new TreeMap<>();
            boolean calls = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT (" + AT + ")::date, count(*) FROM inbound_call ic "
                    + "WHERE ic.queue_key = ? AND " + OFFERED + " GROUP BY 1")) {
                ps.setInt(1, queueKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.put(rs.getDate(1).toLocalDate(), rs.getDouble(2));
                        calls = true;
                    }
                }
            }
            if (!calls) {
                try (PreparedStatement ps = c.prepareStatement("SELECT period_start, offered FROM service_metric WHERE queue_key = ? "
                        + "AND granularity = 'DAY' AND chosen AND offered IS NOT NULL")) {
                    ps.setInt(1, queueKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            history.put(rs.getDate(1).toLocalDate(), rs.getDouble(2));
                        }
                    }
                }
            }
            if (history.size() < 14) {
                throw new BadInputException("Queue '" + queue + "' has " + history.size() + " days of daily offered calls; the "
                        + "forecast needs at least 14 (monthly files cannot be planned per day)");
            }
            List<Double> series = new ArrayList<>();
            for (LocalDate d = history.firstKey(); !d.isAfter(history.lastKey()); d = d.plusDays(1)) {
                Double v = history.get(d);
                // A day without calls in a call log is a closed day; in a metric file, a missing row.
                series.add(v != null ? v : calls ? 0.0 : series.size() >= 7 ? series.get(series.size() - 7) : series.get(series.size() - 1));
            }
            ForecastEngine.Result forecast = new ForecastEngine(7).run(series.stream().mapToDouble(Double::doubleValue).toArray(), horizon);
            LocalDate last = history.lastKey();

            Double aht = null;
            Double patience = null;
            double[][] profile = null;
            if (calls) {
                try (PreparedStatement ps = c.prepareStatement("SELECT (avg(service_s) FILTER (WHERE outcome = 'AGENT' AND service_s > 0))::float8, "
                        + "sum(wait_s) FILTER (WHERE " + OFFERED.replace("ic.", "") + ")::float8 / nullif(count(*) FILTER (WHERE outcome = 'HANG' "
                        + "AND queue_start IS NOT NULL), 0) FROM inbound_call WHERE queue_key = ?")) {
                    ps.setInt(1, queueKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        aht = (Double) rs.getObject(1);
                        patience = (Double) rs.getObject(2);
                    }
                }
                profile = profile(c, queueKey, interval);
            }
            List<Day> days = new ArrayList<>();
            List<Interval> intervals = new ArrayList<>();
            double serviceLevel = targets != null && targets.serviceLevel != null ? targets.serviceLevel : 0.8;
            Double maxOccupancy = targets == null ? null : targets.maxOccupancy;
            Double shrinkage = targets != null && targets.shrinkage != null ? targets.shrinkage : 0.3;
            Double maxAbandon = targets == null ? null : targets.maxAbandonRate;
            Double queuePatience = m == StaffingMode.ERLANG_A
                    ? (targets != null && targets.patienceSeconds != null ? targets.patienceSeconds : patience) : null;
            int slots = 24 * 60 / interval;
            for (int h = 0; h < forecast.points().size(); h++) {
                ForecastEngine.Point p = forecast.points().get(h);
                LocalDate date = last.plusDays(h + 1L);
                double daily = Math.max(0, p.value());
                Integer peak = null;
                Double hours = null;
                if (profile != null && aht != null) {
                    peak = 0;
                    hours = 0.0;
                    double[] shares = profile[date.getDayOfWeek().getValue() - 1];
                    for (int s = 0; s < slots; s++) {
                        double expected = daily * shares[s];
                        if (expected < 0.01) {
                            continue;
                        }
                        QueueModel model = new QueueModel(expected, aht, interval, queuePatience);
                        AgentRequirement.Result need = AgentRequirement.find(model, answerWithin, serviceLevel, maxOccupancy, shrinkage, maxAbandon);
                        QueueModel.Outcome o = need.outcome();
                        intervals.add(new Interval(date.atStartOfDay().plusMinutes((long) s * interval), expected, need.agents(),
                                need.agentsWithShrinkage(), o.serviceLevel(), o.asaSeconds(), o.occupancy(), o.probAbandon()));
                        peak = Math.max(peak, need.agentsWithShrinkage());
                        hours += need.agents() * interval / 60.0;
                    }
                }
                days.add(new Day(date, daily, Math.max(0, p.lo80()), p.hi80(), Math.max(0, p.lo95()), p.hi95(), peak, hours));
            }
            ForecastEngine.Accuracy a = forecast.accuracy();
            return new Plan(queue, m.name(), interval, forecast.model(), finite(a.smape()), finite(a.coverage80()), series.size(), last,
                    aht, queuePatience, answerWithin, serviceLevel, days, intervals);
        } catch (SQLException e) {
            throw new IllegalStateException("Queue plan failed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
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
