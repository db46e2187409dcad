package io.callsight.leadquality;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("CrmSnapshot")
public record CrmSnapshot(@Description("Snapshot id") long id, String source, LocalDate reportDate,
        @Description("PARAMETER, FILE_NAME or ARRIVAL") String reportDateFrom, String fileName,
        OffsetDateTime receivedAt, String checksumSha256, int rowsRead, int rowsLoaded, int sentinelRows,
        int unreadableValues, List<String> header, List<String> unknownColumns,
        @Description("Checks with severity ERROR") int errors,
        @Description("Checks with severity WARNING") int warnings) {
}
