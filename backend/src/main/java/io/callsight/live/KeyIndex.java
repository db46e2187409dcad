package io.callsight.live;

import java.util.Arrays;

/**
 * Dense slot numbers for (long, int) keys (a lead, or a lead in a campaign) without boxing: open
 * addressing with linear probing. Slots are numbered 0, 1, 2... in the order keys are added, so
 * callers keep per-key data in parallel arrays. Keys are never removed (a tally lives one day).
 */
final class KeyIndex {

    private long[] firsts = new long[1024];
    private int[] seconds = new int[1024];
    private int[] slots = new int[1024]; // slot + 1; 0 = empty
    private int size;

    int size() {
        return size;
    }

    /** The key's slot, added (numbered {@link #size()} before the call) when new. */
    int slot(long first, int second) {
        int mask = slots.length - 1;
        int i = hash(first, second) & mask;
        while (slots[i] != 0) {
            if (firsts[i] == first && seconds[i] == second) {
                return slots[i] - 1;
            }
            i = (i + 1) & mask;
        }
        firsts[i] = first;
        seconds[i] = second;
        slots[i] = ++size;
        if (size * 2 > slots.length) {
            grow();
        }
        return size - 1;
    }

    private void grow() {
        long[] f = firsts;
        int[] s = seconds;
        int[] v = slots;
        firsts = new long[f.length * 2];
        seconds = new int[f.length * 2];
        slots = new int[f.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0) {
                int i = hash(f[j], s[j]) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                firsts[i] = f[j];
                seconds[i] = s[j];
                slots[i] = v[j];
            }
        }
    }

    private static int hash(long first, int second) {
        long h = first * 0x9E3779B97F4A7C15L + second * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /** Grows {@code a} to hold index {@code i}, new cells set to {@code fill}. */
    static long[] fit(long[] a, int i, long fill) {
        if (i < a.length) {
            return a;
        }
        int old = a.length;
        long[] b = Arrays.copyOf(a, Math.max(i + 1, old * 2));
        Arrays.fill(b, old, b.length, fill);
        return b;
    }

    static byte[] fit(byte[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, Math.max(i + 1, a.length * 2));
    }
}
