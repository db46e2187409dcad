package io.callsight.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Call file ingest ({@code callsight.ingest.*}). */
@ConfigMapping(prefix = "callsight.ingest")
public interface IngestConfig {

    /**
     * A call file of at least this many bytes (its request's Content-Length) is completed after the answer:
     * the answer comes once its rows are validated and durable (batch LOADED, rejects final), and the batch
     * reaches the reports when READY. 0: every file is completed before its answer. A request may choose
     * with {@code ?complete=before-answer} or {@code ?complete=after-answer}.
     */
    @WithDefault("67108864")
    long completeAfterAnswerFromBytes();

    /** How often any instance looks for LOADED batches left by an instance that stopped before completing them. */
    @WithDefault("5s")
    java.time.Duration completionSweep();
}
