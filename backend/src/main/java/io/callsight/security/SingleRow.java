package io.callsight.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.callsight.common.NotFoundException;

/** Reads one row by its numeric id (users, API keys); a missing row is a NOT_FOUND with the caller's message. */
final class SingleRow {

    private SingleRow() {
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} (one parameter: the id) and maps its row. */
    static <T> T byId(Connection c, String sql, long id, Mapper<T> mapper, String missing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException(missing);
                }
                return mapper.map(rs);
            }
        }
    }
}
