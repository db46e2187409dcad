package io.callsight.staffing;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingPlan")
public record StaffingPlan(StaffingMode mode, int intervalMinutes, OffsetDateTime generatedAt, OffsetDateTime asOf,
        @Description("Mean agent call duration (WORKLOAD) or AHT of connected calls (Erlang), seconds")
        double handleTimeSeconds, double serviceLevelTarget, double answerWithinSeconds, double maxOccupancy,
        double shrinkage, Double patienceSeconds, List<StaffingDay> days, List<StaffingInterval> intervals) {
}
