package io.callsight.forecast;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/** After start (observed after StartupTasks, so after the demo data), a first refresh in the background when no forecast exists yet. */
public class ForecastStartup {

    @Inject
    ForecastRefreshService refresh;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "callsight.forecast.refresh-at-start", defaultValue = "true")
    boolean refreshAtStart;

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (!refreshAtStart) {
            return;
        }
        Thread t = new Thread(() -> {
            try (var c = dataSource.getConnection(); var st = c.createStatement();
                    var rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM forecast_run WHERE status = 'COMPLETED') "
                            + "AND EXISTS (SELECT 1 FROM call)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    refresh.refresh("STARTUP");
                }
            } catch (Exception e) {
                org.jboss.logging.Logger.getLogger(ForecastStartup.class).warn("First forecast refresh failed", e);
            }
        }, "forecast-first-refresh");
        t.setDaemon(true);
        t.start();
    }
}
