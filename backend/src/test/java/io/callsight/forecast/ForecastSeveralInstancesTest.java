package io.callsight.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.instances.JobSlots;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The forecast refresh with several instances: one scheduled run per cron slot (the advisory lock alone let
 * an instance whose scheduler fired just after another's run ended refresh the same slot again), and a run
 * left RUNNING by a killed instance is failed once that instance stopped beating, not before.
 */
@QuarkusTest
class ForecastSeveralInstancesTest extends DatabaseTest {

    @Inject
    ForecastRefreshService refresh;

    @Inject
    JobSlots slots;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSlotAnotherInstanceRanIsNotRunAgain() throws Exception {
        Instant slot = Instant.parse("2032-03-04T02:15:00Z");
        assertThat(slots.claim("forecast-refresh", slot)).as("the other instance wins the slot").isTrue();
        long before = count("SELECT count(*) FROM forecast_run");
        ForecastRefreshService.RunOutcome second = refresh.scheduledSlot(slot);
        assertThat(second.runId()).isNull();
        assertThat(second.status()).isEqualTo("SKIPPED");
        assertThat(count("SELECT count(*) FROM forecast_run")).as("runs after this instance's scheduler fired the slot")
                .isEqualTo(before);
    }

    /**
     * Two instances starting on a database without forecasts both see "no completed run" and start the first
     * refresh; the second to take the refresh lock finds the first one's run and does not refresh again.
     */
    @Test
    void theFirstRefreshAtStartRunsOnceWhenAnotherInstanceCompletedOne() throws Exception {
        long completed = count("INSERT INTO forecast_run (trigger, horizon_days, status, finished_at) VALUES "
                + "('STARTUP', 30, 'COMPLETED', now()) RETURNING run_id");
        long before = count("SELECT count(*) FROM forecast_run");
        ForecastRefreshService.RunOutcome second = refresh.refreshIfNoneCompleted("STARTUP");
        assertThat(second.runId()).isNull();
        assertThat(second.status()).isEqualTo("SKIPPED");
        assertThat(count("SELECT count(*) FROM forecast_run")).isEqualTo(before);
        sql("DELETE FROM forecast_run WHERE run_id = " + completed);
    }

    @Test
    void aRunOfAKilledInstanceFailsOnceItStoppedBeating() throws Exception {
        UUID other = UUID.randomUUID();
        sql("INSERT INTO service_instance (instance_id, name, host, pid) VALUES ('" + other + "', 'forecaster:8080', "
                + "'forecaster', 99)");
        long run = count("INSERT INTO forecast_run (trigger, horizon_days, owner_instance) VALUES ('SCHEDULE', 30, '"
                + other + "') RETURNING run_id");
        refresh.failInterruptedRuns();
        assertThat(status(run)).as("run of a live instance").isEqualTo("RUNNING");
        sql("UPDATE service_instance SET beat_at = now() - interval '31 seconds' WHERE instance_id = '" + other + "'");
        refresh.failInterruptedRuns();
        assertThat(status(run)).isEqualTo("FAILED");
        // the newest run failed: wellness reports it until the next refresh; the previous forecasts stay in use
        sql("DELETE FROM forecast_run WHERE run_id = " + run);
    }

    private String status(long run) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status FROM forecast_run WHERE run_id = ?")) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
