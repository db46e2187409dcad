package io.callsight.forecast;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ForecastSeriesKind")
@Description("What is forecast: calls made per day, or leads converted per day (distinct leads with an Interested call)")
public enum SeriesKind {
    CALL_VOLUME, LEAD_CONVERSIONS
}
