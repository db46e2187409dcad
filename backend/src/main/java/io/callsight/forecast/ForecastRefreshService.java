package io.callsight.forecast;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.sql.Types;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BusinessTime;
import io.callsight.common.Transactions;
import io.callsight.instances.InstanceRegistry;
import io.callsight.instances.JobSlots;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Refreshes the materialized forecasts: daily calls and conversions per scope for the next
 * {@code horizon-days}, each with the model its backtest chose. One refresh at a time per
 * database (PostgreSQL advisory lock, so several instances never refresh together) and per
 * process, and one scheduled run per cron slot whatever the number of instances ({@link JobSlots});
 * every run is recorded with the instance running it; a failed run leaves the previous forecasts in use,
 * and a run whose instance died is marked FAILED by the others.
 */
@ApplicationScoped
public class ForecastRefreshService {

    private static final Logger LOG = Logger.getLogger(ForecastRefreshService.class);
    static final long REFRESH_LOCK = 0x464F524543L; // "FOREC"

    @Inject
    ForecastMetrics metrics;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ForecastConfig config;

    @Inject
    BusinessTime businessTime;

    @Inject
    InstanceRegistry instance;

    @Inject
    JobSlots slots;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Fired after a run completed, so that plans built on the forecasts can follow. */
    public record Refreshed(long runId) {
    }

    @Inject
    Event<Refreshed> refreshed;

    /** Test hook: the next refresh fails after computing, before anything is stored. */
    private volatile boolean failNextRefresh;

    void failNextRefresh() {
        failNextRefresh = true;
    }

    /** The outcome of a refresh request. */
    public record RunOutcome(Long runId, String status, boolean alreadyRunning) {
    }

