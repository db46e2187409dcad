package io.callsight.forecast;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rolling-origin evaluation of the engine as it is used: at each origin it sees only the days
 * before it, forecasts {@code horizon} days, and is scored on the held-back days. Coverage is the
 * share of held-back days inside the 80% / 95% intervals; relative MAE is the engine's MAE over all
 * held-back days divided by that of the seasonal naive (the last season repeated) on the same days;
 * MASE is each origin's MAE over the in-sample mean absolute seasonal difference, averaged. Pure.
 */
public final class ForecastEvaluation {

    private ForecastEvaluation() {
    }

    /** What one series scored, and how often each model was chosen. */
    public record Score(String series, int days, int origins, double mase, double relativeMae, double coverage80,
            double coverage95, Map<String, Integer> models) {
    }

    /**
     * Evaluates at origins {@code n - horizon}, {@code n - horizon - step}, ... down to
     * {@code minTrain} days of history (at most {@code maxOrigins} of them).
     *
     * @param holidays one flag per day of {@code y} (null: no holiday calendar)
     */
    public static Score evaluate(String name, double[] y, boolean[] holidays, int period, int horizon, int step,
            int minTrain, int maxOrigins) {
        ForecastEngine engine = new ForecastEngine(period);
        int n = y.length;
        double absModel = 0;
        double absNaive = 0;
        double maseSum = 0;
        int in80 = 0;
        int in95 = 0;
        int total = 0;
        int origins = 0;
        Map<String, Integer> models = new TreeMap<>();
        for (int origin = n - horizon; origin >= minTrain && origins < maxOrigins; origin -= step) {
            double[] train = Arrays.copyOf(y, origin);
            ForecastEngine.Result r = engine.run(train, horizon,
                    holidays == null ? null : Arrays.copyOf(holidays, origin + horizon));
            double[] naive = new SeasonalNaive(period).forecast(train, horizon);
            double originAbs = 0;
            for (int h = 0; h < horizon; h++) {
                double actual = y[origin + h];
                ForecastEngine.Point p = r.points().get(h);
                originAbs += Math.abs(actual - p.value());
                absNaive += Math.abs(actual - Math.max(0, naive[h]));
                if (actual >= p.lo80() && actual <= p.hi80()) {
                    in80++;
                }
                if (actual >= p.lo95() && actual <= p.hi95()) {
                    in95++;
                }
                total++;
            }
            absModel += originAbs;
            double scale = 0;
            for (int t = period; t < origin; t++) {
                scale += Math.abs(y[t] - y[t - period]);
            }
            scale /= Math.max(1, origin - period);
            maseSum += scale > 0 ? originAbs / horizon / scale : Double.NaN;
            models.merge(r.model(), 1, Integer::sum);
            origins++;
        }
        if (origins == 0) {
            throw new IllegalArgumentException(name + ": too short for one origin (" + n + " days, minTrain "
                    + minTrain + ", horizon " + horizon + ")");
        }
        return new Score(name, n, origins, maseSum / origins, absNaive > 0 ? absModel / absNaive : Double.NaN,
                (double) in80 / total, (double) in95 / total, models);
    }
}
