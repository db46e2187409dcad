package io.callsight.compliance;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ComplianceReport")
@Description("Calling-rule violations of the calls a filter covers: totals, per rule, campaign, agent and day, and "
        + "the violating calls newest first")
public record ComplianceReport(
        @Description("Calls with at least one violation") long violatingCalls,
        @Description("Violations (call and rule pairs)") long violations,
        @Description("Violating calls whose lead's location was unknown (hours checked in every US zone)") long locationUnknownCalls,
        @NonNull List<@NonNull ComplianceCount> byRule,
        @NonNull List<@NonNull ComplianceCount> byCampaign,
        @NonNull List<@NonNull ComplianceCount> byAgent,
        @NonNull List<@NonNull ComplianceDay> byDay,
        @NonNull ViolatingCallConnection calls) {
}
