package io.callsight.feeds;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the wait after the n-th failed attempt is uniform in
 * [0, min(max, base x 2^(n-1))), so receivers coming back up are not hit by every sender at once.
 */
public final class RetryBackoff {

    private final Duration base;
    private final Duration max;

    public RetryBackoff(Duration base, Duration max) {
        if (base == null || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry base must be positive (was " + base + ")");
        }
        if (max == null || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry max (" + max + ") must be at least the base (" + base + ")");
        }
        this.base = base;
        this.max = max;
    }

    /** The ceiling of the wait after {@code attempts} failed attempts (1 = the first). */
    public Duration ceiling(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        long millis = baseMillis > (maxMillis >> doublings) ? maxMillis : Math.min(maxMillis, baseMillis << doublings);
        return Duration.ofMillis(millis);
    }

    /** A jittered wait after {@code attempts} failed attempts; {@code random} gives [0, 1). */
    public Duration delay(int attempts, DoubleSupplier random) {
        return Duration.ofMillis((long) (ceiling(attempts).toMillis() * random.getAsDouble()));
    }
}
