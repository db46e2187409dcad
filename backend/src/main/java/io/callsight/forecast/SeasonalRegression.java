package io.callsight.forecast;

import java.util.Arrays;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/** Least squares on a linear trend and one dummy per position in the season (e.g. day of week). */
public record SeasonalRegression(int period) implements ForecastModel {

    @Override
    public String name() {
        return "TREND_SEASONAL_REGRESSION";
    }

    @Override
    public boolean applies(double[] history) {
        return history.length >= 3 * period;
    }

    /** Seasons of history the regression looks at: recent enough to follow level shifts. */
    static final int SEASONS = 10;

    @Override
    public double[] forecast(double[] fullHistory, int horizon) {
        int keep = Math.min(fullHistory.length, SEASONS * period);
        // keep whole seasons aligned with the end so that dummies keep their meaning
        double[] history = Arrays.copyOfRange(fullHistory, fullHistory.length - keep, fullHistory.length);
        int offset = fullHistory.length - keep;
        int n = history.length;
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = row(t, n, offset);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(history, x);
        double[] beta;
        try {
            beta = ols.estimateRegressionParameters();
        } catch (RuntimeException singular) {
            return new SeasonalNaive(period).forecast(history, horizon);
        }
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] r = row(n + h, n, offset);
            double v = beta[0];
            for (int k = 0; k < r.length; k++) {
                v += beta[k + 1] * r[k];
            }
            out[h] = v;
        }
        return out;
    }

    /** Trend (scaled to the history length) and period-1 season dummies (the first position is the base). */
    private double[] row(int t, int n, int offset) {
        double[] r = new double[period];
        r[0] = (double) t / n;
        int pos = (t + offset) % period;
        if (pos > 0) {
            r[pos] = 1;
        }
        return r;
    }
}
