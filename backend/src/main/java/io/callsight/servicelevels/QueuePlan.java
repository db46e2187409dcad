package io.callsight.servicelevels;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("QueuePlan")
public record QueuePlan(String queue, String mode, int intervalMinutes, String model,
        @Description("sMAPE of the engine's backtest, percent") Double smape, Double coverage80,
        @Description("Days of history the forecast used") int historyDays, LocalDate lastHistoryDay,
        @Description("Mean service time of handled calls, seconds (call logs only)") Double ahtSeconds,
        @Description("Total wait of offered calls / abandoned calls, seconds (call logs only)") Double patienceSeconds,
        double answerWithinSeconds, double serviceLevelTarget, List<QueuePlanDay> days,
        @Description("Empty when the queue has no call log (no intraday profile or handle time)") List<QueuePlanInterval> intervals) {
}
