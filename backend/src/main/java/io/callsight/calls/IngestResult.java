package io.callsight.calls;

import java.util.List;

import io.callsight.common.IngestCounts;
import io.callsight.common.PersonalDataFinding;

/**
 * What one ingest did: the batch and its counts, the first rejects (all are kept in the batch), and the personal
 * data found in its unknown and free-text columns (stored masked).
 */
public record IngestResult(long batchId, String status, int rowsRead, int accepted, int rejected, int duplicates,
        List<String> ignoredColumns, Long sameFileAsBatchId, List<RejectedRow> rejects,
        List<PersonalDataFinding> personalData) implements IngestCounts {

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
