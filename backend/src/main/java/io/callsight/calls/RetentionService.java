package io.callsight.calls;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.common.BusinessTime;
import io.callsight.common.HashedNumbers;
import io.callsight.common.Transactions;
import io.quarkus.scheduler.Scheduled;

/**
 * Retention and data protection ({@link RetentionConfig}), applied by one instance at a time (advisory
 * lock) on its cron and audited in {@code audit_log} (actor {@code retention}):
 * <ul>
 * <li><b>old calls</b>: the call fact's month partitions that end before the cut-off are detached and
 * dropped in one transaction with what was derived from their calls: the day rollups of the working
 * days they touch are re-derived from the calls that remain, the lead rollup rows of their leads are
 * re-derived from those leads' remaining calls, their conversions and feed rows go. Under the ingest's
 * advisory lock, so no batch lands in between and the consistency check holds after.</li>
 * <li><b>old phone numbers</b>: the from/to numbers of calls dialled before the cut-off and the phone of
 * their feed rows become {@code sha256:<hex>} of salt + digits ({@link #HASHED_PREFIX}); a month at a
 * time, each in its own short transaction. Numbers already hashed are left as they are.</li>
 * </ul>
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private static final String HASHED_PREFIX = HashedNumbers.PREFIX;
    static final long RETENTION_LOCK = 0x5245544E4CL; // "RETNL"
    static final String SALT_KEY = "retention.phone_hash_salt";

    /** What one application did. */
    public record Outcome(List<String> droppedPartitions, long droppedCalls, long hashedCalls, long hashedFeedRows) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RetentionConfig config;

    @Inject
    BusinessTime businessTime;

    @Inject
    CallPartitions partitions;

    @Scheduled(cron = "{callsight.retention.cron}", identity = "retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.callMonths().isEmpty() && config.phoneHashDays().isEmpty()) {
            return;
        }
        try {
            apply(Instant.now());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Retention not applied: %s", e.getMessage());
        }
    }

    /**
     * Applies the configured retention as of {@code now}; null when another instance is applying it.
     */
    public Outcome apply(Instant now) {
        Instant callCutoff = config.callMonths().map(m -> callCutoff(now, m)).orElse(null);
        Instant phoneCutoff = config.phoneHashDays().map(d -> now.minusSeconds(86_400L * d)).orElse(null);
        return apply(callCutoff, phoneCutoff);
    }

    /** The first instant kept when calls are kept {@code months} whole months before the current one (UTC). */
    static Instant callCutoff(Instant now, int months) {
        if (months < 0) {
            throw new IllegalArgumentException("callsight.retention.call-months must be 0 or more, not " + months);
        }
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(months).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /**
     * Drops the partitions that end at or before {@code callCutoff} and hashes the numbers of calls dialled
     * before {@code phoneCutoff} (either may be null: not applied); null when another instance holds the lock.
     */
    public Outcome apply(Instant callCutoff, Instant phoneCutoff) {
        try (Connection c = dataSource.getConnection()) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT pg_try_advisory_lock(" + RETENTION_LOCK + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    LOG.info("Retention is being applied by another instance; skipped");
                    return null;
                }
            }
            try {
                List<String> dropped = new ArrayList<>();
                long droppedCalls = 0;
                if (callCutoff != null) {
                    for (CallPartitions.Partition p : partitions.list(c)) {
                        if (!p.to().isAfter(callCutoff)) {
                            droppedCalls += dropPartition(c, p, callCutoff);
                            dropped.add(p.name());
                        }
                    }
                }
                long[] hashed = phoneCutoff == null ? new long[2] : hashNumbers(c, phoneCutoff);
                return new Outcome(dropped, droppedCalls, hashed[0], hashed[1]);
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + RETENTION_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not apply retention: " + e.getMessage(), e);
        }
    }

    /** Drops one month with what was derived from its calls; returns its call count. */
    private long dropPartition(Connection c, CallPartitions.Partition p, Instant cutoff) throws SQLException {
        ZoneId zone = businessTime.zone();
        String part = quoteIdent(p.name());
        // the working days the month's calls fall on, and the instants those days span (a day at the
        // month's edge keeps its calls of the next month: its rollup rows are re-derived from those)
        LocalDate firstDay = p.from().atZone(zone).toLocalDate();
        LocalDate lastDay = p.to().minusNanos(1000).atZone(zone).toLocalDate();
        Timestamp daysFrom = Timestamp.from(firstDay.atStartOfDay(zone).toInstant());
        Timestamp daysTo = Timestamp.from(lastDay.plusDays(1).atStartOfDay(zone).toInstant());
        return Transactions.inTransaction(c, tx -> {
            try (Statement st = tx.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + CallStaging.INGEST_LOCK + ")");
                st.execute("SET LOCAL lock_timeout = '30s'");
                long calls;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + part)) {
                    rs.next();
                    calls = rs.getLong(1);
                }
                st.execute("CREATE TEMP TABLE retention_lead ON COMMIT DROP AS SELECT DISTINCT lead_key FROM " + part);
                long feedRows = st.executeUpdate("DELETE FROM feed_lead f USING " + part + " c WHERE f.call_key = c.call_key");
                try (PreparedStatement ps = tx.prepareStatement(
                        "DELETE FROM conversion_call WHERE dial_time >= ? AND dial_time < ?")) {
                    ps.setTimestamp(1, Timestamp.from(p.from()));
                    ps.setTimestamp(2, Timestamp.from(p.to()));
                    ps.executeUpdate();
                }
                // the calling-rule violations of the dropped calls (their feed holds went with feed_lead)
                try (PreparedStatement ps = tx.prepareStatement(
                        "DELETE FROM compliance_violation WHERE dial_time >= ? AND dial_time < ?")) {
                    ps.setTimestamp(1, Timestamp.from(p.from()));
                    ps.setTimestamp(2, Timestamp.from(p.to()));
                    ps.executeUpdate();
                }
                for (String table : new String[] {"agent_day_rollup", "status_day_rollup", "lead_day_rollup"}) {
                    try (PreparedStatement ps = tx.prepareStatement(
                            "DELETE FROM " + table + " WHERE work_day BETWEEN ? AND ?")) {
                        ps.setObject(1, firstDay);
                        ps.setObject(2, lastDay);
                        ps.executeUpdate();
                    }
                }
                st.executeUpdate("DELETE FROM lead_rollup WHERE lead_key IN (SELECT lead_key FROM retention_lead)");
                st.execute("ALTER TABLE call DETACH PARTITION " + part);
                st.execute("DROP TABLE " + part);
                // re-derive what the remaining calls of those days and leads contribute
                String days = "(SELECT * FROM call WHERE dial_time >= ? AND dial_time < ?)";
                for (String sql : new String[] {RollupMaintenance.agentDayUpsert(days),
                        RollupMaintenance.statusDayUpsert(days), RollupMaintenance.leadDayUpsert(days)}) {
                    try (PreparedStatement ps = tx.prepareStatement(sql)) {
                        ps.setString(1, zone.getId());
                        ps.setTimestamp(2, daysFrom);
                        ps.setTimestamp(3, daysTo);
                        ps.executeUpdate();
                    }
                }
                st.executeUpdate(RollupMaintenance.leadRollupUpsert(
                        "(SELECT k.* FROM call k WHERE k.lead_key IN (SELECT lead_key FROM retention_lead))"));
                audit(tx, "RETENTION_DROP_CALLS", p.name(), "{\"from\": \"" + p.from() + "\", \"to\": \"" + p.to()
                        + "\", \"cutoff\": \"" + cutoff + "\", \"calls\": " + calls + ", \"feedRows\": " + feedRows + "}");
                LOG.infof("Retention: dropped %s (%d calls, %d feed rows) before %s", p.name(), calls, feedRows, cutoff);
                return calls;
            }
        });
    }

    /** Hashes the numbers dialled before {@code cutoff}, a month at a time; returns {calls, feed rows} changed. */
    private long[] hashNumbers(Connection c, Instant cutoff) throws SQLException {
        String salt = salt(c);
        String hash = "'" + HASHED_PREFIX + "' || encode(sha256(convert_to(?::text || regexp_replace(%1$s, '[^0-9]', '', 'g'), "
                + "'UTF8')), 'hex')";
        String keep = "%1$s IS NULL OR %1$s LIKE '" + HASHED_PREFIX + "%%'";
        String callSql = "UPDATE call SET from_number = CASE WHEN " + keep.formatted("from_number") + " THEN from_number ELSE "
                + hash.formatted("from_number") + " END, to_number = CASE WHEN " + keep.formatted("to_number")
                + " THEN to_number ELSE " + hash.formatted("to_number") + " END "
                + "WHERE dial_time >= ? AND dial_time < ? AND NOT ((" + keep.formatted("from_number") + ") AND ("
                + keep.formatted("to_number") + "))";
        String feedSql = "UPDATE feed_lead SET phone = " + hash.formatted("phone") + " WHERE verified_at >= ? "
                + "AND verified_at < ? AND NOT (" + keep.formatted("phone") + ")";
        long calls = 0;
        long feed = 0;
        List<Instant[]> months = new ArrayList<>();
        for (CallPartitions.Partition p : partitions.list(c)) {
            if (p.from().isBefore(cutoff)) {
                months.add(new Instant[] {p.from(), p.to().isAfter(cutoff) ? cutoff : p.to()});
            }
        }
        for (Instant[] m : months) {
            long[] n = Transactions.inTransaction(c, tx -> {
                long[] changed = new long[2];
                try (PreparedStatement ps = tx.prepareStatement(callSql)) {
                    ps.setString(1, salt);
                    ps.setString(2, salt);
                    ps.setTimestamp(3, Timestamp.from(m[0]));
                    ps.setTimestamp(4, Timestamp.from(m[1]));
                    changed[0] = ps.executeUpdate();
                }
                try (PreparedStatement ps = tx.prepareStatement(feedSql)) {
                    ps.setString(1, salt);
                    ps.setTimestamp(2, Timestamp.from(m[0]));
                    ps.setTimestamp(3, Timestamp.from(m[1]));
                    changed[1] = ps.executeUpdate();
                }
                if (changed[0] + changed[1] > 0) {
                    audit(tx, "RETENTION_HASH_PHONES", "call numbers " + m[0] + " .. " + m[1],
                            "{\"cutoff\": \"" + cutoff + "\", \"calls\": " + changed[0] + ", \"feedRows\": " + changed[1] + "}");
                }
                return changed;
            });
            calls += n[0];
            feed += n[1];
        }
        if (calls + feed > 0) {
            LOG.infof("Retention: hashed the numbers of %d calls and %d feed rows dialled before %s", calls, feed, cutoff);
        }
        return new long[] {calls, feed};
    }

    private String salt(Connection c) throws SQLException {
        if (config.phoneHashSalt().isPresent()) {
            return config.phoneHashSalt().get();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return AppState.putIfAbsent(c, SALT_KEY, HexFormat.of().formatHex(random));
    }

    private static void audit(Connection c, String action, String target, String detailJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (actor, actor_role, action, target, detail) "
                + "VALUES ('retention', 'SYSTEM', ?, ?, ?::jsonb)")) {
            ps.setString(1, action);
            ps.setString(2, target);
            ps.setString(3, detailJson);
            ps.executeUpdate();
        }
    }

    private static String quoteIdent(String name) {
        if (!name.matches("call_p\\d{4}_\\d{2}")) {
            throw new IllegalStateException("Not a partition of the call fact: " + name);
        }
        return name;
    }
}
