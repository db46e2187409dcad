package io.callsight.instances;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * One run per slot of a cron job, whatever the number of instances: every instance's scheduler fires the
 * job at the same slot (its scheduled fire time), and only the instance that records the slot first
 * runs it. A lock held only while the job runs is not enough: an instance whose scheduler fires a moment
 * after the first run ended would run the slot again.
 */
@ApplicationScoped
public class JobSlots {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InstanceRegistry instance;

    /** True when this instance won {@code slot} of {@code job} (it must run it), false when another did. */
    public boolean claim(String job, Instant slot) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO job_slot (job, slot, instance_id) VALUES (?, ?, ?) "
                        + "ON CONFLICT (job, slot) DO NOTHING")) {
            ps.setString(1, job);
            ps.setObject(2, OffsetDateTime.ofInstant(slot.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
            ps.setObject(3, instance.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim slot " + slot + " of job " + job + ": " + e.getMessage(), e);
        }
    }
}
