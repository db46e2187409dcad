package io.callsight.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.List;

/**
 * Binds the parameters a query builder collected, in order: a {@code String[]} or a collection as a
 * PostgreSQL text array (for {@code = ANY(?)}), a null as a typed {@code timestamptz} null (the
 * builders' only nulls are open time-window bounds, and PostgreSQL cannot infer the type of an untyped
 * null in {@code ? IS NULL}), anything else as it is.
 */
public final class SqlParams {

    private SqlParams() {
    }

    public static void bind(Connection c, PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p == null) {
                ps.setNull(i + 1, Types.TIMESTAMP_WITH_TIMEZONE);
            } else if (p instanceof String[] a) {
                ps.setArray(i + 1, c.createArrayOf("text", a));
            } else if (p instanceof Collection<?> values) {
                ps.setArray(i + 1, c.createArrayOf("text", values.toArray()));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
