package io.callsight.live;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An agent now: current state since when, and today's calls, conversions and pause time. */
@Type("AgentStateRow")
@Description("An agent's current state (its latest state event of the last 24 hours), since when, its current "
        + "campaign, and today's calls, conversions (distinct leads with an Interested call) and pause time")
public record AgentStateRow(@NonNull String agentId, String agentName, @NonNull AgentStateKind state,
        @NonNull OffsetDateTime since, @NonNull Long secondsInState, String campaignId, String reason,
        @NonNull Long callsToday, @NonNull Long conversionsToday, @NonNull Long pauseSecondsToday) {
}
