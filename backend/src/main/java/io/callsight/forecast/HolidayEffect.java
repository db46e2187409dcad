package io.callsight.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multiplicative holiday effect learnt from one history: each past holiday is compared with the
 * same weekday one and two seasons before and after it (non-holidays only), the median ratio of the
 * newest {@link #RECENT} holidays is the effect, shrunk toward "no effect" when few holidays were
 * seen. Models are fitted on the history with its holidays replaced by those typical values (a
 * holiday neither drags a level down nor teaches a weekday a dip), and their forecasts of holiday
 * days are multiplied by the effect. Pure.
 */
final class HolidayEffect {

    /** Newest holidays the effect is the median of. */
    static final int RECENT = 12;
    /** Holidays seen that weigh as much as the "no effect" prior. */
    static final double PRIOR = 2;

    /** No holidays: the history as is, factor 1. */
    static final HolidayEffect NONE = new HolidayEffect(null, 1, 0);

    private final double[] cleaned;
    private final double factor;
    private final int seen;

    private HolidayEffect(double[] cleaned, double factor, int seen) {
        this.cleaned = cleaned;
        this.factor = factor;
        this.seen = seen;
    }

    /**
     * Learns from {@code y[0..upTo)}; {@code holidays} flags days from index 0 (null or shorter:
     * no holiday there).
     */
    static HolidayEffect fit(double[] y, int upTo, boolean[] holidays, int period) {
        if (holidays == null) {
            return NONE;
        }
        double[] clean = Arrays.copyOf(y, upTo);
        List<Double> ratios = new ArrayList<>();
        boolean any = false;
        for (int t = 0; t < upTo && t < holidays.length; t++) {
            if (!holidays[t]) {
                continue;
            }
            any = true;
            double sum = 0;
            int n = 0;
            for (int k : new int[] {-1, 1, -2, 2}) {
                int s = t + k * period;
                if (s >= 0 && s < upTo && !(s < holidays.length && holidays[s])) {
                    sum += y[s];
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double typical = sum / n;
            clean[t] = typical;
            if (typical > 0) {
                ratios.add(y[t] / typical);
            }
        }
        if (!any) {
            return NONE;
        }
        if (ratios.isEmpty()) {
            return new HolidayEffect(clean, 1, 0);
        }
        List<Double> recent = ratios.subList(Math.max(0, ratios.size() - RECENT), ratios.size());
        double[] r = recent.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(r);
        double median = r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        double w = r.length / (r.length + PRIOR);
        return new HolidayEffect(clean, 1 + w * (Math.min(median, 3) - 1), r.length);
    }

    /** The history to fit models on (holidays replaced by their typical value). */
    double[] history(double[] y, int upTo) {
        return cleaned != null ? cleaned : Arrays.copyOf(y, upTo);
    }

    /** The multiplicative effect of a holiday (1: none). */
    double factor() {
        return factor;
    }

    /** Holidays the effect was learnt from. */
    int seen() {
        return seen;
    }

    /** {@code forecast} (days from index {@code origin}) with the effect applied on holidays. */
    double[] apply(double[] forecast, int origin, boolean[] holidays) {
        if (holidays == null || factor == 1) {
            return forecast;
        }
        double[] out = forecast.clone();
        for (int h = 0; h < out.length; h++) {
            int t = origin + h;
            if (t < holidays.length && holidays[t]) {
                out[h] *= factor;
            }
        }
        return out;
    }
}
