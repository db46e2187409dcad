package io.callsight.compliance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ComplianceCount")
@Description("Violations of one group (a rule, campaign or agent)")
public record ComplianceCount(@Description("Rule code, campaign id or agent id (null: no agent)") String key,
        @Description("Rule description, campaign or agent name") String label,
        @Description("Calls with at least one violation") long calls,
        @Description("Violations (a call breaking two rules counts twice)") long violations) {
}
