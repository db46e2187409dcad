package io.callsight.forecast;

import java.util.Optional;

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

    /** The public holidays the models use as effects ({@code callsight.forecast.holidays.*}). */
    Holidays holidays();

    interface Holidays {

        /**
         * ISO 3166 country code of the holiday calendar (jollyday's calendars, e.g. US, CA, GB, DE, JP,
         * plus the documented table forecast/holidays-extra.csv, e.g. IL); {@code none}: no holidays.
         */
        @WithDefault("US")
        String country();

        /** Region of the country in jollyday's codes (e.g. {@code ny} for New York, {@code bc}); empty: national holidays only. */
        Optional<String> region();
    }

    /** The configured calendar. */
    default HolidayCalendar holidayCalendar() {
        return HolidayCalendar.of(holidays().country(), holidays().region().orElse(null));
    }
}
