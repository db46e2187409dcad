package io.callsight.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.Transactions;
import io.callsight.forecast.ForecastRefreshService;

/**
 * Refits the contact and conversion model after every completed forecast refresh, in the same job: the forecast
 * refresh fires its event while it holds its advisory lock (one refresh per database, one run per cron slot across
 * instances), so the model is refitted exactly once per forecast run, by the instance that ran it. The model is
 * stored under the forecast run's id; a failure is recorded on its row and leaves the previous model in use (the
 * forecasts stay COMPLETED).
 *
 * <p>Definitions (ARCHITECTURE §3): a dial connects when its call_status is Answered (callsConnected); a connected
 * call converts when its lead_status is Interested (agent successRate: Interested calls / callsConnected).
 */
@ApplicationScoped
public class ContactModelRefresh {

    private static final Logger LOG = Logger.getLogger(ContactModelRefresh.class);
    /** Models kept (older ones are deleted with their cells). */
    static final int KEEP_RUNS = 3;
    private static final int FETCH_SIZE = 5000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StrategyConfig config;

    @Inject
    StrategyModels models;

    void afterForecastRefresh(@Observes ForecastRefreshService.Refreshed run) {
        if (config.refreshWithForecasts()) {
            refresh(run.runId());
        }
    }

    /** Fits and stores the model of forecast run {@code runId}; returns its status. Never throws. */
    public String refresh(long runId) {
        return refresh(runId, null);
    }

