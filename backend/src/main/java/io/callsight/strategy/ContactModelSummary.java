package io.callsight.strategy;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The newest contact model and its out-of-sample validation. */
@Type("ContactModelSummary")
@Description("The contact model refitted with the forecasts: its history and its out-of-sample validation (each of "
        + "the last weeks predicted by the model of the weeks before it)")
public record ContactModelSummary(@NonNull long runId, @NonNull OffsetDateTime createdAt, OffsetDateTime historyFrom,
        OffsetDateTime historyTo, @NonNull long dials,
        @NonNull @Description("Dials of leads with no known place (no ZIP, no placeable number): left out")
        long dialsUnlocated,
        @NonNull @Description("States in the history, most dials first ('??': placed by zone but no state)")
        List<@NonNull String> states,
        @NonNull List<@NonNull ModelValidationResult> validation) {
}
