package io.callsight.reports;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Which calls a report covers. Every list is "any of"; an empty or absent list does not filter. */
@Input("CallFilter")
@Description("Which calls a report covers: dial time in [from, to), and any of the listed campaigns, advertisers, "
        + "agents and statuses. Absent or empty lists do not filter. Statuses are matched after normalisation "
        + "(case and spaces do not matter).")
public class CallFilter {
    @Description("Inclusive start of the dial-time window (ISO-8601 with offset)")
    public OffsetDateTime from;
    @Description("Exclusive end of the dial-time window (ISO-8601 with offset)")
    public OffsetDateTime to;
    @Description("Campaign ids as in the call files")
    public List<String> campaignIds;
    @Description("Advertiser ids as in the call files")
    public List<String> advertiserIds;
    @Description("Agent ids as in the call files")
    public List<String> agentIds;
    @Description("Call statuses, e.g. Answered, No Answer")
    public List<String> callStatuses;
    @Description("Lead statuses, e.g. Interested, Not Interested")
    public List<String> leadStatuses;

    public CallFilter() {
    }

    public static CallFilter orEmpty(CallFilter f) {
        return f == null ? new CallFilter() : f;
    }
}
