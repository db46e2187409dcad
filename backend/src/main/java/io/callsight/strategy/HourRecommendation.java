package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One local hour of bestTimeToCall. */
@Type("HourRecommendation")
@Description("A local hour of the lead (0-23) with the model's expected connects per dial there (standardised over "
        + "the asked dials' own mix of weekday, attempt, gap and lead age), its 80% interval, and the dials behind it")
public record HourRecommendation(@NonNull @Description("Local hour of the lead, 0-23") int hour,
        @NonNull @Description("1 = best") int rank,
        @Description("Expected connects per dial (call_status Answered); null for an hour no dial was ever placed at")
        Double expectedConnectsPerDial,
        @Description("80% interval of expectedConnectsPerDial") Double connectLo80, Double connectHi80,
        @Description("Expected conversions (connected, lead_status Interested) per dial") Double expectedConversionsPerDial,
        Double conversionsLo80, Double conversionsHi80,
        @NonNull @Description("Dials of the history matching the question at this hour") long dials,
        @NonNull long connects, @NonNull long conversions,
        @Description("connects / dials; null without dials") Double observedConnectRate,
        @NonNull @Description("Whether the calling-hours rules (federal and, with a state, the state's) permit calls "
                + "through the whole hour on at least one ordinary weekday; hours they forbid every day are ranked "
                + "after the permitted ones") boolean withinCallingHours) {
}
