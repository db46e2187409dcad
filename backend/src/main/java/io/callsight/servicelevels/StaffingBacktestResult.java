package io.callsight.servicelevels;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("StaffingBacktest")
public record StaffingBacktestResult(String queue, LocalDate from, LocalDate to, double answerWithinSeconds,
        @Description("Mean patience estimated from the abandonment data: total waiting time of offered calls / "
                + "abandoned calls (exponential patience)") Double patienceSeconds,
        int minCalls, List<StaffingModelError> errors, List<StaffingBacktestHour> hours) {
}