    /** As {@link #refresh(long)}, on the history up to {@code asOf} (null: the newest dial). */
    String refresh(long runId, OffsetDateTime asOf) {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime to = asOf != null ? asOf : newestDial(c);
            if (to == null) {
                insertRun(c, runId, "EMPTY", null, null, 0, 0, null, null, 0, "no calls yet");
                return "EMPTY";
            }
            OffsetDateTime from = to.minusDays(config.historyDays());
            DialHistory history = load(c, from, to.plusSeconds(1));
            Observations obs = history.observations();
            if (obs.size() == 0) {
                insertRun(c, runId, "EMPTY", from, to, 0, history.unlocated(), null, null, 0,
                        "no dial of a lead with a known place");
                return "EMPTY";
            }
            ContactModel.Spec spec = history.spec();
            Observations.Cells cells = obs.cells(Long.MIN_VALUE, Long.MAX_VALUE);
            Observations.Fitted fitted = Observations.fit(spec, cells);
            List<ModelValidation.Result> validation = ModelValidation.validate(spec, obs, config.validationWeeks());
            int ms = (int) ((System.nanoTime() - start) / 1_000_000);
            Transactions.inTransaction(c, tx -> {
                insertRun(tx, runId, "COMPLETED", from, to, obs.size(), history.unlocated(), fitted.connect(),
                        fitted.convert(), ms, null);
                storeModel(tx, runId, "CONNECT", fitted.connect(), history);
                storeModel(tx, runId, "CONVERT", fitted.convert(), history);
                storeCells(tx, runId, cells, history);
                storeValidation(tx, runId, validation);
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM contact_model_run WHERE run_id NOT IN "
                        + "(SELECT run_id FROM contact_model_run ORDER BY run_id DESC LIMIT " + KEEP_RUNS + ")")) {
                    ps.executeUpdate();
                }
                return null;
            });
            models.invalidate();
            LOG.infof("Contact model of run %d: %d dials (%d of leads with no known place left out), %d cells, %d "
                    + "campaigns, %d states, in %d ms", runId, obs.size(), history.unlocated(), cells.size(),
                    history.campaigns().size(), history.states().size(), (System.nanoTime() - start) / 1_000_000);
            return "COMPLETED";
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Contact model of run %d failed; the previous model stays in use", runId);
            try (Connection c = dataSource.getConnection()) {
                insertRun(c, runId, "FAILED", null, null, 0, 0, null, null, 0, String.valueOf(e.getMessage()));
            } catch (SQLException | RuntimeException again) {
                LOG.warnf("Could not record the failed contact model of run %d: %s", runId, again.getMessage());
            }
            return "FAILED";
        }
    }

    private static OffsetDateTime newestDial(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(dial_time) FROM call")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /** The dials of the window, with each lead's previous dial (looked for up to a week before the window). */
    static final String DIALS = "SELECT campaign_key, zip, to_number, epoch, attempt, gap, age, answered, interested, "
            + "agent_s FROM (SELECT c.campaign_key, l.zip, c.to_number, "
            + "extract(epoch FROM c.dial_time)::bigint AS epoch, "
            + "coalesce(c.attempt_no::int, row_number() OVER w::int) AS attempt, "
            + "extract(epoch FROM c.dial_time - lag(c.dial_time) OVER w)::bigint AS gap, "
            + "extract(epoch FROM c.dial_time - coalesce(l.created_at, c.lead_created_at))::bigint AS age, "
            + "c.call_status = 'Answered' AS answered, coalesce(c.lead_status = 'Interested', false) AS interested, "
            + "coalesce(c.agent_call_duration_s, 0) AS agent_s, c.dial_time "
            + "FROM call c JOIN lead l ON l.lead_key = c.lead_key "
            + "WHERE c.dial_time >= ? - interval '7 days' AND c.dial_time < ? "
            + "WINDOW w AS (PARTITION BY c.lead_key ORDER BY c.dial_time, c.call_key)) d WHERE d.dial_time >= ?";

    private DialHistory load(Connection c, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        DialHistory history = new DialHistory();
        Transactions.inTransaction(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement(DIALS)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setObject(1, from);
                ps.setObject(2, to);
                ps.setObject(3, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.add(Integer.toString(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getInt(5), (Long) rs.getObject(6), age(rs), rs.getBoolean(8), rs.getBoolean(9),
                                rs.getDouble(10));
                    }
                }
            }
            return null;
        });
        return history;
    }

    private static Long age(ResultSet rs) throws SQLException {
        long v = rs.getLong(7);
        return rs.wasNull() ? null : v;
    }

    private static void insertRun(Connection c, long runId, String status, OffsetDateTime from, OffsetDateTime to,
            long dials, long unlocated, ContactModel connect, ContactModel convert, int ms, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_model_run (run_id, status, history_from, "
                + "history_to, dials, dials_unlocated, connect_base, connect_base_variance, convert_base, "
                + "convert_base_variance, fit_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, error = excluded.error")) {
            ps.setLong(1, runId);
            ps.setString(2, status);
            ps.setObject(3, from);
            ps.setObject(4, to);
            ps.setLong(5, dials);
            ps.setLong(6, unlocated);
            ps.setObject(7, connect == null ? null : connect.base());
            ps.setObject(8, connect == null ? null : connect.baseVariance());
            ps.setObject(9, convert == null ? null : convert.base());
            ps.setObject(10, convert == null ? null : convert.baseVariance());
            ps.setInt(11, ms);
            ps.setString(12, error);
            ps.executeUpdate();
        }
    }

    private static void storeModel(Connection c, long runId, String outcome, ContactModel m, DialHistory history)
            throws SQLException {
        ContactModel.Spec spec = m.spec();
        List<String> states = history.states();
        List<String> campaigns = history.campaigns();
        try (PreparedStatement f = c.prepareStatement("INSERT INTO contact_model_factor (run_id, outcome, factor, "
                + "position, levels, prior_variance) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement e = c.prepareStatement("INSERT INTO contact_model_effect (run_id, outcome, factor, "
                        + "level, label, effect, variance, trials, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < spec.factors().size(); i++) {
                ContactModel.Factor factor = spec.factors().get(i);
                f.setLong(1, runId);
                f.setString(2, outcome);
                f.setString(3, factor.name());
                f.setInt(4, i);
                f.setInt(5, factor.levels());
                f.setDouble(6, m.factorVariance(i));
                f.addBatch();
                for (int l = 0; l < factor.levels(); l++) {
                    if (m.trials(i, l) == 0) {
                        continue; // no data: the prior (effect 0, the factor's variance) is implied
                    }
                    e.setLong(1, runId);
                    e.setString(2, outcome);
                    e.setString(3, factor.name());
                    e.setInt(4, l);
                    e.setString(5, label(i, l, campaigns, states));
                    e.setDouble(6, m.effect(i, l));
                    e.setDouble(7, m.variance(i, l));
                    e.setDouble(8, m.trials(i, l));
                    e.setDouble(9, m.events(i, l));
                    e.addBatch();
                }
            }
            f.executeBatch();
            e.executeBatch();
        }
    }

    static String label(int factor, int level, List<String> campaigns, List<String> states) {
        return switch (factor) {
            case DialHistory.CAMPAIGN -> campaigns.get(level);
            case DialHistory.STATE -> states.get(level);
            case DialHistory.HOUR_STATE -> states.get(level % states.size()) + ":" + (level / states.size());
            case DialHistory.DOW -> Integer.toString(level + 1);
            case DialHistory.ATTEMPT -> Integer.toString(level + 1);
            default -> Integer.toString(level);
        };
    }

    private static void storeCells(Connection c, long runId, Observations.Cells cells, DialHistory history)
            throws SQLException {
        List<String> states = history.states();
        List<String> campaigns = history.campaigns();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_model_cell (run_id, campaign_key, state, "
                + "local_hour, local_dow, attempt, gap_bucket, age_bucket, dials, connects, conversions, agent_seconds) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < cells.size(); i++) {
                int[] l = cells.levels()[i];
                ps.setLong(1, runId);
                ps.setInt(2, Integer.parseInt(campaigns.get(l[DialHistory.CAMPAIGN])));
                ps.setString(3, states.get(l[DialHistory.STATE]));
                ps.setInt(4, l[DialHistory.HOUR]);
                ps.setInt(5, l[DialHistory.DOW] + 1);
                ps.setInt(6, l[DialHistory.ATTEMPT] + 1);
                ps.setInt(7, l[DialHistory.GAP]);
                ps.setInt(8, l[DialHistory.AGE]);
                ps.setInt(9, (int) cells.dials()[i]);
                ps.setInt(10, (int) cells.connects()[i]);
                ps.setInt(11, (int) cells.conversions()[i]);
                ps.setDouble(12, cells.agentSeconds()[i]);
                ps.addBatch();
                if (i % 5000 == 4999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void storeValidation(Connection c, long runId, List<ModelValidation.Result> results)
            throws SQLException {
        try (PreparedStatement v = c.prepareStatement("INSERT INTO contact_model_validation (run_id, outcome, "
                + "test_weeks, test_dials, brier, baseline_brier, skill) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement b = c.prepareStatement("INSERT INTO contact_model_calibration (run_id, outcome, bin, "
                        + "predicted, observed, dials) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement l = c.prepareStatement("INSERT INTO contact_model_lift (run_id, outcome, share, "
                        + "model_rate, calling_order_rate, lift) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ModelValidation.Result r : results) {
                v.setLong(1, runId);
                v.setString(2, r.outcome().name());
                v.setInt(3, r.testWeeks());
                v.setLong(4, r.testDials());
                v.setDouble(5, r.brier());
                v.setDouble(6, r.baselineBrier());
                v.setObject(7, r.skill());
                v.addBatch();
                for (ModelValidation.Bin bin : r.calibration()) {
                    b.setLong(1, runId);
                    b.setString(2, r.outcome().name());
                    b.setInt(3, bin.bin());
                    b.setDouble(4, bin.predicted());
                    b.setDouble(5, bin.observed());
                    b.setLong(6, bin.dials());
                    b.addBatch();
                }
                for (ModelValidation.Lift lift : r.lift()) {
                    l.setLong(1, runId);
                    l.setString(2, r.outcome().name());
                    l.setDouble(3, lift.share());
                    l.setDouble(4, lift.modelRate());
                    l.setDouble(5, lift.callingOrderRate());
                    l.setObject(6, lift.lift());
                    l.addBatch();
                }
            }
            v.executeBatch();
            b.executeBatch();
            l.executeBatch();
        }
    }

    static OffsetDateTime utc(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }
}
