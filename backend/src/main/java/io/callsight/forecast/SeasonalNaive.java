package io.callsight.forecast;

/** Repeats the last observed season: the baseline every model is measured against. */
public record SeasonalNaive(int period) implements ForecastModel {

    public SeasonalNaive {
        if (period < 1) {
            throw new IllegalArgumentException("period must be 1 or more (was " + period + ")");
        }
    }

    @Override
    public String name() {
        return "SEASONAL_NAIVE";
    }

    @Override
    public boolean applies(double[] history) {
        return history.length >= period;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        int n = history.length;
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = history[n - period + (h % period)];
        }
        return out;
    }
}