    @Scheduled(cron = "{callsight.forecast.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "forecast-refresh")
    void scheduled(ScheduledExecution execution) {
        scheduledSlot(execution.getScheduledFireTime());
    }

    /** The scheduled refresh of {@code slot}, unless another instance took that slot. */
    RunOutcome scheduledSlot(java.time.Instant slot) {
        if (!slots.claim("forecast-refresh", slot)) {
            LOG.debugf("Forecast refresh of %s: run by another instance", slot);
            return new RunOutcome(null, "SKIPPED", true);
        }
        return refresh("SCHEDULE");
    }

    /**
     * Runs left RUNNING by an instance that died during a refresh (at start: an earlier run of this one), and
     * runs of no recorded instance while no instance holds the refresh lock. Every sweep interval and at start.
     */
    public int failInterruptedRuns() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE forecast_run SET status = 'FAILED', finished_at = now(), "
                        + "error = 'interrupted: the instance running it stopped before the run finished; the previous "
                        + "forecasts stay in use' WHERE status = 'RUNNING' AND CASE "
                        + "WHEN owner_instance IS NULL THEN NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1) "
                        + "WHEN owner_instance = ? THEN false "
                        + "ELSE " + InstanceRegistry.DEAD_OWNER.formatted("owner_instance") + " END")) {
            ps.setLong(1, REFRESH_LOCK >>> 32);
            ps.setLong(2, REFRESH_LOCK & 0xFFFF_FFFFL);
            ps.setObject(3, instance.id());
            ps.setDouble(4, instance.staleSeconds());
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.warnf("Marked %d forecast run(s) left RUNNING by a stopped instance as FAILED", n);
            }
            return n;
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Interrupted forecast run sweep skipped: %s", e.getMessage());
            return 0;
        }
    }

    /** Refreshes now unless a refresh runs already (here or on another instance). */
    public RunOutcome refresh(String trigger) {
        return refresh(trigger, false);
    }

    /**
     * The first refresh of a database (at start, trigger {@code STARTUP}): unless a run completed already,
     * checked under the refresh lock, so that instances starting together on an empty forecast refresh once
     * (the second one to take the lock finds the first one's run).
     */
    public RunOutcome refreshIfNoneCompleted(String trigger) {
        return refresh(trigger, true);
    }

    private RunOutcome refresh(String trigger, boolean onlyIfNoneCompleted) {
        if (!running.compareAndSet(false, true)) {
            return new RunOutcome(null, "RUNNING", true);
        }
        try (Connection lock = dataSource.getConnection()) {
            boolean locked;
            try (Statement st = lock.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + REFRESH_LOCK + ")")) {
                rs.next();
                locked = rs.getBoolean(1);
            }
            if (!locked) {
                return new RunOutcome(null, "RUNNING", true);
            }
            try {
                if (onlyIfNoneCompleted && anyCompleted(lock)) {
                    return new RunOutcome(null, "SKIPPED", true);
                }
                long start = System.nanoTime();
                RunOutcome outcome = runLocked(trigger);
                metrics.refreshed(outcome.status(), System.nanoTime() - start);
                return outcome;
            } finally {
                try (Statement st = lock.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + REFRESH_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Forecast refresh could not start: " + e.getMessage(), e);
        } finally {
            running.set(false);
        }
    }

    @Scheduled(every = "{callsight.instance.sweep}", delayed = "{callsight.instance.sweep}",
            identity = "interrupted-forecast-sweep", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepInterruptedRuns() {
        failInterruptedRuns();
    }

    private RunOutcome runLocked(String trigger) throws SQLException {
        long runId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO forecast_run (trigger, horizon_days, owner_instance) "
                        + "VALUES (?, ?, ?) RETURNING run_id")) {
            ps.setString(1, trigger);
            ps.setInt(2, config.horizonDays());
            ps.setObject(3, instance.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                runId = rs.getLong(1);
            }
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            ZoneId zone = businessTime.zone();
            OffsetDateTime asOf = DailyHistory.asOf(c);
            if (asOf == null) {
                finish(c, runId, "COMPLETED", null, 0, 0, "", "no calls yet: nothing to forecast");
                return new RunOutcome(runId, "COMPLETED", false);
            }
            // the as-of day is still running: history ends the day before, forecasts start on it
            LocalDate lastDay = asOf.atZoneSameInstant(zone).toLocalDate().minusDays(1);
            LocalDate firstDay = lastDay.minusDays(config.historyDays() - 1L);
            LocalDate firstData = firstDataDay(c, zone);
            if (firstData != null && firstData.isAfter(firstDay)) {
                firstDay = firstData;
            }
            Map<DailyHistory.Key, double[]> history = firstDay.isAfter(lastDay) ? Map.of()
                    : DailyHistory.load(c, firstDay, lastDay, zone);
            int days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
            boolean[] holidays = config.holidayCalendar().mask(firstDay, days + config.horizonDays());
            if (failNextRefresh) { // a failure after the run started and read its history: nothing of it is stored
                failNextRefresh = false;
                throw new IllegalStateException("injected failure (test)");
            }
            Forecasts forecasts = forecastAll(history, holidays);
            Map<DailyHistory.Key, ForecastEngine.Result> results = forecasts.results();
            int skipped = forecasts.skipped();
            store(c, runId, results, firstDay, lastDay);
            int agents = storeAgentEfficiency(c, runId, lastDay);
            storeProfile(c, runId, lastDay, zone);
            String summary = forecasts.models().toString();
            finish(c, runId, "COMPLETED", asOf, results.size(), skipped, summary, skipped == 0 ? null
                    : skipped + " series had too little history to backtest");
            LOG.infof("Forecast run %d: %d series refreshed, %d skipped, models %s, %d agents, as of %s, in %d ms",
                    runId, results.size(), skipped, summary, agents, asOf, (System.nanoTime() - start) / 1_000_000);
            refreshed.fire(new Refreshed(runId));
            return new RunOutcome(runId, "COMPLETED", false);
        } catch (RuntimeException | SQLException e) {
            try (Connection c = dataSource.getConnection()) {
                finish(c, runId, "FAILED", null, 0, 0, null, String.valueOf(e.getMessage()));
            }
            LOG.errorf(e, "Forecast run %d failed; the previous forecasts stay in use", runId);
            return new RunOutcome(runId, "FAILED", false);
        }
    }

    /** Each series' forecast, and how often each model won; series too short to backtest are only counted. */
    private record Forecasts(Map<DailyHistory.Key, ForecastEngine.Result> results, int skipped,
            Map<String, Integer> models) {
    }

    private Forecasts forecastAll(Map<DailyHistory.Key, double[]> history, boolean[] holidays) {
        ForecastEngine engine = new ForecastEngine(7);
        Map<DailyHistory.Key, ForecastEngine.Result> results = new LinkedHashMap<>();
        int skipped = 0;
        Map<String, Integer> models = new TreeMap<>();
        for (var e : history.entrySet()) {
            try {
                ForecastEngine.Result r = engine.run(e.getValue(), config.horizonDays(), holidays);
                results.put(e.getKey(), r);
                models.merge(r.model(), 1, Integer::sum);
            } catch (IllegalArgumentException tooShort) {
                skipped++;
            }
        }
        return new Forecasts(results, skipped, models);
    }

    private static boolean anyCompleted(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM forecast_run WHERE status = 'COMPLETED')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static LocalDate firstDataDay(Connection c, ZoneId zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min(work_day) FROM status_day_rollup");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        }
    }

    private void store(Connection c, long runId, Map<DailyHistory.Key, ForecastEngine.Result> results,
            LocalDate firstDay, LocalDate lastDay) throws SQLException {
        Transactions.inTransaction(c, tx -> {
            storeSeries(tx, runId, results, firstDay, lastDay);
            return null;
        });
    }

    private void storeSeries(Connection c, long runId, Map<DailyHistory.Key, ForecastEngine.Result> results,
            LocalDate firstDay, LocalDate lastDay) throws SQLException {
        try (PreparedStatement series = c.prepareStatement("INSERT INTO forecast_series (run_id, series, scope, "
                + "scope_id, model, mase, smape, relative_mae, coverage80, coverage95, backtest_origins, history_from, "
                + "history_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING series_id");
                PreparedStatement point = c.prepareStatement("INSERT INTO forecast_point (series_id, day, value, lo80, "
                        + "hi80, lo95, hi95) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (var e : results.entrySet()) {
                DailyHistory.Key k = e.getKey();
                ForecastEngine.Result r = e.getValue();
                ForecastEngine.Accuracy a = r.accuracy();
                series.setLong(1, runId);
                series.setString(2, k.kind().name());
                series.setString(3, k.scope());
                series.setString(4, k.scopeId());
                series.setString(5, r.model());
                setDouble(series, 6, a.mase());
                setDouble(series, 7, a.smape());
                setDouble(series, 8, a.relativeMaeVsSeasonalNaive());
                setDouble(series, 9, a.coverage80());
                setDouble(series, 10, a.coverage95());
                series.setInt(11, a.origins());
                series.setObject(12, firstDay);
                series.setObject(13, lastDay);
                long seriesId;
                try (ResultSet rs = series.executeQuery()) {
                    rs.next();
                    seriesId = rs.getLong(1);
                }
                for (int h = 0; h < r.points().size(); h++) {
                    ForecastEngine.Point p = r.points().get(h);
                    point.setLong(1, seriesId);
                    point.setObject(2, lastDay.plusDays(h + 1L));
                    point.setDouble(3, p.value());
                    point.setDouble(4, p.lo80());
                    point.setDouble(5, p.hi80());
                    point.setDouble(6, p.lo95());
                    point.setDouble(7, p.hi95());
                    point.addBatch();
                }
            }
            point.executeBatch();
        }
    }

    /** Weeks of calls the intraday profile is read from. */
    static final int PROFILE_WEEKS = 8;

    /**
     * Share of each weekday's calls per 15-minute slot, and the handle times (mean agent call
     * duration over all dials for outbound workload; AHT over connected calls for queues).
     */
    private void storeProfile(Connection c, long runId, LocalDate lastDay, ZoneId zone) throws SQLException {
        OffsetDateTime from = lastDay.minusWeeks(PROFILE_WEEKS).plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = lastDay.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO forecast_profile (run_id, iso_dow, slot, share) "
                + "SELECT ?, dow, slot, n::double precision / sum(n) OVER (PARTITION BY dow) FROM ("
                + "SELECT extract(isodow FROM c.dial_time AT TIME ZONE ?)::smallint AS dow, "
                + "(extract(hour FROM c.dial_time AT TIME ZONE ?) * 4 + floor(extract(minute FROM c.dial_time AT TIME ZONE ?) / 15))::smallint AS slot, "
                + "count(*) AS n FROM call c WHERE c.dial_time >= ? AND c.dial_time < ? GROUP BY 1, 2) s")) {
            ps.setLong(1, runId);
            ps.setString(2, zone.getId());
            ps.setString(3, zone.getId());
            ps.setString(4, zone.getId());
            ps.setObject(5, from);
            ps.setObject(6, to);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE forecast_run SET mean_agent_call_s = q.mean_all, "
                + "aht_s = q.aht FROM (SELECT sum(agent_sum) / nullif(sum(agent_n), 0) AS mean_all, "
                + "sum(aht_sum) / nullif(sum(aht_n), 0) AS aht FROM agent_day_rollup WHERE work_day BETWEEN ? AND ?) q "
                + "WHERE run_id = ?")) {
            ps.setObject(1, lastDay.minusWeeks(PROFILE_WEEKS).plusDays(1));
            ps.setObject(2, lastDay);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    /** Days of an agent's record that the efficiency estimates look at. */
    static final int EFFICIENCY_DAYS = 28;

    /** Agent efficiency for the forecast period from the last {@value #EFFICIENCY_DAYS} days of agent_day_rollup. */
    private int storeAgentEfficiency(Connection c, long runId, LocalDate lastDay) throws SQLException {
        Map<Integer, List<AgentEfficiency.Day>> days = new HashMap<>();
        Map<Integer, String> teams = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.agent_key, r.work_day, sum(r.calls), "
                + "extract(epoch FROM max(r.last_end) - min(r.first_dial)) / 3600.0, sum(r.connected), "
                + "sum(r.interested_calls), sum(r.aht_sum), sum(r.aht_n), max(a.team) FROM agent_day_rollup r "
                + "JOIN agent a ON a.agent_key = r.agent_key WHERE r.work_day BETWEEN ? AND ? GROUP BY 1, 2")) {
            ps.setObject(1, lastDay.minusDays(EFFICIENCY_DAYS - 1L));
            ps.setObject(2, lastDay);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int agent = rs.getInt(1);
                    days.computeIfAbsent(agent, k -> new ArrayList<>()).add(new AgentEfficiency.Day(
                            rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                            rs.getDouble(8)));
                    if (rs.getString(9) != null) {
                        teams.put(agent, rs.getString(9));
                    }
                }
            }
        }
        Map<Integer, List<AgentEfficiency.Estimate>> estimates = AgentEfficiency.estimate(days, teams);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_efficiency_forecast (run_id, agent_key, team, "
                + "metric, value, lo80, hi80, agent_value, team_value, weight, evidence, history_days, period_from, "
                + "period_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (var e : estimates.entrySet()) {
                for (AgentEfficiency.Estimate est : e.getValue()) {
                    ps.setLong(1, runId);
                    ps.setInt(2, e.getKey());
                    ps.setString(3, teams.get(e.getKey()));
                    ps.setString(4, est.metric());
                    setDouble(ps, 5, est.value());
                    setDouble(ps, 6, est.lo80());
                    setDouble(ps, 7, est.hi80());
                    setDouble(ps, 8, est.agentValue());
                    setDouble(ps, 9, est.teamValue());
                    ps.setDouble(10, est.weight());
                    ps.setDouble(11, est.evidence());
                    ps.setInt(12, days.get(e.getKey()).size());
                    ps.setObject(13, lastDay.plusDays(1));
                    ps.setObject(14, lastDay.plusDays(config.horizonDays()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        return estimates.size();
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || !Double.isFinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void finish(Connection c, long runId, String status, OffsetDateTime asOf, int refreshed,
            int skipped, String models, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE forecast_run SET status = ?, finished_at = now(), "
                + "data_as_of = ?, series_refreshed = ?, series_skipped = ?, models = ?, error = ? WHERE run_id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, asOf);
            ps.setInt(3, refreshed);
            ps.setInt(4, skipped);
            ps.setString(5, models);
            ps.setString(6, error);
            ps.setLong(7, runId);
            ps.executeUpdate();
        }
    }
}
