package io.callsight.forecast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The materialized forecasts ({@code callsight.forecast.*}). */
@ConfigMapping(prefix = "callsight.forecast")
public interface ForecastConfig {

    /** When the full refresh runs (Quarkus cron: sec min hour day month weekday; also read by the {@code @Scheduled} expression). */
    @WithDefault("0 15 2 * * ?")
    String cron();

    /** Days ahead each refresh forecasts. */
    @WithDefault("30")
    int horizonDays();

    /** Days of history the models see. */
    @WithDefault("365")
    int historyDays();

    /** Whether a start with calls but no forecast yet refreshes in the background. */
    @WithDefault("true")
    boolean refreshAtStart();
}
