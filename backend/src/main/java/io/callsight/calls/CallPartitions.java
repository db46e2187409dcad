package io.callsight.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * The monthly partitions of the call fact (UTC months of dial time, {@code call_pYYYY_MM}; migration
 * V054). A batch's months are made inside its own transaction just before its insert
 * ({@link #ensureForStaged}), so a call of any month finds its partition and a rolled-back batch leaves
 * none behind; the coming months are made ahead every hour (and at start) so that the live floor's
 * inserts never make one. The database function {@code call_partitions_ensure} does the work under an
 * advisory lock: any number of instances may call it at once.
 */
@ApplicationScoped
public class CallPartitions {

    private static final Logger LOG = Logger.getLogger(CallPartitions.class);

    /** How many months after the current one are kept ready. */
    static final int MONTHS_AHEAD = 3;

    @Inject
    AgroalDataSource dataSource;

    /** A month of the fact: its partition's name and its range of dial times [from, to). */
    public record Partition(String name, Instant from, Instant to, long rows) {
    }

    /** Makes the partitions for the dial times of the accepted staged calls (caller's transaction). */
    static void ensureForStaged(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT call_partitions_ensure(min(dial_time), max(dial_time)) FROM stage_call WHERE ok");
        }
    }

    /** Makes the partitions from last month to {@value #MONTHS_AHEAD} months ahead; returns how many were made. */
    public int ensureAhead() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT call_partitions_ensure(?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            ps.setObject(1, now.minusMonths(1));
            ps.setObject(2, now.plusMonths(MONTHS_AHEAD));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the call fact's coming partitions: " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "call-partitions-ahead",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAhead() {
        try {
            int made = ensureAhead();
            if (made > 0) {
                LOG.infof("Made %d partition(s) of the call fact ahead", made);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not make the call fact's coming partitions: %s", e.getMessage());
        }
    }

    /** Every partition of the fact, oldest first, with its estimated row count (planner statistics). */
    public List<Partition> list(Connection c) throws SQLException {
        List<Partition> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT p.relname, p.reltuples::bigint, "
                        + "pg_get_expr(p.relpartbound, p.oid) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid "
                        + "WHERE i.inhparent = 'call'::regclass ORDER BY p.relname")) {
            while (rs.next()) {
                Instant[] range = bounds(rs.getString(3));
                out.add(new Partition(rs.getString(1), range[0], range[1], Math.max(0, rs.getLong(2))));
            }
        }
        return out;
    }

    /** The bounds of {@code FOR VALUES FROM ('…') TO ('…')}, as PostgreSQL prints them (in the session's zone). */
    static Instant[] bounds(String expr) {
        String[] quoted = expr.split("'");
        if (quoted.length < 4) {
            throw new IllegalStateException("Unexpected partition bound: " + expr);
        }
        return new Instant[] {parse(quoted[1]), parse(quoted[3])};
    }

    private static Instant parse(String pgTimestamp) {
        // 2026-11-01 00:00:00+00 -> ISO
        String iso = pgTimestamp.replace(' ', 'T');
        if (iso.matches(".*[+-]\\d\\d$")) {
            iso = iso + ":00";
        }
        return OffsetDateTime.parse(iso).toInstant();
    }
}
