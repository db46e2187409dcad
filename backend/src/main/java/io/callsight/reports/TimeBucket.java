package io.callsight.reports;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Time buckets of the dial time, cut in the asked time zone (weeks start on Monday). */
@Enum("TimeBucket")
@Description("A time bucket of the dial time in the asked time zone; weeks start on Monday")
public enum TimeBucket {
    HOUR("hour"), DAY("day"), WEEK("week"), MONTH("month");

    final String truncUnit;

    TimeBucket(String truncUnit) {
        this.truncUnit = truncUnit;
    }
}
