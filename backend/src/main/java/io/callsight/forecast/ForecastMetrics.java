package io.callsight.forecast;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.DatabaseGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Forecast refresh metrics: {@code callsight_forecast_refresh_seconds{status}} (COMPLETED or FAILED runs of this
 * instance, their duration) and, from the database (whichever instance ran it),
 * {@code callsight_forecast_last_success_timestamp_seconds} (when the last completed run finished, Unix time; 0 never).
 */
@ApplicationScoped
@Startup
public class ForecastMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    DatabaseGauges gauges;

    @PostConstruct
    void register() {
        gauges.register("callsight_forecast_last_success_timestamp_seconds",
                "When the last completed forecast refresh finished (Unix seconds; 0: never)", null,
                "SELECT coalesce(extract(epoch FROM max(finished_at)), 0) FROM forecast_run WHERE status = 'COMPLETED'");
        timer("COMPLETED");
        timer("FAILED");
    }

    void refreshed(String status, long nanos) {
        timer(status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String status) {
        return Timer.builder("callsight_forecast_refresh_seconds").description("Forecast refreshes by outcome, with duration")
                .tag("status", status).register(registry);
    }
}
