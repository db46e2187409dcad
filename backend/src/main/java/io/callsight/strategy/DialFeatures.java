package io.callsight.strategy;

import java.util.List;

/**
 * The buckets a dial is described by in the contact model: the lead's local hour and weekday, the attempt number
 * (8 = eighth or later), the time since the lead's previous dial and the lead's age at the dial. Pure.
 *
 * <p>Why these edges: retry rules on dialers are set in hours and days (retry No Answer after 2 hours, next day,
 * after the weekend), so the buckets follow them; lead age follows speed-to-lead practice (first hour, same day,
 * first days, first week, first month).
 */
public final class DialFeatures {

    public static final int HOURS = 24;
    public static final int WEEKDAYS = 7;
    public static final int ATTEMPTS = 8;

    /** Upper edges (seconds, exclusive) of the gap buckets after bucket 0 (the lead's first dial). */
    private static final long[] GAP_EDGES = { 3600, 4 * 3600, 24 * 3600, 3 * 86400, 7 * 86400 };
    public static final List<String> GAP_LABELS = List.of("first dial", "< 1 h", "1-4 h", "4-24 h", "1-3 days",
            "3-7 days", "7+ days");

    private static final long[] AGE_EDGES = { 3600, 6 * 3600, 24 * 3600, 3 * 86400, 7 * 86400, 30 * 86400 };
    public static final List<String> AGE_LABELS = List.of("< 1 h", "1-6 h", "6-24 h", "1-3 days", "3-7 days",
            "7-30 days", "30+ days");

    public static final int GAPS = GAP_LABELS.size();
    public static final int AGES = AGE_LABELS.size();

    private DialFeatures() {
    }

    /** Gap bucket of the time since the previous dial to the lead; null (no previous dial) is bucket 0. */
    public static int gapBucket(Long secondsSincePrevious) {
        if (secondsSincePrevious == null) {
            return 0;
        }
        return 1 + bucket(secondsSincePrevious, GAP_EDGES);
    }

    /** Age bucket of the lead at the dial (seconds since it was created; null or negative: the first bucket). */
    public static int ageBucket(Long secondsSinceCreated) {
        if (secondsSinceCreated == null) {
            return 0;
        }
        return bucket(secondsSinceCreated, AGE_EDGES);
    }

    /** Attempt level 0..7 of attempt number 1.. (the eighth and later share the last level). */
    public static int attemptLevel(int attemptNo) {
        return Math.max(0, Math.min(ATTEMPTS, attemptNo) - 1);
    }

    private static int bucket(long v, long[] edges) {
        for (int i = 0; i < edges.length; i++) {
            if (v < edges[i]) {
                return i;
            }
        }
        return edges.length;
    }
}
