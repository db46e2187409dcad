package io.callsight.staffing;

import java.util.ArrayList;
import java.util.List;

/**
 * Erlang C (M/M/N) and Erlang A (M/M/N+M) for one interval of an inbound queue. Pure and immutable:
 * arrivals Poisson, handle times exponential; with a mean patience callers abandon at rate
 * 1/patience while they wait (Erlang A), without one they never do (Erlang C).
 *
 * <p>Numerics: probabilities come from ratios and log-space sums, never factorials, so they stay
 * finite up to thousands of agents. Erlang C with traffic at or above the agents has no steady
 * state: service level 0, probability of waiting 1, occupancy 1, ASA unknown (null), unstable.
 */
public final class QueueModel {

    /** Limits beyond which an interval is not a call-centre queue any more. */
    public static final int MAX_AGENTS = 5000;

    private final double callsPerInterval;
    private final double ahtSeconds;
    private final double intervalSeconds;
    private final Double patienceSeconds;

    /** What a number of agents gives in one interval. */
    public record Outcome(int agents, double serviceLevel, Double asaSeconds, double occupancy, double probWait,
            double probAbandon, boolean stable) {
    }

    /**
     * @param patienceSeconds mean patience; null for Erlang C (nobody abandons)
     */
    public QueueModel(double callsPerInterval, double ahtSeconds, int intervalMinutes, Double patienceSeconds) {
        if (!(callsPerInterval >= 0) || Double.isInfinite(callsPerInterval)) {
            throw new IllegalArgumentException("callsPerInterval must be 0 or more (was " + callsPerInterval + ")");
        }
        if (!(ahtSeconds > 0) || Double.isInfinite(ahtSeconds)) {
            throw new IllegalArgumentException("ahtSeconds must be more than 0 (was " + ahtSeconds + ")");
        }
        if (intervalMinutes <= 0 || intervalMinutes > 24 * 60) {
            throw new IllegalArgumentException("intervalMinutes must be between 1 and 1440 (was " + intervalMinutes + ")");
        }
        if (patienceSeconds != null && (!(patienceSeconds > 0) || patienceSeconds.isInfinite())) {
            throw new IllegalArgumentException("patienceSeconds must be more than 0 (was " + patienceSeconds + ")");
        }
        this.callsPerInterval = callsPerInterval;
        this.ahtSeconds = ahtSeconds;
        this.intervalSeconds = intervalMinutes * 60.0;
        this.patienceSeconds = patienceSeconds;
    }

    /** Offered traffic in Erlangs: calls x handle time / interval length. */
    public double trafficErlangs() {
        return callsPerInterval * ahtSeconds / intervalSeconds;
    }

    /** Service level (answered within {@code answerWithinSeconds}), ASA, occupancy, waits, abandons for N agents. */
    public Outcome evaluate(int agents, double answerWithinSeconds) {
        if (agents < 0 || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("agents must be between 0 and " + MAX_AGENTS + " (was " + agents + ")");
        }
        if (!(answerWithinSeconds >= 0) || Double.isInfinite(answerWithinSeconds)) {
            throw new IllegalArgumentException("answerWithinSeconds must be 0 or more (was " + answerWithinSeconds + ")");
        }
        double a = trafficErlangs();
        if (a == 0) {
            return new Outcome(agents, 1.0, 0.0, 0.0, 0.0, 0.0, true);
        }
        return patienceSeconds == null ? erlangC(agents, a, answerWithinSeconds) : erlangA(agents, answerWithinSeconds);
    }

    private Outcome erlangC(int n, double a, double t) {
        if (n == 0 || a >= n) {
            return new Outcome(n, 0.0, null, 1.0, 1.0, 0.0, false);
        }
        double b = erlangB(n, a);
        double pWait = n * b / (n - a * (1 - b));
        double sl = 1 - pWait * Math.exp(-(n - a) * t / ahtSeconds);
        double asa = pWait * ahtSeconds / (n - a);
        return new Outcome(n, clamp(sl), asa, a / n, clamp(pWait), 0.0, true);
    }

