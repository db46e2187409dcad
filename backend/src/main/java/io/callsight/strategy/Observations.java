package io.callsight.strategy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Observed dials, compactly (about 30 bytes a dial): each dial's factor levels packed into one long, its time, whether
 * it connected, whether it converted and the agent seconds it took. Aggregates them into the cells the model is fitted
 * on, for any time window (the out-of-sample validation fits on earlier weeks and predicts later ones). Not
 * thread-safe; built once by one refresh.
 */
public final class Observations {

    private final int[] bits;
    private final int[] shift;
    private long[] keys = new long[1024];
    private long[] times = new long[1024];
    private byte[] flags = new byte[1024];
    private float[] agentSeconds = new float[1024];
    private int size;

    /** One entry per main factor: the largest number of levels it may have. */
    public Observations(int... maxLevels) {
        bits = new int[maxLevels.length];
        shift = new int[maxLevels.length];
        int s = 0;
        for (int i = 0; i < maxLevels.length; i++) {
            bits[i] = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, maxLevels[i] - 1)));
            shift[i] = s;
            s += bits[i];
        }
        if (s > 63) {
            throw new IllegalArgumentException("too many levels to pack: " + s + " bits");
        }
    }

    public void add(int[] levels, long epochSecond, boolean connected, boolean converted, double agentSecs) {
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            times = Arrays.copyOf(times, n);
            flags = Arrays.copyOf(flags, n);
            agentSeconds = Arrays.copyOf(agentSeconds, n);
        }
        keys[size] = pack(levels);
        times[size] = epochSecond;
        flags[size] = (byte) ((connected ? 1 : 0) | (converted && connected ? 2 : 0));
        agentSeconds[size] = (float) agentSecs;
        size++;
    }

    long pack(int[] levels) {
        long k = 0;
        for (int i = 0; i < bits.length; i++) {
            if (levels[i] < 0 || levels[i] >= 1 << bits[i]) {
                throw new IllegalArgumentException("level " + levels[i] + " of factor " + i + " out of range");
            }
            k |= ((long) levels[i]) << shift[i];
        }
        return k;
    }

    public int[] unpack(long key) {
        int[] l = new int[bits.length];
        for (int i = 0; i < bits.length; i++) {
            l[i] = (int) ((key >>> shift[i]) & ((1L << bits[i]) - 1));
        }
        return l;
    }

    public int size() {
        return size;
    }

    public long key(int i) {
        return keys[i];
    }

    public long time(int i) {
        return times[i];
    }

    public boolean connected(int i) {
        return (flags[i] & 1) != 0;
    }

    public boolean converted(int i) {
        return (flags[i] & 2) != 0;
    }

    public double agentSeconds(int i) {
        return agentSeconds[i];
    }

    public long firstTime() {
        long m = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, times[i]);
        }
        return m;
    }

    public long lastTime() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, times[i]);
        }
        return m;
    }

    /** Dials aggregated by their levels: trials, connects, conversions, agent seconds per cell. */
    public record Cells(long[] keys, int[][] levels, double[] dials, double[] connects, double[] conversions,
            double[] agentSeconds) {

        public int size() {
            return keys.length;
        }
    }

    /** The cells of the dials with {@code from <= time < to}. */
    public Cells cells(long from, long to) {
        Map<Long, double[]> agg = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (times[i] < from || times[i] >= to) {
                continue;
            }
            double[] a = agg.computeIfAbsent(keys[i], k -> new double[4]);
            a[0]++;
            if ((flags[i] & 1) != 0) {
                a[1]++;
            }
            if ((flags[i] & 2) != 0) {
                a[2]++;
            }
            a[3] += agentSeconds[i];
        }
        long[] k = agg.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[][] levels = new int[k.length][];
        double[] d = new double[k.length];
        double[] c = new double[k.length];
        double[] v = new double[k.length];
        double[] s = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            double[] a = agg.get(k[i]);
            levels[i] = unpack(k[i]);
            d[i] = a[0];
            c[i] = a[1];
            v[i] = a[2];
            s[i] = a[3];
        }
        return new Cells(k, levels, d, c, v, s);
    }

    /** The two models of a window: a dial connects; a connected call converts. */
    public record Fitted(ContactModel connect, ContactModel convert) {

        /** Expected conversions per dial of a cell. */
        public double conversionsPerDial(int[] levels) {
            return connect.probability(levels) * convert.probability(levels);
        }
    }

    public static Fitted fit(ContactModel.Spec spec, Cells cells) {
        ContactModel connect = ContactModel.fit(spec, cells.levels(), cells.dials(), cells.connects());
        ContactModel convert = ContactModel.fit(spec, cells.levels(), cells.connects(), cells.conversions());
        return new Fitted(connect, convert);
    }
}
