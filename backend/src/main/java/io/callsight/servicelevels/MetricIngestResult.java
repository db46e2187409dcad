package io.callsight.servicelevels;

import java.util.List;

import io.callsight.common.IngestCounts;

/** REST answer of a metric file load. */
public record MetricIngestResult(long batchId, String source, String queue, String granularity, int rowsRead, int accepted,
        int rejected, int duplicates, int conflicts, Long sameFileAsBatchId, List<String> unknownColumns,
        List<MetricCheck> checks, List<MetricReject> rejects) implements IngestCounts {

    @Override
    public int rowsStored() {
        return accepted;
    }

    @Override
    public int rowsRejected() {
        return rejected;
    }
}
