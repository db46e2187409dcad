package io.callsight.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Picks a model for a series by a rolling-origin backtest at the forecast horizon and derives
 * prediction intervals from the backtest errors, so that their coverage is measured rather than
 * assumed. Pure: no CDI, no database.
 *
 * <ul>
 * <li>Candidates: the seasonal naive, Holt-Winters (additive and multiplicative), a trend + season
 * regression, the recent level (last four seasons, or last season) times a season profile, and the
 * mean of Holt-Winters additive and the last season's level times the profile (the two best single
 * models on the real series; a combination is rarely the worst and often the best). Holt-Winters' weights are estimated once for the backtest (on the newest
 * origin's history) and again for the forecast. The one with the lowest recency-weighted
 * backtest error relative to the series' level is chosen.</li>
 * <li>Holidays (optional: a flag per day over history and horizon): every model is fitted on the
 * history with holidays replaced by their typical value, and its forecast of a holiday is
 * multiplied by the effect learnt from past holidays ({@link HolidayEffect}).</li>
 * <li>Intervals are conformal: the backtest errors of the chosen model, each divided by a scale made
 * of the level at its origin (mean of the last four seasons) and of the forecast itself, pooled over
 * nearby horizons, weighted toward recent origins (half-life {@link #HALF_LIFE} origins); their
 * weighted quantiles, multiplied by today's scale, bound today's forecast. Errors relative to the
 * level stay valid when the level or the variance of a series shifts.</li>
 * </ul>
 */
public final class ForecastEngine {

    /** Most backtest origins, spaced one season apart (40 weeks: enough errors for a 2.5% quantile). */
    static final int MAX_ORIGINS = 40;
    /** Horizons pooled on each side when reading error quantiles. */
    static final int POOL = 7;
    /** Origins after which an origin's errors weigh half as much. */
    static final double HALF_LIFE = 13;
    /** Seasons the level (the error scale) is the mean of. */
    static final int LEVEL_SEASONS = 4;
    /** Share of the scale that is the forecast itself (the rest is the level). */
    static final double FORECAST_SHARE = 0.5;

    private final int period;
    private final List<ForecastModel> candidates;

    public ForecastEngine(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be 1 or more (was " + period + ")");
        }
        this.period = period;
        this.candidates = List.of(new SeasonalNaive(period), new HoltWinters(period, false),
                new HoltWinters(period, true), new SeasonalRegression(period), new WeekdayProfile(period),
                new WeekdayProfile(period, 1));
    }

    /** Name of the combined candidate. */
    static final String COMBINED = "COMBINED_MEAN";
    /** Models whose mean is the combined candidate. */
    private static final List<String> COMBINE = List.of("HOLT_WINTERS_ADDITIVE", "WEEKDAY_PROFILE_1S");

    /** One forecast point with its 80% and 95% intervals. */
    public record Point(double value, double lo80, double hi80, double lo95, double hi95) {
    }

    /** How a model did in the backtest. Null where undefined (e.g. a constant history). */
    public record Accuracy(String model, Double mase, Double smape, Double relativeMaeVsSeasonalNaive,
            Double coverage80, Double coverage95, int origins) {
    }

    /** The chosen model, its forecast and accuracy, and every candidate's backtest score. */
    public record Result(String model, List<Point> points, Accuracy accuracy, List<Accuracy> candidates) {
    }

    public Result run(double[] history, int horizon) {
        return run(history, horizon, null);
    }

    /**
     * Forecasts {@code horizon} points after {@code history}; {@code holidays} (may be null) flags
     * the holidays from the first day of the history to the last of the horizon.
     */
    public Result run(double[] history, int horizon, boolean[] holidays) {
        if (horizon < 1 || horizon > 366) {
            throw new IllegalArgumentException("horizon must be between 1 and 366 (was " + horizon + ")");
        }
        for (double v : history) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the series holds a value that is not a finite number");
            }
        }
        if (history.length < 2 * period) {
            throw new IllegalArgumentException("the series needs at least " + 2 * period + " points (had "
                    + history.length + ")");
        }
        int n = history.length;
        List<Integer> origins = origins(n, horizon);
        int count = origins.size();
        double[][] trains = new double[count][];
        HolidayEffect[] effects = new HolidayEffect[count];
        double[] levels = new double[count];
        double[] weights = new double[count];
        double scaleSum = 0;
        for (int o = 0; o < count; o++) {
            int origin = origins.get(o);
            effects[o] = HolidayEffect.fit(history, origin, holidays, period);
            trains[o] = effects[o].history(history, origin);
            levels[o] = level(trains[o]);
            weights[o] = Math.pow(0.5, o / HALF_LIFE);
            scaleSum += naiveScale(Arrays.copyOf(history, origin));
        }
        double scale = scaleSum / count;
        // the baseline of the relative MAE: the plain seasonal naive on the raw history
        double naiveAbs = 0;
        for (int o = 0; o < count; o++) {
            double[] f = clampAtZero(new SeasonalNaive(period).forecast(Arrays.copyOf(history, origins.get(o)),
                    horizon));
            for (int h = 0; h < horizon; h++) {
                naiveAbs += Math.abs(history[origins.get(o) + h] - f[h]);
            }
        }
        double naiveMae = naiveAbs / (count * (double) horizon);

        HolidayEffect now = HolidayEffect.fit(history, n, holidays, period);
        double[] train = now.history(history, n);
        List<String> names = new ArrayList<>();
        List<double[][]> forecasts = new ArrayList<>();
        for (ForecastModel model : candidates) {
            if (!model.applies(trains[count - 1]) || !model.applies(trains[0]) || !model.applies(train)) {
                continue;
            }
            double[][] f = new double[count][];
            ForecastModel tuned = model.tuned(trains[0]); // estimated once, on the newest origin's history
            for (int o = 0; o < count; o++) {
                f[o] = clampAtZero(effects[o].apply(tuned.forecast(trains[o], horizon), origins.get(o), holidays));
            }
            names.add(model.name());
            forecasts.add(f);
        }
        if (names.containsAll(COMBINE)) {
            double[][] f = new double[count][horizon];
            for (String part : COMBINE) {
                double[][] p = forecasts.get(names.indexOf(part));
                for (int o = 0; o < count; o++) {
                    for (int h = 0; h < horizon; h++) {
                        f[o][h] += p[o][h] / COMBINE.size();
                    }
                }
            }
            names.add(COMBINED);
            forecasts.add(f);
        }

        List<Accuracy> scores = new ArrayList<>();
        List<double[][]> scaledErrors = new ArrayList<>();
        double[] selection = new double[names.size()];
        for (int m = 0; m < names.size(); m++) {
            double[][] f = forecasts.get(m);
            double[][] z = new double[count][horizon];
            double absSum = 0;
            double smapeSum = 0;
            int smapeCount = 0;
            double weighted = 0;
            double weightSum = 0;
            for (int o = 0; o < count; o++) {
                int origin = origins.get(o);
                double rel = 0;
                for (int h = 0; h < horizon; h++) {
                    double actual = history[origin + h];
                    double e = actual - f[o][h];
                    z[o][h] = e / errorScale(f[o][h], levels[o]);
                    absSum += Math.abs(e);
                    rel += Math.abs(e) / Math.max(levels[o], 1e-9);
                    double denom = Math.abs(actual) + Math.abs(f[o][h]);
                    if (denom > 0) {
                        smapeSum += 200 * Math.abs(e) / denom;
                        smapeCount++;
                    }
                }
                weighted += weights[o] * rel / horizon;
                weightSum += weights[o];
            }
            selection[m] = weighted / weightSum;
            double mae = absSum / (count * (double) horizon);
            scores.add(new Accuracy(names.get(m), scale > 0 ? mae / scale : null,
                    smapeCount == 0 ? null : smapeSum / smapeCount, relative(mae, naiveMae), null, null, count));
            scaledErrors.add(z);
        }
        int best = 0;
        for (int i = 1; i < names.size(); i++) {
            if (selection[i] < selection[best] - 1e-12) {
                best = i;
            }
        }
        // interval coverage is measured for the chosen model only (the others' is never shown)
        Accuracy chosen = scores.get(best);
        double[] coverage = coverage(scaledErrors.get(best), weights);
        chosen = new Accuracy(chosen.model(), chosen.mase(), chosen.smape(), chosen.relativeMaeVsSeasonalNaive(),
                coverage[0], coverage[1], count);
        scores.set(best, chosen);
        double levelNow = level(train);
        double[] f = clampAtZero(now.apply(forecastWith(names.get(best), train, horizon), n, holidays));
        double[][] z = scaledErrors.get(best);
        List<Point> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            double[] q = weightedQuantiles(pooled(z, weights, h, -1), 0.10, 0.90, 0.025, 0.975);
            double s = errorScale(f[h], levelNow);
            points.add(new Point(f[h], Math.max(0, f[h] + s * q[0]), f[h] + s * q[1], Math.max(0, f[h] + s * q[2]),
                    f[h] + s * q[3]));
        }
        return new Result(names.get(best), points, scores.get(best), scores);
    }

    /** The forecast of a candidate (or of the combination) fitted on {@code train}. */
    private double[] forecastWith(String name, double[] train, int horizon) {
        if (name.equals(COMBINED)) {
            double[] out = new double[horizon];
            for (ForecastModel m : candidates) {
                if (COMBINE.contains(m.name())) {
                    double[] f = clampAtZero(m.forecast(train, horizon));
                    for (int h = 0; h < horizon; h++) {
                        out[h] += f[h] / COMBINE.size();
                    }
                }
            }
            return out;
        }
        for (ForecastModel m : candidates) {
            if (m.name().equals(name)) {
                return m.forecast(train, horizon);
            }
        }
        throw new IllegalStateException(name);
    }

    /** The error scale of a forecast value at a level: part level, part the value itself. */
    private static double errorScale(double forecast, double level) {
        double s = (1 - FORECAST_SHARE) * Math.abs(level) + FORECAST_SHARE * Math.max(forecast, 0);
        return s > 1e-9 ? s : 1;
    }

    /** Mean of the last {@link #LEVEL_SEASONS} seasons (or of all of a shorter history). */
    private double level(double[] train) {
        int k = Math.min(train.length, LEVEL_SEASONS * period);
        double s = 0;
        for (int i = train.length - k; i < train.length; i++) {
            s += train[i];
        }
        return k == 0 ? 0 : s / k;
    }

    /** MAE relative to the seasonal naive's; 1 when both are perfect, null when only the baseline is. */
    private static Double relative(double mae, double naiveMae) {
        if (naiveMae > 0) {
            return mae / naiveMae;
        }
        return mae == 0 ? 1.0 : null;
    }

    /** Backtest origins, newest last-horizon first, one season apart, each with enough history. */
    private List<Integer> origins(int n, int horizon) {
        List<Integer> out = new ArrayList<>();
        int minTrain = 3 * period + 2;
        for (int k = 0; k < MAX_ORIGINS; k++) {
            int origin = n - horizon - k * period;
            if (origin < minTrain) {
                break;
            }
            out.add(origin);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the series is too short to backtest a " + horizon
                    + "-point horizon: it needs at least " + (minTrain + horizon) + " points (had " + n + ")");
        }
        return out;
    }

    /** Mean absolute seasonal difference of the training history: the MASE scale. */
    private double naiveScale(double[] train) {
        double sum = 0;
        int count = 0;
        for (int t = period; t < train.length; t++) {
            sum += Math.abs(train[t] - train[t - period]);
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    /**
     * Honest interval coverage: each origin's actuals against intervals built from the other
     * origins' errors only.
     */
    private static double[] coverage(double[][] z, double[] weights) {
        if (z.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int in80 = 0;
        int in95 = 0;
        int total = 0;
        for (int o = 0; o < z.length; o++) {
            for (int h = 0; h < z[o].length; h++) {
                double[] q = weightedQuantiles(pooled(z, weights, h, o), 0.10, 0.90, 0.025, 0.975);
                double e = z[o][h];
                if (e >= q[0] && e <= q[1]) {
                    in80++;
                }
                if (e >= q[2] && e <= q[3]) {
                    in95++;
                }
                total++;
            }
        }
        return new double[] {(double) in80 / total, (double) in95 / total};
    }

    /** Errors (row 0) and their weights (row 1) at horizons h-POOL..h+POOL of every origin but {@code skip}. */
    private static double[][] pooled(double[][] z, double[] weights, int h, int skip) {
        int horizon = z[0].length;
        double[] values = new double[z.length * (2 * POOL + 1)];
        double[] w = new double[values.length];
        int n = 0;
        for (int o = 0; o < z.length; o++) {
            if (o == skip) {
                continue;
            }
            for (int k = Math.max(0, h - POOL); k <= Math.min(horizon - 1, h + POOL); k++) {
                values[n] = z[o][k];
                w[n++] = weights[o];
            }
        }
        return new double[][] {Arrays.copyOf(values, n), Arrays.copyOf(w, n)};
    }

    /**
     * Weighted empirical quantiles: the values sorted, each at the middle of its share of the total
     * weight, linear in between (with equal weights: the usual midpoint rule).
     */
    static double[] weightedQuantiles(double[][] valuesAndWeights, double... qs) {
        double[] v = valuesAndWeights[0];
        double[] w = valuesAndWeights[1];
        int n = v.length;
        double[] out = new double[qs.length];
        if (n == 0) {
            return out;
        }
        double[] sortedV = v.clone();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double total = 0;
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            double wi = w[idx[i]];
            pos[i] = total + wi / 2;
            sortedV[i] = v[idx[i]];
            total += wi;
        }
        for (int k = 0; k < qs.length; k++) {
            double target = qs[k] * total;
            int i = 0;
            while (i < n && pos[i] < target) {
                i++;
            }
            if (i == 0) {
                out[k] = sortedV[0];
            } else if (i == n) {
                out[k] = sortedV[n - 1];
            } else {
                out[k] = sortedV[i - 1] + (sortedV[i] - sortedV[i - 1]) * (target - pos[i - 1]) / (pos[i] - pos[i - 1]);
            }
        }
        return out;
    }

    /** Linear-interpolated empirical quantile. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Counts are never negative. */
    private static double[] clampAtZero(double[] f) {
        double[] out = f.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? Math.max(0, out[i]) : 0;
        }
        return out;
    }
}
