package io.callsight.compliance;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ComplianceRuleInput")
@Description("A calling rule to create or replace (by code). Fields that do not belong to the kind must be absent.")
public class ComplianceRuleInput {
    @NonNull
    public String code;
    @NonNull
    @Description("US (federal) or a two-letter state code")
    public String jurisdiction;
    @NonNull
    public RuleKind kind;
    @Description("CALLING_HOURS: ISO weekdays 1-7, absent or empty = every day; NO_CALL_DAYS: the weekdays without calls")
    public List<Integer> weekdays;
    @Description("CALLING_HOURS: HH:MM")
    public String startTime;
    @Description("CALLING_HOURS: HH:MM, or 24:00")
    public String endTime;
    public Integer maxAttempts;
    public Integer windowHours;
    public List<String> statuses;
    @Description("NO_CALL_DAYS: no calls on the jurisdiction's legal holidays either (complianceHolidays); absent = false")
    public Boolean holidays;
    @NonNull
    @Description("Statute or regulation the rule comes from")
    public String source;
    public String description;
    @Description("Absent = true")
    public Boolean enabled;

    public ComplianceRuleInput() {
    }
}
