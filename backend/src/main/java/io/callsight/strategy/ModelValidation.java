package io.callsight.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Out-of-sample validation by rolling origin: each of the last {@code weeks} weeks of dials is predicted by the model
 * fitted on every dial before that week; the predictions of all test weeks are then compared with what happened.
 * Pure.
 *
 * <ul>
 * <li>Calibration: the test dials in ten bins of equal size by predicted probability: mean prediction, observed
 * rate, dials.</li>
 * <li>Lift over "call in calling order": within each test week, the top X% of its dials ranked by the model against
 * the first X% in the order they were dialled (dial time), summed over the weeks: events per dial of each and their
 * ratio. This ranks dials that were placed, at the times they were placed: it shows whether the model tells good
 * dials from bad ones, not what a re-ordered dialer would have reached.</li>
 * <li>Brier score of the model against the training period's overall rate (a skill above 0 beats that).</li>
 * </ul>
 */
public final class ModelValidation {

    public static final long WEEK_S = 7 * 86_400L;
    static final double[] LIFT_SHARES = { 0.1, 0.2, 0.3, 0.5 };
    static final int BINS = 10;

    private ModelValidation() {
    }

    public enum Outcome {
        /** A dial connects (call_status Answered). */
        CONNECT,
        /** A dial converts (a connected call with lead_status Interested), per dial. */
        CONVERSION
    }

    public record Bin(int bin, double predicted, double observed, long dials) {
    }

    public record Lift(double share, double modelRate, double callingOrderRate, Double lift) {
    }

    public record Result(Outcome outcome, int testWeeks, long testDials, double brier, double baselineBrier,
            Double skill, List<Bin> calibration, List<Lift> lift) {
    }

    /**
     * Both outcomes' results; as many test weeks as asked while each keeps at least a week of history before it (an
     * empty list below two weeks of history).
     */
    public static List<Result> validate(ContactModel.Spec spec, Observations obs, int weeks) {
        if (obs.size() == 0) {
            return List.of();
        }
        long last = obs.lastTime() + 1;
        long first = obs.firstTime();
        int available = (int) ((last - first) / WEEK_S);
        int test = Math.min(weeks, available - 1);
        if (test < 1) {
            return List.of();
        }
        List<double[]> connect = new ArrayList<>(); // predicted, event, time, week
        List<double[]> conversion = new ArrayList<>();
        double[] baseConnect = new double[test];
        double[] baseConversion = new double[test];
        for (int w = test; w >= 1; w--) {
            long start = last - w * WEEK_S;
            long end = start + WEEK_S;
            Observations.Cells train = obs.cells(first, start);
            Observations.Fitted fitted = Observations.fit(spec, train);
            double dials = Arrays.stream(train.dials()).sum();
            baseConnect[w - 1] = dials == 0 ? 0 : Arrays.stream(train.connects()).sum() / dials;
            baseConversion[w - 1] = dials == 0 ? 0 : Arrays.stream(train.conversions()).sum() / dials;
            Map<Long, double[]> cache = new HashMap<>();
            for (int i = 0; i < obs.size(); i++) {
                long t = obs.time(i);
                if (t < start || t >= end) {
                    continue;
                }
                double[] p = cache.computeIfAbsent(obs.key(i), k -> {
                    int[] levels = obs.unpack(k);
                    return new double[] { fitted.connect().probability(levels), fitted.conversionsPerDial(levels) };
                });
                connect.add(new double[] { p[0], obs.connected(i) ? 1 : 0, t, w, baseConnect[w - 1] });
                conversion.add(new double[] { p[1], obs.converted(i) ? 1 : 0, t, w, baseConversion[w - 1] });
            }
        }
        return List.of(result(Outcome.CONNECT, test, connect), result(Outcome.CONVERSION, test, conversion));
    }

    static Result result(Outcome outcome, int weeks, List<double[]> rows) {
        int n = rows.size();
        double brier = 0;
        double baseline = 0;
        for (double[] r : rows) {
            brier += (r[0] - r[1]) * (r[0] - r[1]);
            baseline += (r[4] - r[1]) * (r[4] - r[1]);
        }
        brier = n == 0 ? 0 : brier / n;
        baseline = n == 0 ? 0 : baseline / n;
        Double skill = baseline > 0 ? 1 - brier / baseline : null;
        List<double[]> byPrediction = new ArrayList<>(rows);
        byPrediction.sort(Comparator.comparingDouble(r -> r[0]));
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS && n > 0; b++) {
            int from = (int) ((long) n * b / BINS);
            int to = (int) ((long) n * (b + 1) / BINS);
            if (to <= from) {
                continue;
            }
            double p = 0;
            double y = 0;
            for (int i = from; i < to; i++) {
                p += byPrediction.get(i)[0];
                y += byPrediction.get(i)[1];
            }
            bins.add(new Bin(b + 1, p / (to - from), y / (to - from), to - from));
        }
        List<Lift> lift = new ArrayList<>();
        for (double share : LIFT_SHARES) {
            double modelEvents = 0;
            double orderEvents = 0;
            double dials = 0;
            for (int w = 1; w <= weeks; w++) {
                final int week = w;
                List<double[]> inWeek = rows.stream().filter(r -> r[3] == week).toList();
                int take = (int) Math.round(inWeek.size() * share);
                List<double[]> ranked = new ArrayList<>(inWeek);
                // ties broken by dial time, so that a model with no opinion equals calling order
                ranked.sort(Comparator.<double[]>comparingDouble(r -> -r[0]).thenComparingDouble(r -> r[2]));
                List<double[]> order = new ArrayList<>(inWeek);
                order.sort(Comparator.comparingDouble(r -> r[2]));
                for (int i = 0; i < take; i++) {
                    modelEvents += ranked.get(i)[1];
                    orderEvents += order.get(i)[1];
                }
                dials += take;
            }
            double m = dials == 0 ? 0 : modelEvents / dials;
            double o = dials == 0 ? 0 : orderEvents / dials;
            lift.add(new Lift(share, m, o, o > 0 ? m / o : null));
        }
        return new Result(outcome, weeks, n, brier, baseline, skill, bins, lift);
    }
}
