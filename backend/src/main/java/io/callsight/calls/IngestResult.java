package io.callsight.calls;

import java.util.List;

import io.callsight.common.IngestCounts;

/** What one ingest did: the batch and its counts, and the first rejects (all are kept in the batch). */
public record IngestResult(long batchId, String status, int rowsRead, int accepted, int rejected, int duplicates,
        List<String> ignoredColumns, Long sameFileAsBatchId, List<RejectedRow> rejects) implements IngestCounts {

    @Override
    public int rowsStored() {
        return accepted;
    }

    @Override
    public int rowsRejected() {
        return rejected;
    }

    /** A rejected row: its line in the file (header = 1), the field at fault, its value and why. */
    public record RejectedRow(int line, String callId, String field, String value, String reason) {
    }
}
