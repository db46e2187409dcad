package io.callsight.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * How far behind the primary a streaming replica is, from WAL positions alone (no clocks of two servers
 * compared). Every probe reads the primary's WAL insert position at an instant {@code T}; once the replica has
 * replayed past that position it holds every commit made before {@code T}: the newest such {@code T} is
 * the replica's "data as of". Pure logic over a bounded history of (instant, position) pairs; not thread-safe
 * (one prober owns it).
 */
public final class ReplicaPositions {

    private record Position(Instant at, long lsn) {
    }

    private final ArrayDeque<Position> history = new ArrayDeque<>();
    private final Duration keep;

    /** @param keep how much history to keep (beyond it the replica is too far behind to serve anyway) */
    public ReplicaPositions(Duration keep) {
        if (keep == null || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep must be positive: " + keep);
        }
        this.keep = keep;
    }

    /** The primary's WAL position {@code lsn} read at {@code at}. */
    public void primaryAt(Instant at, long lsn) {
        Position last = history.peekLast();
        if (last != null && last.lsn() == lsn) {
            // no WAL since: the newer instant says the same with a later time (the replica is as current as then)
            history.pollLast();
        }
        history.addLast(new Position(at, lsn));
        while (history.size() > 1 && history.peekFirst().at().isBefore(at.minus(keep))) {
            history.pollFirst();
        }
    }

    /**
     * The newest instant at which the primary's position was at or before {@code replayLsn} (so a replica
     * that replayed up to {@code replayLsn} holds every commit made before it); null when the replica is
     * behind every position kept. Positions older than the answer are dropped (they can no longer be it).
     */
    public Instant replayedAsOf(long replayLsn) {
        Instant asOf = null;
        Iterator<Position> it = history.iterator();
        int covered = 0;
        while (it.hasNext()) {
            Position p = it.next();
            if (p.lsn() <= replayLsn) {
                asOf = p.at();
                covered++;
            } else {
                break;
            }
        }
        for (int i = 1; i < covered; i++) {
            history.pollFirst();
        }
        return asOf;
    }

    /**
     * The primary's insert position ({@code pg_current_wal_insert_lsn()}) as a replica's replay position can
     * equal it: right after a page boundary the insert position points past the page header (24 bytes; 40 on
     * a segment's first page) while a replica that replayed everything before it stops at the boundary.
     * Assumes PostgreSQL's default 8 kB WAL pages and 16 MB segments (other sizes only make a replica look a
     * record behind until the next one).
     */
    public static long comparableInsertPosition(long insertLsn) {
        if (insertLsn % (16L << 20) == 40) {
            return insertLsn - 40;
        }
        if (insertLsn % 8192 == 24) {
            return insertLsn - 24;
        }
        return insertLsn;
    }

    /** A WAL position as PostgreSQL prints it ({@code 16/B374D848}) as one unsigned 64-bit number. */
    public static long lsn(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no WAL position");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        long hi = Long.parseLong(text.substring(0, slash), 16);
        long lo = Long.parseLong(text.substring(slash + 1), 16);
        if (hi > 0xFFFF_FFFFL || lo > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return (hi << 32) | lo;
    }
}
