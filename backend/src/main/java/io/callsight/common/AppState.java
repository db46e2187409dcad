package io.callsight.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code app_state} key/value rows the service keeps about itself (which time zone the rollups were
 * cut in, the token signing secret, which demo data was generated). The one place that reads and
 * writes that table; callers pass the connection, so a write can join their transaction.
 */
public final class AppState {

    private AppState() {
    }

    /** The value stored under {@code key}, or null. */
    public static String get(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM app_state WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Stores {@code value} under {@code key}, replacing what was there. */
    public static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_state (key, value, updated_at) "
                + "VALUES (?, ?, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /**
     * The value under {@code key}; when there is none yet, {@code value} is stored first. Concurrent
     * callers (several instances starting at once) all get the one value that won.
     */
    public static String putIfAbsent(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
        return get(c, key);
    }
}
