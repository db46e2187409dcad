package io.callsight.live;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An agent's day from its state history. */
@Type("AgentStateDay")
@Description("Seconds an agent spent in each state on a day (CALLSIGHT_TIME_ZONE; a state lasts until the agent's "
        + "next state event, or until now); loggedInSeconds = all but LOGGED_OUT; occupancy = (ON_CALL + WRAP_UP) / "
        + "(READY + ON_CALL + WRAP_UP), null when 0")
public record AgentStateDay(@NonNull LocalDate day, @NonNull String agentId, String agentName, double readySeconds,
        double onCallSeconds, double wrapUpSeconds, double pausedSeconds, double loggedInSeconds, Double occupancy) {
}
