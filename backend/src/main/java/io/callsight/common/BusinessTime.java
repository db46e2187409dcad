package io.callsight.common;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The floor's time zone ({@code callsight.reports.business-time-zone}, env {@code CALLSIGHT_TIME_ZONE}):
 * the zone of report days and hours, rollup days, forecast dates, staffing intervals and the demo data.
 * One setting read in one place; a value that names no zone stops the start with the property's name.
 */
@ConfigMapping(prefix = "callsight.reports")
public interface BusinessTime {

    @WithName("business-time-zone")
    @WithDefault("UTC")
    ZoneId zone();
}
