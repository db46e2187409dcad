package io.callsight.calls;

import java.util.HashSet;
import java.util.Set;

/**
 * Finds the call ids that may repeat within one file while it streams, in fixed memory: a Bloom
 * filter (16 MB) remembers the ids seen; an id it may have seen before is a candidate. It has no
 * false negatives, so a file with no candidates has no in-file duplicate, and every real duplicate
 * is among the candidates (a few false ones are harmless: the SQL check is exact). Past
 * {@link #MAX_CANDIDATES} it gives up ({@link #candidates()} returns null: check every id).
 */
final class CallIdFilter {

    static final int MAX_CANDIDATES = 50_000;
    private static final int LOG2_BITS = 27; // 128 Mbit = 16 MB
    private static final int HASHES = 7;
    private static final long MASK = (1L << LOG2_BITS) - 1;

    private final long[] bits = new long[1 << (LOG2_BITS - 6)];
    private Set<String> candidates = new HashSet<>();

    /** Adds {@code id}; remembers it as a candidate when it may have been added before. */
    void add(String id) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the chars
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 29; // mix the high bits down (FNV's low bits are weak)
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        long h1 = h;
        long h2 = (h >>> 32) | 1;
        boolean seen = true;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & MASK;
            int word = (int) (bit >>> 6);
            long m = 1L << bit;
            if ((bits[word] & m) == 0) {
                seen = false;
                bits[word] |= m;
            }
        }
        if (seen && candidates != null) {
            candidates.add(id);
            if (candidates.size() > MAX_CANDIDATES) {
                candidates = null;
            }
        }
    }

    /** The ids that may repeat (empty: none does), or null when there were too many to keep. */
    Set<String> candidates() {
        return candidates;
    }
}
