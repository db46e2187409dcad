package io.callsight.servicelevels;

import java.util.List;

import io.callsight.common.IngestCounts;
import io.callsight.common.PersonalDataFinding;

/** REST answer of a metric file (or call log) load, with the personal data found in it (stored masked). */
public record MetricIngestResult(long batchId, String source, String queue, String granularity, int rowsRead, int accepted,
        int rejected, int duplicates, int conflicts, Long sameFileAsBatchId, List<String> unknownColumns,
        List<MetricCheck> checks, List<MetricReject> rejects, List<PersonalDataFinding> personalData)
        implements IngestCounts {

    @Override
    public int rowsStored() {
        return accepted;
    }

    @Override
    public int rowsRejected() {
        return rejected;
    }
}
