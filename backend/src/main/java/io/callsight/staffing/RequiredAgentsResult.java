package io.callsight.staffing;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("RequiredAgentsResult")
@Description("The fewest agents that hold the targets in one interval, and what they give")
public record RequiredAgentsResult(int agents,
        @Description("agents / (1 - shrinkage), rounded up: the agents to schedule") int agentsWithShrinkage,
        double serviceLevel, Double asaSeconds, double occupancy, double probWait, double probAbandon) {
}
