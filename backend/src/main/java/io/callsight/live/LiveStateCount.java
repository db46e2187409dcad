package io.callsight.live;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** How many agents are in a state now. */
@Type("LiveStateCount")
public record LiveStateCount(@NonNull AgentStateKind state, int agents) {
}
