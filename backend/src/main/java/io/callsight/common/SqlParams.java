package io.callsight.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding the parameters collected while building a filtered query: String[] as a text array, the rest as they are. */
public final class SqlParams {

    private SqlParams() {
    }

    public static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] a) {
                ps.setArray(i + 1, c.createArrayOf("text", a));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
