package io.callsight.forecast;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/** The first forecast refresh after start, in the background, when calls exist but no forecast does yet. */
@ApplicationScoped
public class ForecastStartup {

    private static final Logger LOG = Logger.getLogger(ForecastStartup.class);

    @Inject
    ForecastRefreshService refresh;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ForecastConfig config;

    /** Starts the refresh on a daemon thread and returns at once (start-up does not wait for it). */
    public void refreshInBackgroundIfEmpty() {
        if (!config.refreshAtStart()) {
            return;
        }
        Thread t = new Thread(() -> {
            try (var c = dataSource.getConnection(); var st = c.createStatement();
                    var rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM forecast_run WHERE status = 'COMPLETED') "
                            + "AND EXISTS (SELECT 1 FROM call)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    refresh.refreshIfNoneCompleted("STARTUP"); // checked again under the lock: another instance may be first
                }
            } catch (Exception e) {
                LOG.warn("First forecast refresh failed", e);
            }
        }, "forecast-first-refresh");
        t.setDaemon(true);
        t.start();
    }
}
