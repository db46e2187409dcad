package io.callsight.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit log (ARCHITECTURE §7): every change by an admin. Written on its own connection, so an
 * entry stays even when the change it records fails afterwards (it then says so in its outcome).
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** Records an action; detail is any JSON-serialisable value (secrets must be left out by the caller). */
    public void record(String actor, String actorRole, String action, String target, Object detail, String outcome) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, actor_role, action, target, "
                        + "detail, outcome) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, actorRole);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail == null ? null : json.writeValueAsString(detail));
            ps.setString(6, outcome == null ? "OK" : outcome);
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not write the audit log: " + e.getMessage(), e);
        }
    }
}
