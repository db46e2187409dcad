package io.callsight.compliance;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ComplianceHoliday")
@Description("A legal holiday of one jurisdiction: a NO_CALL_DAYS rule with holidays of that jurisdiction forbids calls on it")
public record ComplianceHoliday(
        @Description("US (federal) or a two-letter state code") @NonNull String jurisdiction,
        @Description("The local date (an observed day is a holiday of its own)") @NonNull LocalDate day,
        @NonNull String name,
        @Description("Statute or proclamation") String source,
        @NonNull OffsetDateTime updatedAt,
        String updatedBy) {
}
