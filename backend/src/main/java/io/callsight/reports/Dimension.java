package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** What a report can be grouped by. SQL comes from here only, never from user strings. */
@Enum("Dimension")
@Description("A grouping of calls")
public enum Dimension {
    @Description("The call's campaign") CAMPAIGN("c.campaign_key", false),
    @Description("The call's advertiser") ADVERTISER("c.advertiser_key", false),
    @Description("The agent who made the call") AGENT("c.agent_key", false),
    @Description("Call status (normalised)") CALL_STATUS("c.call_status", false),
    @Description("Lead status (normalised)") LEAD_STATUS("c.lead_status", false),
    @Description("Attempt number of the dial") ATTEMPT_NUMBER("c.attempt_no::int", false),
    @Description("Hour of day 0-23 of the dial time in the asked time zone") HOUR_OF_DAY(
            "extract(hour FROM c.dial_time AT TIME ZONE ?)::int", true),
    @Description("ISO day of week 1 (Monday) - 7 (Sunday) of the dial time in the asked time zone") DAY_OF_WEEK(
            "extract(isodow FROM c.dial_time AT TIME ZONE ?)::int", true);

    final String sql;
    /** The expression takes the time zone as its one bind parameter. */
    final boolean zoned;

    Dimension(String sql, boolean zoned) {
        this.sql = sql;
        this.zoned = zoned;
    }
}
