package io.callsight.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Event ingest (prefix {@code callsight.events}). */
@ConfigMapping(prefix = "callsight.events")
public interface EventsConfig {

    /**
     * Group commit: after the first event of a group arrives, how long the writer waits for more
     * before it commits them together (requests arriving while a group commits join the next one).
     */
    @WithDefault("15ms")
    Duration linger();

    /** Most events in one group commit. */
    @WithDefault("5000")
    int maxGroup();

    /** Most events in one request body. */
    @WithDefault("10000")
    int maxPerRequest();

    /** Most journal events moved into the call fact in one transaction. */
    @WithDefault("20000")
    int applyMax();

    /**
     * The least time between two apply passes: under load a pass takes every group committed since
     * the last one in one round (a pass costs about the same for 10 events as for 100).
     */
    @WithDefault("50ms")
    Duration applyInterval();

    /** How often each instance looks for journal events nobody applied (another instance died, a file held the lock). */
    @WithDefault("1s")
    Duration sweep();

    /** How long a request waits for its group to commit before it answers 503 (its events may still be stored). */
    @WithDefault("30s")
    Duration commitTimeout();
}
