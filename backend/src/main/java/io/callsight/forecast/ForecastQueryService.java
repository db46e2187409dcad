package io.callsight.forecast;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.ReadConnections;
import io.callsight.common.BadInputException;
import io.callsight.common.BusinessTime;
import io.callsight.common.NotFoundException;

/** Reads the materialized forecasts of the newest completed run. */
@ApplicationScoped
public class ForecastQueryService {

    static final int ACTUAL_DAYS = 60;

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    @Inject
    BusinessTime businessTime;

    /** One stored forecast with its recent actuals. */
    public record StoredForecast(SeriesKind series, String scope, String scopeId, String model,
            OffsetDateTime generatedAt, OffsetDateTime asOf, List<ForecastPoint> points, List<ForecastActual> actuals,
            ForecastAccuracy accuracy, long runId) {
    }

    public StoredForecast forecast(SeriesKind kind, String campaignId, String advertiserId, Integer horizonDays) {
        if (campaignId != null && advertiserId != null) {
            throw new BadInputException("give campaignId or advertiserId, not both");
        }
        String scope = campaignId != null ? "CAMPAIGN" : advertiserId != null ? "ADVERTISER" : "TOTAL";
        String scopeId = campaignId != null ? campaignId : advertiserId;
        try (Connection c = reads.connection()) {
            long seriesId;
            StoredForecast head;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.series_id, s.model, r.finished_at, r.data_as_of, "
                    + "s.mase, s.smape, s.relative_mae, s.coverage80, s.coverage95, s.backtest_origins, r.run_id, "
                    + "s.history_to FROM forecast_series s JOIN forecast_run r ON r.run_id = s.run_id "
                    + "WHERE r.status = 'COMPLETED' AND s.series = ? AND s.scope = ? "
                    + "AND s.scope_id IS NOT DISTINCT FROM ? ORDER BY r.run_id DESC LIMIT 1")) {
                ps.setString(1, kind.name());
                ps.setString(2, scope);
                ps.setString(3, scopeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("No " + kind + " forecast for " + (scopeId == null ? "the total"
                                : scope.toLowerCase() + " '" + scopeId + "'") + " yet (run refreshForecasts)");
                    }
                    seriesId = rs.getLong(1);
                    ForecastAccuracy accuracy = new ForecastAccuracy(d(rs, 5), d(rs, 6), d(rs, 7), d(rs, 8), d(rs, 9),
                            rs.getInt(10));
                    LocalDate historyTo = rs.getObject(12, LocalDate.class);
                    head = new StoredForecast(kind, scope, scopeId, rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class), null,
                            actuals(c, kind, scope, scopeId, historyTo), accuracy, rs.getLong(11));
                }
            }
            int h = horizonDays == null ? Integer.MAX_VALUE : horizonDays;
            if (h < 1) {
                throw new BadInputException("horizonDays must be 1 or more (was " + h + ")");
            }
            List<ForecastPoint> points = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT day, value, lo80, hi80, lo95, hi95 FROM "
                    + "forecast_point WHERE series_id = ? ORDER BY day LIMIT ?")) {
                ps.setLong(1, seriesId);
                ps.setInt(2, Math.min(h, 366));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        points.add(new ForecastPoint(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                    }
                }
            }
            return new StoredForecast(head.series(), head.scope(), head.scopeId(), head.model(), head.generatedAt(),
                    head.asOf(), points, head.actuals(), head.accuracy(), head.runId());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ForecastActual> actuals(Connection c, SeriesKind kind, String scope, String scopeId, LocalDate to)
            throws SQLException {
        LocalDate from = to.minusDays(ACTUAL_DAYS - 1L);
        Map<DailyHistory.Key, double[]> all = DailyHistory.load(c, from, to, businessTime.zone());
        double[] values = all.getOrDefault(new DailyHistory.Key(kind, scope, scopeId), new double[ACTUAL_DAYS]);
        List<ForecastActual> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new ForecastActual(from.plusDays(i), values[i]));
        }
        return out;
    }

    public List<ForecastRun> runs(int last) {
        if (last < 1 || last > 1000) {
            throw new BadInputException("last must be between 1 and 1000 (was " + last + ")");
        }
        List<ForecastRun> out = new ArrayList<>();
        try (Connection c = reads.connection();
                PreparedStatement ps = c.prepareStatement("SELECT run_id, trigger, status, started_at, finished_at, "
                        + "data_as_of, horizon_days, series_refreshed, series_skipped, models, error FROM forecast_run "
                        + "ORDER BY run_id DESC LIMIT ?")) {
            ps.setInt(1, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForecastRun(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                            rs.getObject(6, OffsetDateTime.class), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            rs.getString(10), rs.getString(11)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** What a staffing plan is computed from: the newest completed run's daily call forecast and profile. */
    public record PlanInputs(OffsetDateTime generatedAt, OffsetDateTime asOf, SortedMap<LocalDate, Double> dailyCalls,
            double[][] slotShares, Double meanAgentCallSeconds, Double ahtSeconds) {
    }

    public PlanInputs planInputs() {
        try (Connection c = reads.connection()) {
            long runId;
            OffsetDateTime generatedAt;
            OffsetDateTime asOf;
            Double meanCall;
            Double aht;
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, finished_at, data_as_of, mean_agent_call_s, "
                    + "aht_s FROM forecast_run WHERE status = 'COMPLETED' ORDER BY run_id DESC LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("No forecast yet: run refreshForecasts first");
                }
                runId = rs.getLong(1);
                generatedAt = rs.getObject(2, OffsetDateTime.class);
                asOf = rs.getObject(3, OffsetDateTime.class);
                meanCall = d(rs, 4);
                aht = d(rs, 5);
            }
            SortedMap<LocalDate, Double> daily = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.day, p.value FROM forecast_point p "
                    + "JOIN forecast_series s ON s.series_id = p.series_id WHERE s.run_id = ? "
                    + "AND s.series = 'CALL_VOLUME' AND s.scope = 'TOTAL'")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        daily.put(rs.getObject(1, LocalDate.class), rs.getDouble(2));
                    }
                }
            }
            double[][] shares = new double[8][96]; // [iso day of week][15-minute slot]
            try (PreparedStatement ps = c.prepareStatement("SELECT iso_dow, slot, share FROM forecast_profile "
                    + "WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shares[rs.getInt(1)][rs.getInt(2)] = rs.getDouble(3);
                    }
                }
            }
            return new PlanInputs(generatedAt, asOf, daily, shares, meanCall, aht);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<AgentEfficiencyForecast> agentEfficiency(List<String> agentIds) {
        Map<String, AgentEfficiencyForecast> byAgent = new LinkedHashMap<>();
        try (Connection c = reads.connection();
                PreparedStatement ps = c.prepareStatement("SELECT a.agent_id, a.name, f.team, f.period_from, "
                        + "f.period_to, f.history_days, f.metric, f.value, f.lo80, f.hi80, f.agent_value, f.team_value, "
                        + "f.weight, f.evidence, r.finished_at, r.data_as_of FROM agent_efficiency_forecast f "
                        + "JOIN agent a ON a.agent_key = f.agent_key JOIN forecast_run r ON r.run_id = f.run_id "
                        + "WHERE f.run_id = (SELECT max(run_id) FROM forecast_run WHERE status = 'COMPLETED') "
                        + "AND (?::text[] IS NULL OR a.agent_id = ANY (?::text[])) ORDER BY a.agent_id, f.metric")) {
            Array ids = agentIds == null || agentIds.isEmpty() ? null
                    : c.createArrayOf("text", agentIds.toArray());
            ps.setArray(1, ids);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    EfficiencyEstimate e = new EfficiencyEstimate(d(rs, 8), d(rs, 9), d(rs, 10), d(rs, 11), d(rs, 12), rs.getDouble(13),
                            rs.getDouble(14));
                    AgentEfficiencyForecast prev = byAgent.get(id);
                    AgentEfficiencyForecast base = prev != null ? prev : new AgentEfficiencyForecast(id, rs.getString(2), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getInt(6), null,
                            null, null, rs.getObject(15, OffsetDateTime.class), rs.getObject(16, OffsetDateTime.class));
                    String metric = rs.getString(7);
                    byAgent.put(id, new AgentEfficiencyForecast(base.agentId(), base.agentName(), base.team(), base.periodFrom(),
                            base.periodTo(), base.historyDays(),
                            "CALLS_PER_HOUR".equals(metric) ? e : base.callsPerHour(),
                            "SUCCESS_RATE".equals(metric) ? e : base.successRate(),
                            "AHT".equals(metric) ? e : base.aht(), base.generatedAt(), base.asOf()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(byAgent.values());
    }

    private static Double d(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}
