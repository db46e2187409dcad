package io.callsight.scorecards;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.ReadConnections;
import io.callsight.common.BadInputException;
import io.callsight.common.SqlParams;
import io.callsight.reports.AgentPerformanceRow;
import io.callsight.reports.CallFilter;
import io.callsight.reports.PerformanceReports;

/** Scorecards for agents, teams and overall; tiers; bottlenecks. */
@ApplicationScoped
public class ScorecardService {

    static final double BOTTLENECK_Z = 3.5;
    /** And at least this far above the team's median, so that a tight team's small differences are not flagged. */
    static final double BOTTLENECK_RATIO = 1.15;

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    @Inject
    ScorecardConfig config;

    @Inject
    PerformanceReports reports;

    private record Day(String agentId, String name, String team, LocalDate day, Double adherence, Double quality, Double csat,
            Double fcr, Double aht, Double acw) {
    }

    private List<Day> days(ScorecardFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT agent_id, agent_name, team, day, adherence, quality_score, csat, fcr, aht_s, "
                + "acw_s FROM agent_kpi_day WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter != null) {
            if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
                throw new BadInputException("from must be before to (to is exclusive)");
            }
            if (filter.from() != null) {
                sql.append(" AND day >= ?");
                params.add(Date.valueOf(filter.from()));
            }
            if (filter.to() != null) {
                sql.append(" AND day < ?");
                params.add(Date.valueOf(filter.to()));
            }
            if (filter.teams() != null && !filter.teams().isEmpty()) {
                sql.append(" AND team = ANY (?)");
                params.add(filter.teams().toArray(String[]::new));
            }
            if (filter.agentIds() != null && !filter.agentIds().isEmpty()) {
                sql.append(" AND agent_id = ANY (?)");
                params.add(filter.agentIds().toArray(String[]::new));
            }
        }
        sql.append(" ORDER BY day, agent_id");
        try (Connection c = reads.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            SqlParams.bind(c, ps, params);
            List<Day> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Day(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(), d(rs, 5),
                            d(rs, 6), d(rs, 7), d(rs, 8), d(rs, 9), d(rs, 10)));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read agent KPIs", e);
        }
    }

    public List<AgentScorecard> scorecards(ScorecardFilter filter, ScorecardGroup group, ScorecardBucket bucket) {
        ScorecardGroup g = group == null ? ScorecardGroup.AGENT : group;
        List<Day> all = days(filter);
        Map<String, List<Day>> groups = new LinkedHashMap<>();
        for (Day d : all) {
            String key = switch (g) {
                case AGENT -> d.agentId();
                case TEAM -> String.valueOf(d.team());
                case OVERALL -> "";
            };
            LocalDate period = period(d.day(), bucket);
            groups.computeIfAbsent((period == null ? "" : period.toString()) + "|" + key, k -> new ArrayList<>()).add(d);
        }
        Map<String, Double> outbound = g == ScorecardGroup.AGENT ? outboundAht(filter, all) : Map.of();
        ScorecardRules rules = new ScorecardRules(config);
        List<AgentScorecard> rows = new ArrayList<>();
        for (List<Day> days : groups.values()) {
            Day first = days.get(0);
            Double adherence = mean(days, Day::adherence);
            Double quality = mean(days, Day::quality);
            Double csat = mean(days, Day::csat);
            Double fcr = mean(days, Day::fcr);
            Double aht = mean(days, Day::aht);
            Double acw = mean(days, Day::acw);
            Double composite = rules.composite(adherence, quality, csat, fcr, aht, acw);
            String name = g == ScorecardGroup.AGENT ? days.get(days.size() - 1).name() : null;
            rows.add(new AgentScorecard(period(first.day(), bucket), g == ScorecardGroup.AGENT ? first.agentId() : null,
                    name, g == ScorecardGroup.OVERALL ? null : days.get(days.size() - 1).team(), days.size(), adherence,
                    quality, csat, fcr, aht, acw, outbound.get(first.agentId()), composite, rules.tier(composite)));
        }
        rows.sort((a, b) -> {
            int byPeriod = a.periodStart() == null || b.periodStart() == null ? 0 : a.periodStart().compareTo(b.periodStart());
            if (byPeriod != 0) {
                return byPeriod;
            }
            return Double.compare(b.compositeScore() == null ? -1 : b.compositeScore(), a.compositeScore() == null ? -1 : a.compositeScore());
        });
        return rows;
    }

    private Map<String, Double> outboundAht(ScorecardFilter filter, List<Day> days) {
        if (days.isEmpty()) {
            return Map.of();
        }
        CallFilter f = new CallFilter();
        LocalDate from = filter != null && filter.from() != null ? filter.from() : days.get(0).day();
        LocalDate to = filter != null && filter.to() != null ? filter.to() : days.get(days.size() - 1).day().plusDays(1);
        f.from = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        f.to = to.atStartOfDay().atOffset(ZoneOffset.UTC);
        f.agentIds = days.stream().map(Day::agentId).distinct().toList();
        Map<String, Double> aht = new HashMap<>();
        for (AgentPerformanceRow r : reports.agentPerformance(f, false)) {
            if (r.aht() != null) {
                aht.put(r.agentId(), r.aht());
            }
        }
        return aht;
    }

    public List<AgentBottleneck> bottlenecks(ScorecardFilter filter) {
        List<Day> all = days(filter);
        List<AgentBottleneck> found = new ArrayList<>();
        for (String metric : List.of("AHT", "ACW")) {
            Function<Day, Double> value = metric.equals("AHT") ? Day::aht : Day::acw;
            // Agents: each agent's mean against the other agents' means in the team.
            Map<String, Map<String, List<Day>>> byTeam = new LinkedHashMap<>();
            for (Day d : all) {
                byTeam.computeIfAbsent(String.valueOf(d.team()), k -> new LinkedHashMap<>()).computeIfAbsent(d.agentId(), k -> new ArrayList<>()).add(d);
            }
            for (var team : byTeam.entrySet()) {
                Map<String, Double> means = new LinkedHashMap<>();
                team.getValue().forEach((agent, days) -> {
                    Double m = mean(days, value);
                    if (m != null) {
                        means.put(agent, m);
                    }
                });
                flag(found, means, metric, team.getKey(), null, team.getValue());
            }
            // Days: each agent-day against the team's agents that day.
            Map<String, Map<String, List<Day>>> byTeamDay = new LinkedHashMap<>();
            for (Day d : all) {
                byTeamDay.computeIfAbsent(d.team() + "|" + d.day(), k -> new LinkedHashMap<>()).computeIfAbsent(d.agentId(), k -> new ArrayList<>()).add(d);
            }
            for (var teamDay : byTeamDay.entrySet()) {
                Map<String, Double> values = new LinkedHashMap<>();
                teamDay.getValue().forEach((agent, days) -> {
                    Double v = value.apply(days.get(0));
                    if (v != null) {
                        values.put(agent, v);
                    }
                });
                LocalDate day = teamDay.getValue().values().iterator().next().get(0).day();
                flag(found, values, metric, teamDay.getKey().substring(0, teamDay.getKey().lastIndexOf('|')), day, teamDay.getValue());
            }
        }
        return found;
    }

    private static void flag(List<AgentBottleneck> found, Map<String, Double> values, String metric, String team,
            LocalDate day, Map<String, List<Day>> days) {
        if (values.size() < 3) {
            return;
        }
        double[] v = values.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = median(v);
        double mad = median(Arrays.stream(v).map(x -> Math.abs(x - median)).sorted().toArray());
        if (mad == 0) {
            return;
        }
        for (var e : values.entrySet()) {
            double z = (e.getValue() - median) / (1.4826 * mad);
            if (z > BOTTLENECK_Z && e.getValue() >= BOTTLENECK_RATIO * median) {
                Day d = days.get(e.getKey()).get(0);
                found.add(new AgentBottleneck(e.getKey(), d.name(), team, day, metric, e.getValue(), median, z,
                        String.format(Locale.ROOT, "%s %.0f s against the team's median %.0f s%s (robust z %.1f)", metric,
                                e.getValue(), median, day == null ? "" : " on " + day, z)));
            }
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static LocalDate period(LocalDate day, ScorecardBucket bucket) {
        if (bucket == null) {
            return null;
        }
        return switch (bucket) {
            case DAY -> day;
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    private static Double mean(List<Day> days, Function<Day, Double> f) {
        double sum = 0;
        int n = 0;
        for (Day d : days) {
            Double v = f.apply(d);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static Double d(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        return o == null ? null : ((Number) o).doubleValue();
    }
}
