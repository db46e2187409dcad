package io.callsight.strategy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One cell of the best-time heatmap. */
@Type("BestTimeCell")
@Description("A local hour and weekday of the lead: expected connects per dial with its 80% interval and the dials "
        + "behind it (few dials: a wide interval, the estimate pulled toward the hour's and the weekday's)")
public record BestTimeCell(@NonNull @Description("Local hour, 0-23") int hour,
        @NonNull @Description("ISO weekday, 1 = Monday .. 7 = Sunday") int weekday,
        Double expectedConnectsPerDial, Double connectLo80, Double connectHi80, Double expectedConversionsPerDial,
        @NonNull long dials, @NonNull long connects,
        @NonNull @Description("Whether the calling-hours rules (federal and, with a state, the state's) permit calls "
                + "through the whole hour on this weekday (not a holiday)") boolean withinCallingHours) {
}
