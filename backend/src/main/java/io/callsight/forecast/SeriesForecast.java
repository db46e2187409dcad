package io.callsight.forecast;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SeriesForecast")
public record SeriesForecast(@Description("The model the backtest chose") String model,
        @NonNull List<@NonNull ForecastPoint> points, @NonNull ForecastAccuracy accuracy,
        @Description("Days missing between the first and last date, filled with the same weekday a week earlier")
        int filledDays) {
}
