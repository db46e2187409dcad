package io.callsight.servicelevels;

import java.time.LocalDateTime;

import org.eclipse.microprofile.graphql.Type;

@Type("QueuePlanInterval")
public record QueuePlanInterval(LocalDateTime start, double expectedCalls, int agents, int agentsWithShrinkage,
        double serviceLevel, Double asaSeconds, double occupancy, double abandonRate) {
}
