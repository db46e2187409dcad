package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.instances.InstanceRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Batch ownership with a heartbeat: an instance fails a RUNNING batch of another instance only once that
 * one stopped beating (30 s here); a batch of a live instance stays RUNNING even when its row is not locked
 * (between opening the batch and the load's lock, or a lock this test cannot hold), which the recovery
 * before owners failed at once.
 */
@QuarkusTest
class BatchOwnershipTest extends DatabaseTest {

    @Inject
    CallIngestService ingest;

    @Inject
    InstanceRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchOfALiveInstanceStaysRunningAndFailsOnceItsOwnerStoppedBeating() throws Exception {
        UUID other = UUID.randomUUID();
        sql("INSERT INTO service_instance (instance_id, name, host, pid) VALUES ('" + other + "', 'other-host:8080', "
                + "'other-host', 4242)");
        long batch = runningBatch(other, "1 minute");

        assertThat(ingest.failInterruptedBatches()).as("start-up recovery of this instance").isZero();
        ingest.sweepInterruptedBatches();
        assertThat(status(batch)).as("batch of a live instance").isEqualTo("RUNNING");

        // the other instance's last beat 25 s ago: still within the 30 s bound
        sql("UPDATE service_instance SET beat_at = now() - interval '25 seconds' WHERE instance_id = '" + other + "'");
        ingest.sweepInterruptedBatches();
        assertThat(status(batch)).isEqualTo("RUNNING");

        sql("UPDATE service_instance SET beat_at = now() - interval '31 seconds' WHERE instance_id = '" + other + "'");
        ingest.sweepInterruptedBatches();
        assertThat(status(batch)).as("batch of an instance that stopped beating").isEqualTo("FAILED");
        assertThat(error(batch)).startsWith("interrupted");
    }

    @Test
    void aBatchOfAnInstanceGoneFromTheRegistryFailsAtOnceButALockedOneNever() throws Exception {
        long gone = runningBatch(UUID.randomUUID(), "1 second");
        long locked = runningBatch(UUID.randomUUID(), "1 second");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("SELECT 1 FROM ingest_batch WHERE batch_id = ? "
                    + "FOR NO KEY UPDATE")) {
                ps.setLong(1, locked);
                ps.executeQuery().close();
            }
            ingest.failInterruptedBatches();
            assertThat(status(gone)).isEqualTo("FAILED");
            assertThat(status(locked)).as("a batch whose load still holds its row").isEqualTo("RUNNING");
            holder.rollback();
        }
        ingest.failInterruptedBatches();
        assertThat(status(locked)).isEqualTo("FAILED");
    }

    @Test
    void aBatchOfThisInstanceIsLeftToItsLoadForTenSeconds() throws Exception {
        long fresh = runningBatch(registry.id(), "1 second");
        long old = runningBatch(registry.id(), "11 seconds");
        ingest.sweepInterruptedBatches();
        assertThat(status(fresh)).as("opened 1 s ago, its load may not have locked it yet").isEqualTo("RUNNING");
        assertThat(status(old)).as("not locked 11 s after it opened: its load ended without recording it")
                .isEqualTo("FAILED");
        sql("UPDATE ingest_batch SET status = 'FAILED' WHERE batch_id = " + fresh);
    }

    @Test
    void aBatchLoadedByThisInstanceRecordsItAsOwner() throws Exception {
        String csv = "Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\nown-1,OWN-L1,OWN-C1,Answered,2025-04-06 09:30:00\n";
        IngestResult r = ingest.ingest(new CallIngestService.Request("api", "own.csv", "text/csv", java.time.ZoneOffset.UTC),
                new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)), false);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT owner_instance FROM ingest_batch WHERE batch_id = ?")) {
            ps.setLong(1, r.batchId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getObject(1, UUID.class)).isEqualTo(registry.id());
            }
        }
    }

    private long runningBatch(UUID owner, String age) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_batch (source, file_name, owner_instance, "
                        + "started_at) VALUES ('api', 'owned.csv', ?, now() - ?::interval) RETURNING batch_id")) {
            ps.setObject(1, owner);
            ps.setString(2, age);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String status(long batch) throws SQLException {
        return column("status", batch);
    }

    private String error(long batch) throws SQLException {
        return column("error", batch);
    }

    private String column(String column, long batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM ingest_batch WHERE batch_id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
