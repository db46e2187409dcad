package io.callsight.strategy;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** When to call a lead next, or why not. */
@Type("NextAttempt")
@Description("When to call this lead next and the expected chance, or STOP with the reason")
public record NextAttempt(@NonNull String leadId, String campaignId,
        @Description("The number dialled last (masked unless you see numbers in full)") String toNumber,
        @NonNull NextAttemptAction action, StopReason stopReason,
        @NonNull @Description("Why, in words") String reason,
        @NonNull @Description("Dials so far") int attemptsSoFar, OffsetDateTime lastDialAt,
        @Description("The attempt number of the proposed call") Integer attempt,
        @Description("When to call (UTC offset)") OffsetDateTime at,
        @Description("The lead's local hour at that time, 0-23") Integer localHour,
        @Description("ISO weekday at the lead, 1-7") Integer localWeekday,
        @Description("The lead's time zone (model zone: ZIP first, else the number's)") String timeZone,
        String state,
        @Description("Expected chance the call connects") Double expectedConnectRate, Double connectLo80,
        Double connectHi80,
        @Description("Expected chance the call converts (connects and ends Interested)") Double expectedConversionRate) {
}
