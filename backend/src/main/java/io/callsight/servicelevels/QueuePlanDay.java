package io.callsight.servicelevels;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Type;

@Type("QueuePlanDay")
public record QueuePlanDay(LocalDate date, double offered, double lo80, double hi80, double lo95, double hi95, Integer peakAgents,
        Double agentHours) {
}
