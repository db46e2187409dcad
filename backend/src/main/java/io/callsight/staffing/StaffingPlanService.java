package io.callsight.staffing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;
import io.callsight.forecast.ForecastQueryService;
import io.callsight.forecast.ForecastRefreshService;

/**
 * Turns the materialized daily call forecast into agents per interval: the day's calls spread over
 * its intervals by the weekday's intraday profile, then outbound workload or an Erlang model with
 * the asked targets. Every interval carries its inputs so a manager can see why a number is what it is.
 */
@ApplicationScoped
public class StaffingPlanService {

    private static final Logger LOG = Logger.getLogger(StaffingPlanService.class);

    @Inject
    ForecastQueryService forecasts;

    @Inject
    BusinessTime businessTime;

    @Inject
    AgroalDataSource dataSource;

    /** After each forecast refresh: materialize the default plan (30-minute WORKLOAD, default targets). */
    void materialize(@Observes ForecastRefreshService.Refreshed run) {
        StaffingPlan plan;
        try {
            plan = plan(null, null, 30, StaffingMode.WORKLOAD, null);
        } catch (RuntimeException e) {
            LOG.warnf("No default staffing plan for run %d: %s", run.runId(), e.getMessage());
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO staffing_plan (run_id, interval_start, interval_minutes, mode, "
                        + "expected_calls, handle_time_s, agents_required, agents_with_shrinkage, expected_service_level, "
                        + "occupancy, abandon_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (StaffingInterval iv : plan.intervals()) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the default staffing plan: " + e.getMessage(), e);
        }
    }

    public StaffingPlan plan(LocalDate from, LocalDate to, int intervalMinutes, StaffingMode mode, StaffingTargets targets) {
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw new BadInputException("intervalMinutes must be 15, 30 or 60 (was " + intervalMinutes + ")");
        }
        ForecastQueryService.PlanInputs in = forecasts.planInputs();
        Double handle = mode == StaffingMode.WORKLOAD ? in.meanAgentCallSeconds() : in.ahtSeconds();
        if (handle == null || handle <= 0) {
            throw new BadInputException("The data has no handle times to plan with");
        }
        LocalDate first = from != null ? from : in.dailyCalls().firstKey();
        LocalDate end = to != null ? to : in.dailyCalls().lastKey().plusDays(1);
        if (!first.isBefore(end)) {
            throw new BadInputException("from (" + first + ") must be before to (" + end + ")");
        }
        Settings s = Settings.of(mode, intervalMinutes, handle, targets == null ? new StaffingTargets() : targets);
        List<StaffingInterval> intervals = new ArrayList<>();
        List<StaffingDay> days = new ArrayList<>();
        Map<String, AgentRequirement.Result> solved = new HashMap<>();
        try {
            for (var e : in.dailyCalls().subMap(first, end).entrySet()) {
                double[] shares = in.slotShares()[e.getKey().getDayOfWeek().getValue()];
                days.add(planDay(e.getKey(), e.getValue(), shares, s, solved, intervals));
            }
        } catch (IllegalArgumentException bad) {
            throw new BadInputException(bad.getMessage());
        }
        return new StaffingPlan(mode, intervalMinutes, in.generatedAt(), in.asOf(), handle, s.serviceLevel(),
                s.answerWithinSeconds(), s.occupancy(), s.shrinkage(), s.patienceSeconds(), days, intervals);
    }

    /** One plan's mode, interval, handle time and targets, the defaults filled in. */
    private record Settings(StaffingMode mode, int intervalMinutes, double handleSeconds, double serviceLevel,
            double answerWithinSeconds, double occupancy, double shrinkage, Double patienceSeconds,
            Double maxAbandonRate) {

        static Settings of(StaffingMode mode, int intervalMinutes, double handleSeconds, StaffingTargets t) {
            Double patience = mode == StaffingMode.ERLANG_A ? (t.patienceSeconds == null ? 300.0 : t.patienceSeconds) : null;
            return new Settings(mode, intervalMinutes, handleSeconds,
                    t.serviceLevel == null ? 0.8 : t.serviceLevel,
                    t.answerWithinSeconds == null ? 20 : t.answerWithinSeconds,
                    t.maxOccupancy == null ? 0.85 : t.maxOccupancy,
                    t.shrinkage == null ? 0.3 : t.shrinkage,
                    patience, patience == null ? null : t.maxAbandonRate);
        }
    }

    /** One day's intervals (added to {@code intervals}) from its forecast calls spread by the weekday's 15-minute shares. */
    private StaffingDay planDay(LocalDate day, double dayCalls, double[] shares, Settings s,
            Map<String, AgentRequirement.Result> solved, List<StaffingInterval> intervals) {
        ZoneId zone = businessTime.zone();
        int slotsPer = s.intervalMinutes() / 15;
        int peak = 0;
        int peakScheduled = 0;
        double agentHours = 0;
        for (int slot = 0; slot < 96; slot += slotsPer) {
            double share = 0;
            for (int k = slot; k < slot + slotsPer; k++) {
                share += shares[k];
            }
            OffsetDateTime start = day.atStartOfDay(zone).plusMinutes(slot * 15L).toOffsetDateTime();
            StaffingInterval iv = interval(start, dayCalls * share, s, solved);
            intervals.add(iv);
            peak = Math.max(peak, iv.agents());
            peakScheduled = Math.max(peakScheduled, iv.agentsWithShrinkage());
            agentHours += iv.agents() * s.intervalMinutes() / 60.0;
        }
        return new StaffingDay(day, dayCalls, peak, peakScheduled, agentHours);
    }

    private static StaffingInterval interval(OffsetDateTime start, double calls, Settings s,
            Map<String, AgentRequirement.Result> solved) {
        double handle = s.handleSeconds();
        int intervalMinutes = s.intervalMinutes();
        if (calls <= 0) {
            return new StaffingInterval(start, 0, handle, 0, 0, null, null, null, null);
        }
        if (s.mode() == StaffingMode.WORKLOAD) {
            OutboundWorkload w = new OutboundWorkload(calls, handle, intervalMinutes, s.occupancy(), s.shrinkage());
            int agents = w.agents();
            return new StaffingInterval(start, calls, handle, agents, w.agentsWithShrinkage(), null, null,
                    agents == 0 ? null : w.workloadSeconds() / (agents * intervalMinutes * 60.0), null);
        }
        // interval volumes repeat week to week: solve each (rounded) volume once
        double rounded = Math.round(calls * 100) / 100.0;
        AgentRequirement.Result r = solved.computeIfAbsent(Double.toString(rounded), k ->
                AgentRequirement.find(new QueueModel(rounded, handle, intervalMinutes, s.patienceSeconds()),
                        s.answerWithinSeconds(), s.serviceLevel(), s.occupancy(), s.shrinkage(), s.maxAbandonRate()));
        QueueModel.Outcome o = r.outcome();
        return new StaffingInterval(start, calls, handle, r.agents(), r.agentsWithShrinkage(), o.serviceLevel(),
                o.asaSeconds(), o.occupancy(), o.probAbandon());
    }
}
