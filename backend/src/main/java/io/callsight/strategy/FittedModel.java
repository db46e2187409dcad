package io.callsight.strategy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored contact model with the history it saw, answering the recommendations. Pure and immutable.
 *
 * <p>Every answer is a standardised prediction: the dials of the history that match the question (campaign, state,
 * attempt, in the caller's scope) keep their own mix of the factors the question leaves open (weekday, gap, lead age,
 * campaigns, states...), and the factor asked about (the hour, or hour and weekday) is set to each value in turn:
 * "the connect rate these dials would have had at 18:00". When the question matches no dial (a campaign with no
 * history at an attempt), the scope's dials are used with the asked levels put in. The 80% interval sums each dial
 * mix component's interval (log-odds +- 1.28 standard deviations, effects taken as independent): conservative.
 */
public final class FittedModel {

    static final double Z80 = 1.2815515655446004;

    /** A history cell: levels in the model's order (campaign and state as indexes) and its counts. */
    public record Cell(int[] levels, int campaignKey, String state, long dials, long connects, long conversions,
            double agentSeconds) {
    }

    /** What a question asks: campaign keys allowed (null: all), and the optional campaign, state and attempt. */
    public record Question(Collection<Integer> scope, Integer campaignKey, String state, Integer attempt) {

        boolean matches(Cell c) {
            return (scope == null || scope.contains(c.campaignKey()))
                    && (campaignKey == null || campaignKey == c.campaignKey())
                    && (state == null || state.equals(c.state()))
                    && (attempt == null || DialFeatures.attemptLevel(attempt) == c.levels()[DialHistory.ATTEMPT]);
        }

        boolean inScope(Cell c) {
            return scope == null || scope.contains(c.campaignKey());
        }
    }

    /** An expected rate with its 80% interval, and the observed dials and events behind it. */
    public record Estimate(Double connectRate, Double connectLo80, Double connectHi80, Double conversionsPerDial,
            Double conversionsLo80, Double conversionsHi80, long dials, long connects, long conversions,
            double agentSeconds) {
    }

    private final long runId;
    private final OffsetDateTime createdAt;
    private final OffsetDateTime historyTo;
    private final ContactModel connect;
    private final ContactModel convert;
    private final Map<Integer, Integer> campaignIndex;
    private final Map<String, Integer> stateIndex;
    private final List<Cell> cells;

    public FittedModel(long runId, OffsetDateTime createdAt, OffsetDateTime historyTo, ContactModel connect,
            ContactModel convert, Map<Integer, Integer> campaignIndex, Map<String, Integer> stateIndex,
            List<Cell> cells) {
        this.runId = runId;
        this.createdAt = createdAt;
        this.historyTo = historyTo;
        this.connect = connect;
        this.convert = convert;
        this.campaignIndex = Map.copyOf(campaignIndex);
        this.stateIndex = Map.copyOf(stateIndex);
        this.cells = List.copyOf(cells);
    }

