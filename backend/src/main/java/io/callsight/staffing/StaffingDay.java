package io.callsight.staffing;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingDay")
public record StaffingDay(LocalDate date, double expectedCalls, int peakAgents, int peakAgentsWithShrinkage,
        @Description("Sum over intervals of agents x interval length, hours") double agentHours) {
}
