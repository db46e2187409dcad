package io.callsight.staffing;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingInterval")
@Description("One interval: inputs (expected calls, handle time) and outputs (agents, service level, occupancy, "
        + "abandon rate)")
public record StaffingInterval(OffsetDateTime start, double expectedCalls, double handleTimeSeconds, int agents,
        int agentsWithShrinkage, Double serviceLevel, Double asaSeconds, Double occupancy, Double abandonRate) {
}
