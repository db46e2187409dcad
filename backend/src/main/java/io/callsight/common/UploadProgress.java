package io.callsight.common;

import java.util.function.LongConsumer;

/**
 * The rows read so far by the upload running on this thread, for its progress report. The parsers call
 * {@link #rowRead()} for each row ({@link CsvReader} does for every CSV, TSV and converted sheet); whoever
 * started the upload ({@link #track}) is told the count at the first row, then at most every
 * {@link #REPORT_EVERY_NANOS}.
 */
public final class UploadProgress implements AutoCloseable {

    /** How often the count is reported while rows are read (0.5 s). */
    public static final long REPORT_EVERY_NANOS = 500_000_000L;

    private static final ThreadLocal<UploadProgress> CURRENT = new ThreadLocal<>();

    private final LongConsumer report;
    private final UploadProgress outer;
    private long rows;
    private long nextReport;

    private UploadProgress(LongConsumer report, UploadProgress outer) {
        this.report = report;
        this.outer = outer;
        this.nextReport = System.nanoTime(); // the first row is reported at once
    }

    /** Counts the rows read on this thread until closed; {@code report} gets the count now and then. */
    public static UploadProgress track(LongConsumer report) {
        UploadProgress progress = new UploadProgress(report, CURRENT.get());
        CURRENT.set(progress);
        return progress;
    }

    /** One more row read by the upload running on this thread, if any. */
    public static void rowRead() {
        UploadProgress progress = CURRENT.get();
        if (progress != null) {
            progress.row();
        }
    }

    private void row() {
        rows++;
        long now = System.nanoTime();
        if (now - nextReport >= 0) {
            nextReport = now + REPORT_EVERY_NANOS;
            report.accept(rows);
        }
    }

    /** The rows read so far. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
