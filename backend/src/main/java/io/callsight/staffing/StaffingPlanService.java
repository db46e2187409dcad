package io.callsight.staffing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.common.BadInputException;
import io.callsight.forecast.ForecastQueryService;

/**
 * Turns the materialized daily call forecast into agents per interval: the day's calls spread over
 * its intervals by the weekday's intraday profile, then outbound workload or an Erlang model with
 * the asked targets. Every interval carries its inputs so a manager can see why a number is what it is.
 */
@ApplicationScoped
public class StaffingPlanService {

    @Inject
    ForecastQueryService forecasts;

    @ConfigProperty(name = "callsight.reports.business-time-zone", defaultValue = "UTC")
    String businessTimeZone;

    @org.eclipse.microprofile.graphql.Enum("StaffingMode")
    @Description("WORKLOAD: outbound work (calls x mean agent call duration / interval / occupancy); ERLANG_C / "
            + "ERLANG_A: a queue with service-level targets (Erlang A needs patienceSeconds)")
    public enum Mode {
        WORKLOAD, ERLANG_C, ERLANG_A
    }

    @Input("StaffingTargets")
    @Description("Targets of a staffing plan; absent values take the defaults shown")
    public static class Targets {
        @Description("Share answered within answerWithinSeconds (default 0.8)")
        public Double serviceLevel;
        @Description("Default 20")
        public Double answerWithinSeconds;
        @Description("Erlang modes: highest occupancy allowed (default 0.85); WORKLOAD: the occupancy planned for")
        public Double maxOccupancy;
        @Description("Share of paid time off the phones (default 0.3)")
        public Double shrinkage;
        @Description("Mean patience in seconds (Erlang A; default 300)")
        public Double patienceSeconds;
        @Description("Highest abandon rate allowed (Erlang A; optional)")
        public Double maxAbandonRate;
    }

    @Type("StaffingInterval")
    @Description("One interval: inputs (expected calls, handle time) and outputs (agents, service level, occupancy, "
            + "abandon rate)")
    public record Interval(OffsetDateTime start, double expectedCalls, double handleTimeSeconds, int agents,
            int agentsWithShrinkage, Double serviceLevel, Double asaSeconds, Double occupancy, Double abandonRate) {
    }

    @Type("StaffingDay")
    public record Day(LocalDate date, double expectedCalls, int peakAgents, int peakAgentsWithShrinkage,
            @Description("Sum over intervals of agents x interval length, hours") double agentHours) {
    }

    @Type("StaffingPlan")
    public record Plan(Mode mode, int intervalMinutes, OffsetDateTime generatedAt, OffsetDateTime asOf,
            @Description("Mean agent call duration (WORKLOAD) or AHT of connected calls (Erlang), seconds")
            double handleTimeSeconds, double serviceLevelTarget, double answerWithinSeconds, double maxOccupancy,
            double shrinkage, Double patienceSeconds, List<Day> days, List<Interval> intervals) {
    }

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    /** After each forecast refresh: materialize the default plan (30-minute WORKLOAD, default targets). */
    void materialize(@jakarta.enterprise.event.Observes io.callsight.forecast.ForecastRefreshService.Refreshed run) {
        Plan plan;
        try {
            plan = plan(null, null, 30, Mode.WORKLOAD, null);
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(StaffingPlanService.class).warnf("No default staffing plan for run %d: %s",
                    run.runId(), e.getMessage());
            return;
        }
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("INSERT INTO staffing_plan (run_id, interval_start, interval_minutes, mode, "
                        + "expected_calls, handle_time_s, agents_required, agents_with_shrinkage, expected_service_level, "
                        + "occupancy, abandon_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Interval iv : plan.intervals()) {
                ps.setLong(1, run.runId());
                ps.setObject(2, iv.start());
                ps.setInt(3, plan.intervalMinutes());
                ps.setString(4, plan.mode().name());
                ps.setDouble(5, iv.expectedCalls());
                ps.setDouble(6, iv.handleTimeSeconds());
                ps.setInt(7, iv.agents());
                ps.setInt(8, iv.agentsWithShrinkage());
                ps.setObject(9, iv.serviceLevel());
                ps.setObject(10, iv.occupancy());
                ps.setObject(11, iv.abandonRate());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not store the default staffing plan: " + e.getMessage(), e);
        }
    }