    /** Erlang B by its recursion: B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)); stable for any k. */
    static double erlangB(int n, double a) {
        double b = 1.0;
        for (int k = 1; k <= n; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /**
     * Erlang A: the birth-death chain with arrival rate lambda, service min(n, N) mu and abandonment
     * (n - N) gamma for the waiting; its stationary law gives P(wait) and P(abandon); a tagged
     * caller's passage through the queue (customers ahead served or abandoning, the caller abandoning
     * at gamma) gives the service level and the ASA of answered calls.
     */
    private Outcome erlangA(int n, double t) {
        double lambda = callsPerInterval / intervalSeconds;
        double mu = 1 / ahtSeconds;
        double gamma = 1 / patienceSeconds;
        // log of unnormalised stationary probabilities
        int maxQueue = 0;
        List<Double> logs = new ArrayList<>();
        double log = 0;
        logs.add(0.0);
        for (int k = 1; k <= n; k++) {
            log += Math.log(lambda / (k * mu));
            logs.add(log);
        }
        double peak = logs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (int j = 1; j < 1_000_000; j++) {
            log += Math.log(lambda / (n * mu + j * gamma));
            logs.add(log);
            peak = Math.max(peak, log);
            if (log < peak - 50 && lambda < n * mu + j * gamma) {
                maxQueue = j;
                break;
            }
        }
        double[] p = new double[logs.size()];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logs.get(i) - peak);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        double pWait = 0;
        double abandonRate = 0;
        double busy = 0;
        for (int i = 0; i < p.length; i++) {
            busy += p[i] * Math.min(i, n);
            if (i >= n) {
                pWait += p[i];
                abandonRate += p[i] * (i - n) * gamma;
            }
        }
        double pAbandon = lambda == 0 ? 0 : abandonRate / lambda;
        // tagged caller who finds j callers waiting ahead (state n + j): rates r_k = n mu + k gamma
        int queue = p.length - n; // j = 0 .. queue-1
        double[] start = new double[Math.max(queue, 0)];
        for (int j = 0; j < start.length; j++) {
            start[j] = p[n + j];
        }
        double servedWithinT = servedWithin(start, n * mu, gamma, t);
        double sl = (1 - pWait) + servedWithinT;
        // ASA over answered calls: E[W 1{served}] / P(served); from position j: h_j * sum_{i<=j} 1/(r_i + gamma)
        double waitServed = 0;
        double h = 1;
        double sojourn = 0;
        double servedAfterWait = 0;
        for (int j = 0; j < start.length; j++) {
            double r = n * mu + j * gamma;
            h *= r / (r + gamma);
            sojourn += 1 / (r + gamma);
            waitServed += start[j] * h * sojourn;
            servedAfterWait += start[j] * h;
        }
        double served = (1 - pWait) + servedAfterWait;
        Double asa = served == 0 ? null : waitServed / served;
        double occupancy = n == 0 ? 1.0 : Math.min(1.0, busy / n);
        return new Outcome(n, clamp(sl), asa, occupancy, clamp(pWait), clamp(pAbandon), true);
    }

    /**
     * Probability that a caller starting at queue position j (with probability start[j]) reaches an
     * agent within t seconds without abandoning. Position j moves to j-1 at r_j = base + j gamma
     * (position 0 to "answered" at base); the caller leaves at gamma. Solved by uniformisation.
     */
    static double servedWithin(double[] start, double base, double gamma, double t) {
        if (start.length == 0 || t == 0) {
            return 0;
        }
        int m = start.length;
        double uniform = base + (m - 1) * gamma + gamma;
        double[] v = start.clone();
        double answered = 0;
        // Poisson(uniform t) weights, computed stably in log space
        double lt = uniform * t;
        int kMax = (int) Math.ceil(lt + 10 * Math.sqrt(lt) + 20);
        double logWeight = -lt; // P(N = 0)
        double cumulativeAnswered = 0;
        double result = 0;
        for (int k = 0; k <= kMax; k++) {
            // after k jumps, answered mass so far is cumulativeAnswered
            result += Math.exp(logWeight) * cumulativeAnswered;
            // one uniformised step
            double[] next = new double[m];
            double toAnswer = 0;
            for (int j = 0; j < m; j++) {
                if (v[j] == 0) {
                    continue;
                }
                double r = base + j * gamma;
                double move = v[j] * r / uniform;
                double stay = v[j] * (1 - (r + gamma) / uniform);
                next[j] += stay;
                if (j == 0) {
                    toAnswer += move;
                } else {
                    next[j - 1] += move;
                }
            }
            cumulativeAnswered += toAnswer;
            v = next;
            logWeight += Math.log(lt) - Math.log(k + 1);
        }
        answered = result;
        return answered;
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
