package io.callsight.calls;

import java.util.StringJoiner;

/** Wall time of a batch's steps, in order, for one log line: {@code stage 812 ms, dedup 40 ms, ...}. */
final class StepTimes {

    private final StringJoiner summary = new StringJoiner(", ");
    private long since = System.nanoTime();

    /** Ends the step named {@code step} (started when the previous one ended) and starts the next. */
    void lap(String step) {
        long now = System.nanoTime();
        summary.add(step + " " + (now - since) / 1_000_000 + " ms");
        since = now;
    }

    @Override
    public String toString() {
        return summary.toString();
    }
}