    public Plan plan(LocalDate from, LocalDate to, int intervalMinutes, Mode mode, Targets targets) {
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw new BadInputException("intervalMinutes must be 15, 30 or 60 (was " + intervalMinutes + ")");
        }
        Targets t = targets == null ? new Targets() : targets;
        double sl = t.serviceLevel == null ? 0.8 : t.serviceLevel;
        double within = t.answerWithinSeconds == null ? 20 : t.answerWithinSeconds;
        double occupancy = t.maxOccupancy == null ? 0.85 : t.maxOccupancy;
        double shrinkage = t.shrinkage == null ? 0.3 : t.shrinkage;
        Double patience = mode == Mode.ERLANG_A ? (t.patienceSeconds == null ? 300.0 : t.patienceSeconds) : null;
        ForecastQueryService.PlanInputs in = forecasts.planInputs();
        Double handle = mode == Mode.WORKLOAD ? in.meanAgentCallSeconds() : in.ahtSeconds();
        if (handle == null || handle <= 0) {
            throw new BadInputException("The data has no handle times to plan with");
        }
        LocalDate first = from != null ? from : in.dailyCalls().firstKey();
        LocalDate end = to != null ? to : in.dailyCalls().lastKey().plusDays(1);
        if (!first.isBefore(end)) {
            throw new BadInputException("from (" + first + ") must be before to (" + end + ")");
        }
        ZoneId zone = ZoneId.of(businessTimeZone);
        int slotsPer = intervalMinutes / 15;
        List<Interval> intervals = new ArrayList<>();
        List<Day> days = new ArrayList<>();
        Map<String, AgentRequirement.Result> cache = new java.util.HashMap<>();
        try {
            for (var e : in.dailyCalls().subMap(first, end).entrySet()) {
                LocalDate day = e.getKey();
                double[] shares = in.slotShares()[day.getDayOfWeek().getValue()];
                int peak = 0;
                int peakScheduled = 0;
                double agentHours = 0;
                for (int slot = 0; slot < 96; slot += slotsPer) {
                    double share = 0;
                    for (int k = slot; k < slot + slotsPer; k++) {
                        share += shares[k];
                    }
                    double calls = e.getValue() * share;
                    OffsetDateTime start = day.atStartOfDay(zone).plusMinutes(slot * 15L).toOffsetDateTime();
                    Interval iv;
                    if (calls <= 0) {
                        iv = new Interval(start, 0, handle, 0, 0, null, null, null, null);
                    } else if (mode == Mode.WORKLOAD) {
                        OutboundWorkload w = new OutboundWorkload(calls, handle, intervalMinutes, occupancy, shrinkage);
                        int agents = w.agents();
                        iv = new Interval(start, calls, handle, agents, w.agentsWithShrinkage(), null, null,
                                agents == 0 ? null : w.workloadSeconds() / (agents * intervalMinutes * 60.0), null);
                    } else {
                        // interval volumes repeat week to week: solve each (rounded) volume once
                        double rounded = Math.round(calls * 100) / 100.0;
                        AgentRequirement.Result r = cache.computeIfAbsent(Double.toString(rounded), k ->
                                AgentRequirement.find(new QueueModel(rounded, handle, intervalMinutes, patience), within,
                                        sl, occupancy, shrinkage, patience == null ? null : t.maxAbandonRate));
                        QueueModel.Outcome o = r.outcome();
                        iv = new Interval(start, calls, handle, r.agents(), r.agentsWithShrinkage(), o.serviceLevel(),
                                o.asaSeconds(), o.occupancy(), o.probAbandon());
                    }
                    intervals.add(iv);
                    peak = Math.max(peak, iv.agents());
                    peakScheduled = Math.max(peakScheduled, iv.agentsWithShrinkage());
                    agentHours += iv.agents() * intervalMinutes / 60.0;
                }
                days.add(new Day(day, e.getValue(), peak, peakScheduled, agentHours));
            }
        } catch (IllegalArgumentException bad) {
            throw new BadInputException(bad.getMessage());
        }
        return new Plan(mode, intervalMinutes, in.generatedAt(), in.asOf(), handle, sl, within, occupancy, shrinkage,
                patience, days, intervals);
    }
}
