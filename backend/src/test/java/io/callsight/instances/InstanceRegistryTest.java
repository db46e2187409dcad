package io.callsight.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** This instance in the registry: registered at start, beating, listed; and the slots of the cron jobs. */
@QuarkusTest
class InstanceRegistryTest extends DatabaseTest {

    @Inject
    InstanceRegistry registry;

    @Inject
    JobSlots slots;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theInstanceIsRegisteredAndItsBeatMoves() throws Exception {
        OffsetDateTime before = beatAt();
        assertThat(before).as("registered at start").isNotNull();
        Thread.sleep(20);
        registry.beat();
        assertThat(beatAt()).isAfter(before);

        JsonPath r = GraphQL.query("{ instances { instanceId name pid stale self beatAt } }");
        assertThat(r.getString("data.instances[0].instanceId")).isEqualTo(registry.id().toString());
        assertThat(r.getBoolean("data.instances[0].self")).isTrue();
        assertThat(r.getBoolean("data.instances[0].stale")).isFalse();
        assertThat(r.getLong("data.instances[0].pid")).isEqualTo(ProcessHandle.current().pid());
        assertThat(r.getString("data.instances[0].name")).isEqualTo(registry.name());
    }

    @Test
    void anInstanceRemovedAsDeadRegistersAgainWithItsNextBeat() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM service_instance WHERE instance_id = ?")) {
            ps.setObject(1, registry.id());
            ps.executeUpdate();
        }
        assertThat(beatAt()).isNull();
        registry.beat();
        assertThat(beatAt()).isNotNull();
    }

    @Test
    void aSlotOfACronJobIsWonByOneInstanceOnly() {
        Instant slot = Instant.parse("2031-01-01T02:15:00.250Z");
        assertThat(slots.claim("test-job", slot)).as("the first instance firing the slot").isTrue();
        assertThat(slots.claim("test-job", slot.plusMillis(400))).as("another one firing it a moment later")
                .isFalse();
        assertThat(slots.claim("test-job", slot.plusSeconds(60))).as("the next slot").isTrue();
        assertThat(slots.claim("other-job", slot)).as("another job's slot").isTrue();
    }

    private OffsetDateTime beatAt() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT beat_at FROM service_instance WHERE instance_id = ?")) {
            ps.setObject(1, registry.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
            }
        }
    }
}
