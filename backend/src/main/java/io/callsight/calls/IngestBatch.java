package io.callsight.calls;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("IngestBatch")
@Description("One ingest: its source, file, checksum, counts and status")
public record IngestBatch(@Id long id,
        @Description("calls, leads, service-metrics, inbound-calls, agent-kpis or events") @NonNull String kind, String source, String fileName, String checksumSha256, String timeZone,
        @Description("RUNNING; COMPLETED (completed before the answer); LOADED (answered: rows validated and durable, rejects final; not in the reports yet) then READY (in the reports); or FAILED") String status, int rowsRead, int accepted, int rejected,
        int duplicates, List<String> ignoredColumns,
        @Description("An earlier completed batch with the same file checksum") Long sameFileAsBatchId,
        String error, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
}
