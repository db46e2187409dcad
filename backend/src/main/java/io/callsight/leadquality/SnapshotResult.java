package io.callsight.leadquality;

import java.time.LocalDate;
import java.util.List;

/** What loading one CRM snapshot did (the REST response). */
public record SnapshotResult(long snapshotId, String source, LocalDate reportDate, String reportDateFrom,
        String fileName, int rowsRead, int rowsLoaded, int sentinelRows, int unreadableValues,
        List<String> unknownColumns, boolean alreadyLoaded, Long replacedSnapshotId, List<QualityCheck> checks) {
}
