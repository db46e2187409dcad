package io.callsight.common;

import java.time.Duration;
import java.time.Instant;

/**
 * What the last probe of the replica found (immutable), and the routing rule of a read-only report query.
 *
 * @param available the replica answered and is a standby in recovery
 * @param replayLsn the WAL position it has replayed up to (0 when not available)
 * @param asOf it holds every commit made on the primary before this instant; null when unknown
 * @param probedAt when the probe ran
 * @param problem why it is not available (null when it is)
 */
public record ReplicaState(boolean available, long replayLsn, Instant asOf, Instant probedAt, String problem) {

    /** Before the first probe, or after a failed one. */
    public static ReplicaState unavailable(Instant at, String problem) {
        return new ReplicaState(false, 0, null, at, problem);
    }

    /** Seconds between {@code asOf} and {@code now} (0 when ahead, null when unknown). */
    public Double lagSeconds(Instant now) {
        if (!available || asOf == null) {
            return null;
        }
        return Math.max(0, Duration.between(asOf, now).toNanos() / 1e9);
    }

    /**
     * Where a read of a caller whose last write ended at WAL position {@code callerWriteLsn} (null: none
     * pending) goes: the replica when it is available, within {@code maxLag} of the primary and past the
     * caller's write; the primary otherwise.
     */
    public ReadReason route(Long callerWriteLsn, Duration maxLag, Instant now) {
        if (!available) {
            return ReadReason.REPLICA_UNAVAILABLE;
        }
        Double lag = lagSeconds(now);
        if (lag == null || lag > maxLag.toNanos() / 1e9) {
            return ReadReason.REPLICA_TOO_FAR_BEHIND;
        }
        if (callerWriteLsn != null && callerWriteLsn > replayLsn) {
            return ReadReason.OWN_WRITE_NOT_REPLAYED;
        }
        return ReadReason.REPLICA;
    }
}
