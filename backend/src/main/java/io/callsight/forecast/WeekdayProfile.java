package io.callsight.forecast;

/**
 * The recent level (mean of the last {@code levelSeasons} seasons) times each position's share of
 * the season over the last {@link #PROFILE_SEASONS} seasons: no trend to run away over 30 days, a
 * level that follows shifts within a month, and a season profile averaged over two months rather
 * than copied from one (noisy) week.
 */
public record WeekdayProfile(int period, int levelSeasons) implements ForecastModel {

    static final int PROFILE_SEASONS = 8;

    public WeekdayProfile(int period) {
        this(period, 4);
    }

    @Override
    public String name() {
        return levelSeasons == 4 ? "WEEKDAY_PROFILE" : "WEEKDAY_PROFILE_" + levelSeasons + "S";
    }

    @Override
    public boolean applies(double[] history) {
        return history.length >= 2 * period;
    }

    @Override
    public double[] forecast(double[] y, int horizon) {
        int n = y.length;
        int seasons = Math.min(PROFILE_SEASONS, n / period);
        int levels = Math.min(levelSeasons, seasons);
        double level = mean(y, n - levels * period, n);
        double profileMean = mean(y, n - seasons * period, n);
        double[] share = new double[period];
        for (int p = 0; p < period; p++) {
            double sum = 0;
            int count = 0;
            for (int t = n - seasons * period; t < n; t++) {
                if (Math.floorMod(t, period) == p) {
                    sum += y[t];
                    count++;
                }
            }
            double m = sum / Math.max(count, 1);
            share[p] = profileMean > 0 ? m / profileMean : 1;
            if (profileMean <= 0) {
                share[p] = m - profileMean; // additive when the mean is not positive
            }
        }
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int p = Math.floorMod(n + h, period);
            out[h] = profileMean > 0 ? level * share[p] : level + share[p];
        }
        return out;
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return to > from ? s / (to - from) : 0;
    }
}
