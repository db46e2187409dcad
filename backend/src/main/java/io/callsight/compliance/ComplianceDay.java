package io.callsight.compliance;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ComplianceDay")
@Description("Violating calls of one day (business time zone)")
public record ComplianceDay(@NonNull LocalDate day, long calls, long violations) {
}
