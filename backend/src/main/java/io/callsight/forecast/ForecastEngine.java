package io.callsight.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Picks a model for a series by a rolling-origin backtest at the forecast horizon, scored by MASE
 * (scaled by the in-sample seasonal-naive error) and sMAPE against the seasonal-naive baseline,
 * and derives prediction intervals from the backtest errors by horizon, so their coverage is
 * measured rather than assumed. Pure: no CDI, no database.
 */
public final class ForecastEngine {

    /** Most backtest origins, spaced one season apart. */
    static final int MAX_ORIGINS = 12;
    /** Horizons pooled on each side when reading error quantiles. */
    static final int POOL = 3;

    private final int period;
    private final List<ForecastModel> candidates;

    public ForecastEngine(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be 1 or more (was " + period + ")");
        }
        this.period = period;
        this.candidates = List.of(new SeasonalNaive(period), new HoltWinters(period, false),
                new HoltWinters(period, true), new SeasonalRegression(period));
    }

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
        List<Integer> origins = origins(history.length, horizon);
        List<Accuracy> scores = new ArrayList<>();
        List<double[][]> errorsByModel = new ArrayList<>();
        List<ForecastModel> usable = new ArrayList<>();
        double naiveMae = Double.NaN;
        for (ForecastModel model : candidates) {
            if (!model.applies(Arrays.copyOf(history, origins.isEmpty() ? history.length : origins.get(0)))) {
                continue;
            }
            double[][] errors = new double[origins.size()][];
            double absSum = 0;
            double smapeSum = 0;
            int count = 0;
            int smapeCount = 0;
            double scaleSum = 0;
            for (int o = 0; o < origins.size(); o++) {
                int origin = origins.get(o);
                double[] train = Arrays.copyOf(history, origin);
                double[] f = clampAtZero(model.forecast(train, horizon));
                errors[o] = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    double actual = history[origin + h];
                    double e = actual - f[h];
                    errors[o][h] = e;
                    absSum += Math.abs(e);
                    count++;
                    double denom = Math.abs(actual) + Math.abs(f[h]);
                    if (denom > 0) {
                        smapeSum += 200 * Math.abs(e) / denom;
                        smapeCount++;
                    }
                }
                scaleSum += naiveScale(train);
            }
            double mae = absSum / Math.max(count, 1);
            double scale = scaleSum / Math.max(origins.size(), 1);
            if (model instanceof SeasonalNaive) {
                naiveMae = mae; // the baseline is the first candidate
            }
            double[] coverage = coverage(errors);
            scores.add(new Accuracy(model.name(), scale > 0 ? mae / scale : null,
                    smapeCount == 0 ? null : smapeSum / smapeCount, relative(mae, naiveMae), coverage[0], coverage[1],
                    origins.size()));
            errorsByModel.add(errors);
            usable.add(model);
        }
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (meanAbs(errorsByModel.get(i)) < meanAbs(errorsByModel.get(best)) - 1e-12) {
                best = i;
            }
        }
        ForecastModel chosen = usable.get(best);
        double[] f = clampAtZero(chosen.forecast(history, horizon));
        double[][] errors = errorsByModel.get(best);
        List<Point> points = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            double[] pooled = pooled(errors, h, -1);
            points.add(new Point(f[h], Math.max(0, f[h] + quantile(pooled, 0.10)), f[h] + quantile(pooled, 0.90),
                    Math.max(0, f[h] + quantile(pooled, 0.025)), f[h] + quantile(pooled, 0.975)));
        }
        return new Result(chosen.name(), points, scores.get(best), scores);
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
    private static double[] coverage(double[][] errors) {
        if (errors.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int in80 = 0;
        int in95 = 0;
        int total = 0;
        for (int o = 0; o < errors.length; o++) {
            for (int h = 0; h < errors[o].length; h++) {
                double[] others = pooled(errors, h, o);
                double e = errors[o][h];
                if (e >= quantile(others, 0.10) && e <= quantile(others, 0.90)) {
                    in80++;
                }
                if (e >= quantile(others, 0.025) && e <= quantile(others, 0.975)) {
                    in95++;
                }
                total++;
            }
        }
        return new double[] {(double) in80 / total, (double) in95 / total};
    }

    /** Errors at horizons h-POOL..h+POOL of every origin but {@code skip}. */
    private static double[] pooled(double[][] errors, int h, int skip) {
        int horizon = errors[0].length;
        double[] out = new double[errors.length * (2 * POOL + 1)];
        int n = 0;
        for (int o = 0; o < errors.length; o++) {
            if (o == skip) {
                continue;
            }
            for (int k = Math.max(0, h - POOL); k <= Math.min(horizon - 1, h + POOL); k++) {
                out[n++] = errors[o][k];
            }
        }
        return Arrays.copyOf(out, n);
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

    private static double meanAbs(double[][] errors) {
        double sum = 0;
        int n = 0;
        for (double[] row : errors) {
            for (double e : row) {
                sum += Math.abs(e);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
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
