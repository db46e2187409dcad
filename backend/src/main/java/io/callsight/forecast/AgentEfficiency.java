package io.callsight.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected efficiency of each agent over the coming period: calls per active hour, success rate
 * (Interested / connected) and AHT, as the agent's recent record shrunk toward the team's
 * (empirical-Bayes style: the agent's own evidence counts against a fixed prior weight). Pure.
 *
 * <p>Prior weights (why): a shift of active time (8 h) for calls per hour, 50 connected calls for
 * the success rate and 30 connected calls for AHT: below about that much history an agent's own
 * rate is mostly noise (a success rate near 20% has a standard error of about 6 points at 50
 * calls), above it the agent's record dominates. So an agent with one shift of history sits halfway
 * between their own rate and the team's; after two weeks of full shifts the team pull is under 10%.
 * The 80% range is the 10th-90th percentile of the agent's own daily values around the estimate.
 */
public final class AgentEfficiency {

    static final double PRIOR_HOURS = 8;
    static final double PRIOR_CONNECTED_FOR_SUCCESS = 50;
    static final double PRIOR_CONNECTED_FOR_AHT = 30;

    private AgentEfficiency() {
    }

    /** One working day of an agent (all campaigns). */
    public record Day(double calls, double activeHours, double connected, double interested, double ahtSum,
            double ahtCount) {
    }

    /** One metric's estimate. */
    public record Estimate(String metric, Double value, Double lo80, Double hi80, Double agentValue, Double teamValue,
            double weight, double evidence) {
    }

    /** Estimates per agent, given each agent's working days and team. */
    public static Map<Integer, List<Estimate>> estimate(Map<Integer, List<Day>> daysByAgent, Map<Integer, String> teams) {
        Map<String, Day> teamTotals = new HashMap<>();
        for (var e : daysByAgent.entrySet()) {
            String team = teams.getOrDefault(e.getKey(), "");
            for (Day d : e.getValue()) {
                teamTotals.merge(team, d, AgentEfficiency::add);
            }
        }
        Map<Integer, List<Estimate>> out = new HashMap<>();
        for (var e : daysByAgent.entrySet()) {
            Day team = teamTotals.get(teams.getOrDefault(e.getKey(), ""));
            Day own = e.getValue().stream().reduce(new Day(0, 0, 0, 0, 0, 0), AgentEfficiency::add);
            List<Estimate> list = new ArrayList<>();
            list.add(shrunk("CALLS_PER_HOUR", own.calls(), own.activeHours(), team.calls(), team.activeHours(),
                    PRIOR_HOURS, e.getValue().stream().filter(d -> d.activeHours() > 0)
                            .mapToDouble(d -> d.calls() / d.activeHours()).toArray()));
            list.add(shrunk("SUCCESS_RATE", own.interested(), own.connected(), team.interested(), team.connected(),
                    PRIOR_CONNECTED_FOR_SUCCESS, e.getValue().stream().filter(d -> d.connected() > 0)
                            .mapToDouble(d -> d.interested() / d.connected()).toArray()));
            list.add(shrunk("AHT", own.ahtSum(), own.ahtCount(), team.ahtSum(), team.ahtCount(),
                    PRIOR_CONNECTED_FOR_AHT, e.getValue().stream().filter(d -> d.ahtCount() > 0)
                            .mapToDouble(d -> d.ahtSum() / d.ahtCount()).toArray()));
            out.put(e.getKey(), list);
        }
        return out;
    }

    /**
     * (own numerator + prior x team rate) / (own denominator + prior): the agent's weight is
     * denominator / (denominator + prior).
     */
    static Estimate shrunk(String metric, double num, double den, double teamNum, double teamDen, double prior,
            double[] daily) {
        Double teamRate = teamDen > 0 ? teamNum / teamDen : null;
        Double ownRate = den > 0 ? num / den : null;
        double weight = den / (den + prior);
        Double value;
        if (teamRate == null) {
            value = ownRate;
        } else {
            value = (num + prior * teamRate) / (den + prior);
        }
        Double lo = null;
        Double hi = null;
        if (value != null && daily.length >= 2 && ownRate != null) {
            double[] deviations = Arrays.stream(daily).map(v -> v - ownRate).toArray();
            lo = Math.max(0, value + ForecastEngine.quantile(deviations, 0.10));
            hi = value + ForecastEngine.quantile(deviations, 0.90);
            if ("SUCCESS_RATE".equals(metric)) {
                hi = Math.min(1, hi);
            }
        }
        return new Estimate(metric, value, lo, hi, ownRate, teamRate, weight, den);
    }

    private static Day add(Day a, Day b) {
        return new Day(a.calls() + b.calls(), a.activeHours() + b.activeHours(), a.connected() + b.connected(),
                a.interested() + b.interested(), a.ahtSum() + b.ahtSum(), a.ahtCount() + b.ahtCount());
    }
}
