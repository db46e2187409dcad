package io.callsight.forecast;

import java.sql.SQLException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;

/** /q/health/well: DOWN while the newest forecast run failed (the previous forecasts stay in use). */
@Wellness
public class ForecastHealth implements HealthCheck {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("forecast refresh");
        try (var c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT run_id, status, coalesce(error, ''), finished_at FROM forecast_run "
                        + "WHERE status <> 'RUNNING' ORDER BY run_id DESC LIMIT 1")) {
            if (!rs.next()) {
                return builder.up().withData("lastRun", "none").build();
            }
            builder.withData("lastRun", rs.getLong(1)).withData("status", rs.getString(2))
                    .withData("finishedAt", String.valueOf(rs.getObject(4)));
            if ("FAILED".equals(rs.getString(2))) {
                return builder.down().withData("error", rs.getString(3)).build();
            }
            return builder.up().build();
        } catch (SQLException e) {
            return builder.down().withData("error", e.getMessage()).build();
        }
    }
}
