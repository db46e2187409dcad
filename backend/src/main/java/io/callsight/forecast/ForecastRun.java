package io.callsight.forecast;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A refresh run. */
@Type("ForecastRun")
public record ForecastRun(long id, String trigger, String status, OffsetDateTime startedAt, OffsetDateTime finishedAt,
        OffsetDateTime dataAsOf, int horizonDays, int seriesRefreshed, int seriesSkipped,
        @Description("Chosen models and how many series each won") String models,
        String error) {
}
