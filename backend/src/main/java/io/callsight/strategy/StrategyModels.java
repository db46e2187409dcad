package io.callsight.strategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * The newest completed contact model, read from its tables once per run and kept in memory (a few MB: the effects
 * and the history cells). Every request asks the database for the newest run id (one index probe), so a model
 * refitted by another instance is picked up at once.
 */
@ApplicationScoped
public class StrategyModels {

    @Inject
    AgroalDataSource dataSource;

    private volatile FittedModel cached;

    void invalidate() {
        cached = null;
    }

    /** The newest completed model, or empty before the first refresh with calls. */
    public Optional<FittedModel> latest() {
        try (Connection c = dataSource.getConnection()) {
            Long runId = null;
            OffsetDateTime created = null;
            OffsetDateTime to = null;
            double[] bases = new double[4];
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, created_at, history_to, connect_base, "
                    + "connect_base_variance, convert_base, convert_base_variance FROM contact_model_run "
                    + "WHERE status = 'COMPLETED' ORDER BY run_id DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    runId = rs.getLong(1);
                    created = rs.getObject(2, OffsetDateTime.class);
                    to = rs.getObject(3, OffsetDateTime.class);
                    for (int i = 0; i < 4; i++) {
                        bases[i] = rs.getDouble(4 + i);
                    }
                }
            }
            if (runId == null) {
                return Optional.empty();
            }
            FittedModel m = cached;
            if (m != null && m.runId() == runId) {
                return Optional.of(m);
            }
            m = load(c, runId, created, to, bases);
            cached = m;
            return Optional.of(m);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the contact model: " + e.getMessage(), e);
        }
    }

    private static FittedModel load(Connection c, long runId, OffsetDateTime created, OffsetDateTime to, double[] bases)
            throws SQLException {
        Map<String, Integer> levelsOf = new HashMap<>();
        Map<String, double[]> priors = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome, factor, levels, prior_variance FROM "
                + "contact_model_factor WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    levelsOf.put(rs.getString(2), rs.getInt(3));
                    priors.computeIfAbsent(rs.getString(1), k -> new double[DialHistory.FACTOR_NAMES.size()])[
                            DialHistory.FACTOR_NAMES.indexOf(rs.getString(2))] = rs.getDouble(4);
                }
            }
        }
        int campaigns = levelsOf.getOrDefault("campaign", 1);
        int states = levelsOf.getOrDefault("state", 1);
        ContactModel.Spec spec = DialHistory.spec(campaigns, states);
        Map<Integer, Integer> campaignIndex = new HashMap<>();
        Map<String, Integer> stateIndex = new HashMap<>();
        Map<String, double[][][]> arrays = new HashMap<>(); // outcome -> effect, variance, trials, events
        for (String outcome : List.of("CONNECT", "CONVERT")) {
            double[][][] a = new double[4][spec.factors().size()][];
            for (int f = 0; f < spec.factors().size(); f++) {
                int n = spec.factors().get(f).levels();
                double prior = priors.getOrDefault(outcome, new double[spec.factors().size()])[f];
                a[0][f] = new double[n];
                a[1][f] = new double[n];
                java.util.Arrays.fill(a[1][f], prior);
                a[2][f] = new double[n];
                a[3][f] = new double[n];
            }
            arrays.put(outcome, a);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome, factor, level, label, effect, variance, trials, "
                + "events FROM contact_model_effect WHERE run_id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int f = DialHistory.FACTOR_NAMES.indexOf(rs.getString(2));
                    int l = rs.getInt(3);
                    double[][][] a = arrays.get(rs.getString(1));
                    a[0][f][l] = rs.getDouble(5);
                    a[1][f][l] = rs.getDouble(6);
                    a[2][f][l] = rs.getDouble(7);
                    a[3][f][l] = rs.getDouble(8);
                    if (f == DialHistory.CAMPAIGN) {
                        campaignIndex.put(Integer.parseInt(rs.getString(4)), l);
                    } else if (f == DialHistory.STATE) {
                        stateIndex.put(rs.getString(4), l);
                    }
                }
            }
        }
        double[][][] cn = arrays.get("CONNECT");
        double[][][] cv = arrays.get("CONVERT");
        ContactModel connect = ContactModel.of(spec, bases[0], bases[1], cn[0], cn[1], cn[2], cn[3],
                priors.getOrDefault("CONNECT", new double[spec.factors().size()]));
        ContactModel convert = ContactModel.of(spec, bases[2], bases[3], cv[0], cv[1], cv[2], cv[3],
                priors.getOrDefault("CONVERT", new double[spec.factors().size()]));
        List<FittedModel.Cell> cells = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT campaign_key, state, local_hour, local_dow, attempt, "
                + "gap_bucket, age_bucket, dials, connects, conversions, agent_seconds FROM contact_model_cell "
                + "WHERE run_id = ?")) {
            ps.setLong(1, runId);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer campaign = campaignIndex.get(rs.getInt(1));
                    Integer state = stateIndex.get(rs.getString(2));
                    if (campaign == null || state == null) {
                        continue;
                    }
                    int[] levels = { rs.getInt(3), rs.getInt(4) - 1, rs.getInt(5) - 1, rs.getInt(6), rs.getInt(7),
                        campaign, state };
                    cells.add(new FittedModel.Cell(levels, rs.getInt(1), rs.getString(2), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getDouble(11)));
                }
            }
        }
        return new FittedModel(runId, created, to, connect, convert, campaignIndex, stateIndex, cells);
    }
}
