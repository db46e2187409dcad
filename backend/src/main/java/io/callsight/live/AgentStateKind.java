package io.callsight.live;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** An agent's state as the dialer reports it. */
@Enum("AgentStateKind")
@Description("An agent's state: READY (waiting for a call), ON_CALL, WRAP_UP (after-call work), PAUSED, LOGGED_OUT")
public enum AgentStateKind {
    READY, ON_CALL, WRAP_UP, PAUSED, LOGGED_OUT
}
