package io.callsight.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A binomial outcome (a dial connects; a connected call converts) as additive effects on the log-odds scale:
 * {@code logit p = base + sum of one effect per factor level}, for example hour, weekday, attempt, campaign, state,
 * and an hour-by-state interaction. Pure, immutable once fitted.
 *
 * <p>Honest about sparse cells: every effect is a random effect with a normal prior centred on 0, that is, shrunk
 * toward its parent (a level toward the factor's average, an hour-within-state toward the floor's hour curve), with
 * the prior variance of each factor estimated from the data (empirical Bayes: EM on the factor's variance, with the
 * effects' posterior variances from the Laplace approximation). A level with a few dials keeps an effect near 0 and
 * a wide variance; one with thousands keeps its own. This is the beta-binomial shrinkage of agent efficiency
 * ({@code forecast.AgentEfficiency}: own evidence against a prior weight toward the team) on the log-odds scale, where
 * several factors add up. Fitted by penalised Newton steps level by level (backfitting) on aggregated cells.
 */
public final class ContactModel {

    /** A factor: its name and number of levels; an interaction names the two factors it crosses. */
    public record Factor(String name, int levels, int crossA, int crossB) {

        public Factor {
            if (levels < 1) {
                throw new IllegalArgumentException("factor " + name + " needs at least one level");
            }
        }

        public static Factor of(String name, int levels) {
            return new Factor(name, levels, -1, -1);
        }

        boolean interaction() {
            return crossA >= 0;
        }
    }

    /** The factors, in order; an interaction's levels are {@code levelA * levels(B) + levelB}. */
    public record Spec(List<Factor> factors) {

        public Spec {
            factors = List.copyOf(factors);
        }

        /** Adds the interaction of factors {@code a} and {@code b} (indexes into the main factors). */
        public Spec cross(String name, int a, int b) {
            List<Factor> f = new ArrayList<>(factors);
            f.add(new Factor(name, factors.get(a).levels() * factors.get(b).levels(), a, b));
            return new Spec(f);
        }

        public int index(String name) {
            for (int i = 0; i < factors.size(); i++) {
                if (factors.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no factor " + name);
        }

        /** Main-effect level per factor (interactions derived): one array per factor in the cell's order. */
        int level(int factor, int[] mainLevels) {
            Factor f = factors.get(factor);
            if (!f.interaction()) {
                return mainLevels[factor];
            }
            return mainLevels[f.crossA()] * factors.get(f.crossB()).levels() + mainLevels[f.crossB()];
        }

        int mainFactors() {
            int n = 0;
            for (Factor f : factors) {
                if (!f.interaction()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Newton sweeps, and every how many sweeps the factor variances are re-estimated. */
    static final int SWEEPS = 60;
    static final double MIN_VARIANCE = 1e-4;
    static final double MAX_VARIANCE = 4;
    static final double START_VARIANCE = 0.25;

    private final Spec spec;
    private final double base;
    private final double baseVariance;
    private final double[][] effect;
    private final double[][] variance;
    private final double[][] trials;
    private final double[][] events;
    private final double[] factorVariance;

    private ContactModel(Spec spec, double base, double baseVariance, double[][] effect, double[][] variance,
            double[][] trials, double[][] events, double[] factorVariance) {
        this.spec = spec;
        this.base = base;
        this.baseVariance = baseVariance;
        this.effect = effect;
        this.variance = variance;
        this.trials = trials;
        this.events = events;
        this.factorVariance = factorVariance;
    }

    /**
     * Fits the model on aggregated cells: {@code levels[i]} holds cell i's level of each main factor (in the
     * spec's order, interactions left out), {@code n[i]} its trials (dials) and {@code y[i]} its events (connects).
     */
    public static ContactModel fit(Spec spec, int[][] levels, double[] n, double[] y) {
        Objects.requireNonNull(spec, "spec");
        int cells = levels.length;
        if (n.length != cells || y.length != cells) {
            throw new IllegalArgumentException("levels, trials and events must have one entry per cell");
        }
        int factors = spec.factors().size();
        int[][] lv = new int[cells][factors];
        double totalN = 0;
        double totalY = 0;
        for (int i = 0; i < cells; i++) {
            if (levels[i].length != spec.mainFactors()) {
                throw new IllegalArgumentException("cell " + i + " has " + levels[i].length + " levels, expected "
                        + spec.mainFactors());
            }
            if (n[i] < 0 || y[i] < 0 || y[i] > n[i] + 1e-9) {
                throw new IllegalArgumentException("cell " + i + " needs 0 <= events <= trials (was " + y[i] + " of "
                        + n[i] + ")");
            }
            for (int f = 0; f < factors; f++) {
                int l = spec.level(f, levels[i]);
                if (l < 0 || l >= spec.factors().get(f).levels()) {
                    throw new IllegalArgumentException("cell " + i + ": level " + l + " outside factor "
                            + spec.factors().get(f).name());
                }
                lv[i][f] = l;
            }
            totalN += n[i];
            totalY += y[i];
        }
        double[][] trials = new double[factors][];
        double[][] events = new double[factors][];
        double[][] effect = new double[factors][];
        double[][] variance = new double[factors][];
        double[] tau2 = new double[factors];
        for (int f = 0; f < factors; f++) {
            int L = spec.factors().get(f).levels();
            trials[f] = new double[L];
            events[f] = new double[L];
            effect[f] = new double[L];
            variance[f] = new double[L];
            tau2[f] = START_VARIANCE;
        }
        for (int i = 0; i < cells; i++) {
            for (int f = 0; f < factors; f++) {
                trials[f][lv[i][f]] += n[i];
                events[f][lv[i][f]] += y[i];
            }
        }
        double rate = totalN > 0 ? (totalY + 0.5) / (totalN + 1) : 0.5;
        double base = Math.log(rate / (1 - rate));
        double baseVariance = 1;
        double[] eta = new double[cells];
        Arrays.fill(eta, base);
        double[] grad = new double[0];
        double[] hess = new double[0];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            // the base: unpenalised Newton step
            double g = 0;
            double h = 0;
            for (int i = 0; i < cells; i++) {
                double p = sigmoid(eta[i]);
                g += y[i] - n[i] * p;
                h += n[i] * p * (1 - p);
            }
            if (h > 0) {
                double step = clamp(g / h);
                base += step;
                for (int i = 0; i < cells; i++) {
                    eta[i] += step;
                }
                baseVariance = 1 / h;
            }
            for (int f = 0; f < factors; f++) {
                int L = spec.factors().get(f).levels();
                if (grad.length < L) {
                    grad = new double[L];
                    hess = new double[L];
                }
                Arrays.fill(grad, 0, L, 0);
                Arrays.fill(hess, 0, L, 0);
                for (int i = 0; i < cells; i++) {
                    double p = sigmoid(eta[i]);
                    int l = lv[i][f];
                    grad[l] += y[i] - n[i] * p;
                    hess[l] += n[i] * p * (1 - p);
                }
                double prior = 1 / tau2[f];
                double[] step = new double[L];
                for (int l = 0; l < L; l++) {
                    double b = effect[f][l];
                    step[l] = clamp((grad[l] - prior * b) / (hess[l] + prior));
                    effect[f][l] = b + step[l];
                    variance[f][l] = 1 / (hess[l] + prior);
                }
                for (int i = 0; i < cells; i++) {
                    eta[i] += step[lv[i][f]];
                }
                if (sweep % 4 == 3) { // EM update of the factor's prior variance over the levels with data
                    double sum = 0;
                    int used = 0;
                    for (int l = 0; l < L; l++) {
                        if (trials[f][l] > 0) {
                            sum += effect[f][l] * effect[f][l] + variance[f][l];
                            used++;
                        }
                    }
                    if (used > 1) {
                        tau2[f] = Math.max(MIN_VARIANCE, Math.min(MAX_VARIANCE, sum / used));
                    }
                }
            }
            // keep each main factor's trial-weighted mean effect at 0 (the base carries the level): identifiable
            for (int f = 0; f < factors; f++) {
                double w = 0;
                double s = 0;
                for (int l = 0; l < effect[f].length; l++) {
                    w += trials[f][l];
                    s += trials[f][l] * effect[f][l];
                }
                if (w > 0 && !spec.factors().get(f).interaction()) {
                    double m = s / w;
                    for (int l = 0; l < effect[f].length; l++) {
                        effect[f][l] -= m;
                    }
                    base += m;
                }
            }
            for (int i = 0; i < cells; i++) {
                double e = base;
                for (int f = 0; f < factors; f++) {
                    e += effect[f][lv[i][f]];
                }
                eta[i] = e;
            }
        }
        for (int f = 0; f < factors; f++) { // a level without data: the prior
            for (int l = 0; l < effect[f].length; l++) {
                if (trials[f][l] == 0) {
                    effect[f][l] = 0;
                    variance[f][l] = tau2[f];
                }
            }
        }
        return new ContactModel(spec, base, baseVariance, effect, variance, trials, events, tau2);
    }

    /** A model from stored effects (see {@link #effect}, {@link #variance}). */
    public static ContactModel of(Spec spec, double base, double baseVariance, double[][] effect, double[][] variance,
            double[][] trials, double[][] events, double[] factorVariance) {
        return new ContactModel(spec, base, baseVariance, effect, variance, trials, events, factorVariance);
    }

    private static double clamp(double step) {
        return Math.max(-2, Math.min(2, step));
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    public static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    public Spec spec() {
        return spec;
    }

    public double base() {
        return base;
    }

    public double baseVariance() {
        return baseVariance;
    }

    /** The effect (log-odds) of a factor's level. */
    public double effect(int factor, int level) {
        return effect[factor][level];
    }

    /** The posterior variance of a factor level's effect. */
    public double variance(int factor, int level) {
        return variance[factor][level];
    }

    public double trials(int factor, int level) {
        return trials[factor][level];
    }

    public double events(int factor, int level) {
        return events[factor][level];
    }

    /** The prior variance the data chose for a factor (how much its levels differ). */
    public double factorVariance(int factor) {
        return factorVariance[factor];
    }

    /** The linear predictor (log-odds) of a cell given its main-factor levels. */
    public double eta(int[] mainLevels) {
        double e = base;
        for (int f = 0; f < effect.length; f++) {
            e += effect[f][spec.level(f, mainLevels)];
        }
        return e;
    }

    /** The variance of {@link #eta} (effects taken as independent: their posterior covariances are left out). */
    public double etaVariance(int[] mainLevels) {
        double v = baseVariance;
        for (int f = 0; f < effect.length; f++) {
            v += variance[f][spec.level(f, mainLevels)];
        }
        return v;
    }

    public double probability(int[] mainLevels) {
        return sigmoid(eta(mainLevels));
    }
}
