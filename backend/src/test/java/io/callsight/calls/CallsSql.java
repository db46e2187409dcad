package io.callsight.calls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.callsight.common.ConsistencyCheck;

/** SQL helpers of the call tests: a query's first column as strings, and the rollup checks that fail. */
final class CallsSql {

    private CallsSql() {
    }

    /** The first column of every row of {@code sql}, as text. */
    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The rollup checks (every rollup against the fact) that find a mismatch, with their examples; none when clean. */
    static List<String> inconsistentRollups(RollupConsistency consistency, Connection c) throws SQLException {
        List<String> failed = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (ConsistencyCheck check : consistency.check(c)) {
                if (check.mismatches() != 0) {
                    failed.add(check.name() + ": " + check.examples());
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return failed;
    }
}
