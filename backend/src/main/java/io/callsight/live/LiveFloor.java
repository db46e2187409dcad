package io.callsight.live;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.callsight.compliance.ViolatingCall;

/** The wallboard: today and the last 15 minutes, per campaign and in total, the agents and the newest leads. */
@Type("LiveFloor")
@Description("The floor now: today (since midnight in CALLSIGHT_TIME_ZONE) and the last 15 minutes, in total and "
        + "per campaign, a per-minute sparkline, agents by state and the newest verified leads")
public record LiveFloor(@NonNull OffsetDateTime asOf, @NonNull LocalDate day, @NonNull String timeZone,
        @NonNull LiveMetrics today, @NonNull LiveMetrics last15Minutes,
        @NonNull List<@NonNull LiveCampaign> campaigns,
        @Description("The last 15 whole minutes and the current one, oldest first") @NonNull List<@NonNull LiveMinute> sparkline,
        @NonNull List<@NonNull LiveStateCount> agentsByState,
        @Description("Every agent seen in the last 24 hours (empty for an ADVERTISER)") @NonNull List<@NonNull AgentStateRow> agents,
        @Description("The newest verified leads (feed entries) of today, newest first, at most 10") @NonNull List<@NonNull LiveLead> latestLeads,
        @Description("Today's newest calls that broke a calling rule, newest first, at most 10, flagged as their events "
                + "are stored (empty for an ADVERTISER; no numbers)") @NonNull List<@NonNull ViolatingCall> latestViolations) {
}
