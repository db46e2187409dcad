package io.callsight.servicelevels;

import java.util.List;

/** REST answer of a metric file load. */
public record MetricIngestResult(long batchId, String source, String queue, String granularity, int rowsRead, int accepted,
        int rejected, int duplicates, int conflicts, Long sameFileAsBatchId, List<String> unknownColumns,
        List<MetricCheck> checks, List<MetricReject> rejects) {
}
