package io.callsight.calls;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.config.ConfigMapping;

/**
 * A fault hook of the crash drills (bench/crash-drill.sh, CrashDrillIT), off unless
 * {@code callsight.drill.pause-at} names a point of the call-file ingest. The first batch that reaches
 * the point logs {@value #MARKER} with the point and its batch id, then its request thread sleeps until
 * the drill kills the process (SIGKILL): the drill hits a point exactly instead of guessing it by time.
 * Points, in the order a batch meets them:
 * <ul>
 * <li>{@code COPY_START}: batch lock taken, staging table created, no row copied yet;</li>
 * <li>{@code COPY_ROW:n}: the first {@code n} rows copied into the staging table (flushed to the server);</li>
 * <li>{@code AFTER_COPY}: the whole file staged, before de-duplication and the dimensions;</li>
 * <li>{@code BEFORE_INSERT}: dimensions resolved, before the insert of calls, rollups and outbox;</li>
 * <li>{@code BEFORE_COMMIT}: the batch row written COMPLETED in the transaction, not committed;</li>
 * <li>{@code AFTER_COMMIT}: committed, before the statistics refresh and the answer;</li>
 * <li>{@code ANSWER}: the result ready, before the response is written.</li>
 * </ul>
 * The upload itself (the client still sending) and the insert statement running need no hook: the
 * drill throttles its own upload, and watches the statement in pg_stat_activity.
 */
@ApplicationScoped
public class CrashDrill {

    /** What the log line of a reached point starts with. */
    public static final String MARKER = "CRASH DRILL: paused at ";

    private static final Logger LOG = Logger.getLogger(CrashDrill.class);

    /** callsight.drill.*: the crash drill's fault hook. */
    @ConfigMapping(prefix = "callsight.drill")
    public interface Config {

        /** The point where the first batch reaching it pauses until killed; empty: no pause (production). */
        Optional<String> pauseAt();
    }

    @Inject
    Config config;

    private volatile boolean used;

    /** The row count at which staging pauses ({@code COPY_ROW:n}), or -1. */
    int copyRow() {
        String p = point();
        if (p == null || !p.startsWith("COPY_ROW:")) {
            return -1;
        }
        return Integer.parseInt(p.substring("COPY_ROW:".length()).strip());
    }

    /** Pauses for good when {@code point} is the configured one (once per process). */
    void reached(String point, long batchId) {
        String p = point();
        if (p == null || !(p.equals(point) || p.startsWith(point + ":"))) {
            return;
        }
        synchronized (this) {
            if (used) {
                return;
            }
            used = true;
        }
        LOG.warnf("%s%s (batch %d); waiting for SIGKILL", MARKER, p, batchId);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("crash drill pause interrupted", e);
            }
        }
    }

    private String point() {
        return config.pauseAt().map(s -> s.strip().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).orElse(null);
    }
}
