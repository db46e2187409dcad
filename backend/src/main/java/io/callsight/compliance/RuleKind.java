package io.callsight.compliance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ComplianceRuleKind")
@Description("What a calling rule limits")
public enum RuleKind {
    @Description("Calls only between startTime and endTime, local time of the called party, on the listed weekdays")
    CALLING_HOURS,
    @Description("At most maxAttempts dials to one number in a rolling window of windowHours")
    ATTEMPT_LIMIT,
    @Description("No call to a number on the internal do-not-call list (from the moment it was added)")
    DO_NOT_CALL,
    @Description("No call to a lead after one of its calls carried one of the statuses (a do-not-call request)")
    OPTED_OUT,
    @Description("No call at all on the listed weekdays and, with holidays, on the jurisdiction's legal holidays "
            + "(complianceHolidays), local date of the called party")
    NO_CALL_DAYS
}
