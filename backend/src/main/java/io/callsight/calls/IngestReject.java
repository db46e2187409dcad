package io.callsight.calls;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("IngestReject")
@Description("A rejected row: its line in the file (header = 1), the field at fault, the value and the reason")
public record IngestReject(int line, String callId, String field, String value, String reason,
        @Description("The row as received") String rawRow) {
}