    public long runId() {
        return runId;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime historyTo() {
        return historyTo;
    }

    public ContactModel connect() {
        return connect;
    }

    public ContactModel convert() {
        return convert;
    }

    public Integer campaignLevel(int campaignKey) {
        return campaignIndex.get(campaignKey);
    }

    public Integer stateLevel(String state) {
        return stateIndex.get(state);
    }

    public List<Cell> cells() {
        return cells;
    }

    /** Whether the model saw any dial at a local hour (else nothing can be said about it). */
    public boolean hourSeen(int hour) {
        return connect.trials(DialHistory.HOUR, hour) > 0;
    }

    /** Expected rates for each hour 0-23 (index = hour), for the question. */
    public Estimate[] byHour(Question q) {
        Estimate[] out = new Estimate[DialFeatures.HOURS];
        Mix mix = mix(q, DialHistory.HOUR);
        double[][] observed = new double[DialFeatures.HOURS][4];
        for (Cell c : cells) {
            if (q.matches(c)) {
                count(observed[c.levels()[DialHistory.HOUR]], c);
            }
        }
        for (int h = 0; h < DialFeatures.HOURS; h++) {
            final int hour = h;
            out[h] = rates(mix, levels -> levels[DialHistory.HOUR] = hour, observed[h]);
        }
        return out;
    }

    /** Expected rates for each hour and weekday ([hour][isoDow - 1]). */
    public Estimate[][] byHourAndWeekday(Question q) {
        Estimate[][] out = new Estimate[DialFeatures.HOURS][DialFeatures.WEEKDAYS];
        Mix mix = mix(q, DialHistory.HOUR, DialHistory.DOW);
        double[][][] observed = new double[DialFeatures.HOURS][DialFeatures.WEEKDAYS][4];
        for (Cell c : cells) {
            if (q.matches(c)) {
                count(observed[c.levels()[DialHistory.HOUR]][c.levels()[DialHistory.DOW]], c);
            }
        }
        for (int h = 0; h < DialFeatures.HOURS; h++) {
            for (int d = 0; d < DialFeatures.WEEKDAYS; d++) {
                final int hour = h;
                final int dow = d;
                out[h][d] = rates(mix, levels -> {
                    levels[DialHistory.HOUR] = hour;
                    levels[DialHistory.DOW] = dow;
                }, observed[h][d]);
            }
        }
        return out;
    }

    private static void count(double[] into, Cell c) {
        into[0] += c.dials();
        into[1] += c.connects();
        into[2] += c.conversions();
        into[3] += c.agentSeconds();
    }

    /**
     * Expected rates of the dials made at each attempt (index = attempt level 0..7), with their own mix (hour, gap,
     * age...): the smoothed attempt curve of the question (its attempt ignored).
     */
    public Estimate[] byAttempt(Question q) {
        Question any = new Question(q.scope(), q.campaignKey(), q.state(), null);
        Estimate[] out = new Estimate[DialFeatures.ATTEMPTS];
        for (int a = 0; a < DialFeatures.ATTEMPTS; a++) {
            final int level = a;
            Mix mix = new Mix();
            double[] observed = new double[4];
            for (Cell c : cells) {
                if (any.matches(c) && c.levels()[DialHistory.ATTEMPT] == level) {
                    mix.add(c.levels().clone(), c.dials());
                    count(observed, c);
                }
            }
            out[a] = rates(mix, levels -> {
            }, observed);
        }
        return out;
    }

    /**
     * The expected rates of one dial described by its levels; a campaign or state of -1 (one the model never saw) is
     * mixed over the model's campaigns or states by their dials.
     */
    public Estimate at(int[] levels) {
        Mix mix = new Mix();
        mix.add(levels.clone(), 1);
        for (int factor : new int[] { DialHistory.CAMPAIGN, DialHistory.STATE }) {
            Mix next = new Mix();
            for (Map.Entry<Key, Double> e : mix.weights.entrySet()) {
                if (e.getKey().levels[factor] >= 0) {
                    next.add(e.getKey().levels, e.getValue());
                    continue;
                }
                int n = connect.spec().factors().get(factor).levels();
                for (int l = 0; l < n; l++) {
                    int[] copy = e.getKey().levels.clone();
                    copy[factor] = l;
                    next.add(copy, e.getValue() * connect.trials(factor, l));
                }
            }
            mix = next;
        }
        return rates(mix, l -> {
        }, new double[4]);
    }

    /** Dials of the question grouped by every level but the ones set, weighted by their dials. */
    private Mix mix(Question q, int... setFactors) {
        Mix mix = new Mix();
        for (Cell c : cells) {
            if (q.matches(c)) {
                mix.add(blank(c.levels(), setFactors), c.dials());
            }
        }
        if (mix.total > 0) {
            return mix;
        }
        // nothing matches: the scope's dials with the asked levels put in
        Integer campaign = q.campaignKey() == null ? null : campaignIndex.get(q.campaignKey());
        Integer state = q.state() == null ? null : stateIndex.get(q.state());
        for (Cell c : cells) {
            if (q.inScope(c) || q.campaignKey() != null) {
                int[] levels = blank(c.levels(), setFactors);
                if (campaign != null) {
                    levels[DialHistory.CAMPAIGN] = campaign;
                }
                if (state != null) {
                    levels[DialHistory.STATE] = state;
                }
                if (q.attempt() != null) {
                    levels[DialHistory.ATTEMPT] = DialFeatures.attemptLevel(q.attempt());
                    levels[DialHistory.GAP] = q.attempt() == 1 ? 0 : Math.max(1, levels[DialHistory.GAP]);
                }
                mix.add(levels, c.dials());
            }
        }
        return mix;
    }

    private static int[] blank(int[] levels, int... factors) {
        int[] l = levels.clone();
        for (int f : factors) {
            l[f] = 0;
        }
        return l;
    }

    private Estimate rates(Mix mix, java.util.function.Consumer<int[]> set, double[] observed) {
        if (mix.total == 0) {
            return new Estimate(null, null, null, null, null, null, (long) observed[0], (long) observed[1],
                    (long) observed[2], observed[3]);
        }
        double p = 0;
        double lo = 0;
        double hi = 0;
        double v = 0;
        double vlo = 0;
        double vhi = 0;
        for (Map.Entry<Key, Double> e : mix.weights.entrySet()) {
            int[] levels = e.getKey().levels.clone();
            set.accept(levels);
            double w = e.getValue() / mix.total;
            double eta = connect.eta(levels);
            double sd = Math.sqrt(connect.etaVariance(levels));
            double etaC = convert.eta(levels);
            double sdC = Math.sqrt(convert.etaVariance(levels));
            double pc = ContactModel.sigmoid(eta);
            double pcLo = ContactModel.sigmoid(eta - Z80 * sd);
            double pcHi = ContactModel.sigmoid(eta + Z80 * sd);
            p += w * pc;
            lo += w * pcLo;
            hi += w * pcHi;
            v += w * pc * ContactModel.sigmoid(etaC);
            vlo += w * pcLo * ContactModel.sigmoid(etaC - Z80 * sdC);
            vhi += w * pcHi * ContactModel.sigmoid(etaC + Z80 * sdC);
        }
        return new Estimate(p, lo, hi, v, vlo, vhi, (long) observed[0], (long) observed[1], (long) observed[2],
                observed[3]);
    }

    private record Key(int[] levels) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(levels, k.levels);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(levels);
        }
    }

    private static final class Mix {
        final Map<Key, Double> weights = new LinkedHashMap<>();
        double total;

        void add(int[] levels, double w) {
            if (w <= 0) {
                return;
            }
            weights.merge(new Key(levels), w, Double::sum);
            total += w;
        }
    }

    /** The campaign keys and states the model knows. */
    public List<Integer> campaignKeys() {
        return new ArrayList<>(campaignIndex.keySet());
    }

    public List<String> states() {
        Map<String, Long> dials = new HashMap<>();
        for (Cell c : cells) {
            dials.merge(c.state(), c.dials(), Long::sum);
        }
        List<String> s = new ArrayList<>(dials.keySet());
        s.sort((a, b) -> Long.compare(dials.get(b), dials.get(a)));
        return s;
    }
}
