package io.callsight.common;

/** What an ingest's answer says it did, in the terms every kind shares (for {@link IngestMetrics}). */
public interface IngestCounts {

    /** Records (rows, events) read from the input. */
    int rowsRead();

    /** Records stored: new or changed. */
    int rowsStored();

    /** Records refused, each with its reason. */
    int rowsRejected();
}
