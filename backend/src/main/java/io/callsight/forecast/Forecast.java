package io.callsight.forecast;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Forecast")
@Description("A materialized forecast: the next days with 80%/95% intervals, the recent actuals and the "
        + "model's measured accuracy")
public record Forecast(SeriesKind series, @Description("TOTAL, CAMPAIGN or ADVERTISER") String scope,
        String scopeId, String model,
        @Description("When the refresh that made it finished") OffsetDateTime generatedAt,
        @Description("The newest call in the data it saw") OffsetDateTime asOf,
        @NonNull List<@NonNull ForecastPoint> points,
        @Description("The last 60 observed days") @NonNull List<@NonNull ForecastActual> actuals,
        @NonNull ForecastAccuracy accuracy) {
}
