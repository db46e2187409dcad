package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

import io.callsight.common.IngestCounts;

/** What loading one CRM snapshot did (the REST response). */
public record SnapshotResult(long snapshotId, String source, LocalDate reportDate, String reportDateFrom,
        String fileName, int rowsRead, int rowsLoaded, int sentinelRows, int unreadableValues,
        List<String> unknownColumns, boolean alreadyLoaded, Long replacedSnapshotId, List<QualityCheck> checks)
        implements IngestCounts {

    @Override
    public int rowsStored() {
        return alreadyLoaded ? 0 : rowsLoaded;
    }

    /** Rows of the file not loaded (a snapshot already loaded is not loaded again: none). */
    @Override
    public int rowsRejected() {
        return alreadyLoaded ? 0 : Math.max(0, rowsRead - rowsLoaded);
    }
}
