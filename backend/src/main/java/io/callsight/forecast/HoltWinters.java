package io.callsight.forecast;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Holt-Winters exponential smoothing with a trend and a season of {@code period}, additive or
 * multiplicative; alpha, beta and gamma minimise the one-step-ahead squared error (BOBYQA within
 * [0.001, 0.999]). The trend is damped (phi 0.98) so that 30-day forecasts do not run away.
 */
public record HoltWinters(int period, boolean multiplicative) implements ForecastModel {

    private static final double PHI = 0.98;

    @Override
    public String name() {
        return multiplicative ? "HOLT_WINTERS_MULTIPLICATIVE" : "HOLT_WINTERS_ADDITIVE";
    }

    @Override
    public boolean applies(double[] history) {
        if (history.length < 2 * period + 2) {
            return false;
        }
        if (multiplicative) {
            for (double v : history) {
                if (v <= 0) {
                    return false; // seasonal factors of a zero day are undefined
                }
            }
        }
        return true;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        double[] params = fit(history);
        return run(history, params[0], params[1], params[2], horizon, null);
    }

    @Override
    public ForecastModel tuned(double[] history) {
        double[] p = fit(history);
        HoltWinters self = this;
        return new ForecastModel() {
            @Override
            public String name() {
                return self.name();
            }

            @Override
            public boolean applies(double[] h) {
                return self.applies(h);
            }

            @Override
            public double[] forecast(double[] h, int horizon) {
                return self.run(h, p[0], p[1], p[2], horizon, null);
            }
        };
    }

    double[] fit(double[] y) {
        MultivariateFunction sse = p -> {
            double[] err = new double[1];
            run(y, p[0], p[1], p[2], 0, err);
            return Double.isFinite(err[0]) ? err[0] : Double.MAX_VALUE;
        };
        try {
            BOBYQAOptimizer optimizer = new BOBYQAOptimizer(7);
            PointValuePair best = optimizer.optimize(new MaxEval(400), new ObjectiveFunction(sse), GoalType.MINIMIZE,
                    new InitialGuess(new double[] {0.3, 0.05, 0.1}),
                    new SimpleBounds(new double[] {0.001, 0.001, 0.001}, new double[] {0.999, 0.999, 0.999}));
            return best.getPoint();
        } catch (RuntimeException e) {
            return new double[] {0.3, 0.05, 0.1}; // the optimiser gave up: sensible defaults
        }
    }

    /**
     * Runs the recursions over {@code y}; returns {@code horizon} forecasts from the end, and adds
     * the one-step-ahead squared errors to {@code sse[0]} when given.
     */
    double[] run(double[] y, double alpha, double beta, double gamma, int horizon, double[] sse) {
        int m = period;
        // initial level, trend and season from the first two seasons
        double first = mean(y, 0, m);
        double second = mean(y, m, 2 * m);
        double level = first;
        double trend = (second - first) / m;
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            season[i] = multiplicative ? (first == 0 ? 1 : y[i] / first) : y[i] - first;
        }
        for (int t = m; t < y.length; t++) {
            double s = season[t % m];
            double predicted = multiplicative ? (level + PHI * trend) * s : level + PHI * trend + s;
            if (sse != null) {
                double e = y[t] - predicted;
                sse[0] += e * e;
            }
            double previousLevel = level;
            level = multiplicative ? alpha * (y[t] / (s == 0 ? 1 : s)) + (1 - alpha) * (level + PHI * trend)
                    : alpha * (y[t] - s) + (1 - alpha) * (level + PHI * trend);
            trend = beta * (level - previousLevel) + (1 - beta) * PHI * trend;
            season[t % m] = multiplicative ? gamma * (y[t] / (level == 0 ? 1 : level)) + (1 - gamma) * s
                    : gamma * (y[t] - level) + (1 - gamma) * s;
        }
        double[] out = new double[horizon];
        double damp = 0;
        for (int h = 1; h <= horizon; h++) {
            damp += Math.pow(PHI, h);
            double s = season[(y.length + h - 1) % m];
            out[h - 1] = multiplicative ? (level + damp * trend) * s : level + damp * trend + s;
        }
        return out;
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
