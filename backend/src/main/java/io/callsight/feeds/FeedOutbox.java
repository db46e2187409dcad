package io.callsight.feeds;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/**
 * The delivery side of the feed outbox ({@code feed_lead}) in short transactions: claim a batch
 * (leased), record its outcome, log attempts. No transaction here is ever open during an HTTP call.
 */
@ApplicationScoped
public class FeedOutbox {

    public enum ClaimState {
        /** Leads were claimed. */
        CLAIMED,
        /** Nothing due. */
        IDLE,
        /** No webhook, or it is disabled. */
        DISABLED,
        OUTSIDE_HOURS,
        CAP_REACHED,
        /** Another worker is claiming for this advertiser right now. */
        BUSY
    }

    /** One lead as it is sent. */
    public record ClaimedLead(long seq, UUID idempotencyKey, String leadId, String campaignId, OffsetDateTime verifiedAt,
            String callId, String agentId, Double talkSeconds, Integer attemptNo, String phone, int deliveryAttempt) {
    }

    public record Claim(ClaimState state, WebhookTarget target, UUID batchId, List<ClaimedLead> leads) {
        static Claim none(ClaimState state, WebhookTarget target) {
            return new Claim(state, target, null, List.of());
        }

        public long[] seqs() {
            return leads.stream().mapToLong(ClaimedLead::seq).toArray();
        }

        public int maxDeliveryAttempt() {
            return leads.stream().mapToInt(ClaimedLead::deliveryAttempt).max().orElse(1);
        }
    }

    private static final String TARGET_SQL = "SELECT w.advertiser_key, a.advertiser_id, w.url, w.secret, w.enabled, "
            + "w.delivery_start_hour, w.delivery_end_hour, w.daily_cap, w.batch_size, w.max_age_hours, a.time_zone "
            + "FROM advertiser_webhook w JOIN advertiser a ON a.advertiser_key = w.advertiser_key "
            + "WHERE w.advertiser_key = ?";

    private static final String USED_TODAY_SQL = "SELECT (SELECT count(*) FROM feed_lead WHERE advertiser_key = ? "
            + "AND status = 'DELIVERED' AND delivered_at >= ?) + (SELECT count(*) FROM feed_lead WHERE advertiser_key = ? "
            + "AND status = 'PENDING' AND claimed_at IS NOT NULL AND next_attempt_at > ?)";

    private static final String CLAIM_SQL = """
            WITH picked AS (
                SELECT seq FROM feed_lead
                WHERE advertiser_key = ? AND status = 'PENDING' AND next_attempt_at <= ? AND NOT held
                ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE feed_lead f SET attempts = f.attempts + 1, next_attempt_at = ?, last_batch_id = ?, claimed_at = ?
                FROM picked WHERE f.seq = picked.seq
                RETURNING f.seq, f.idempotency_key, f.lead_key, f.campaign_key, f.agent_key, f.verified_at, f.call_id,
                          f.talk_seconds, f.attempt_no, f.phone, f.attempts
            )
            SELECT c.seq, c.idempotency_key, l.lead_id, cp.campaign_id, c.verified_at, c.call_id, ag.agent_id,
                   c.talk_seconds, c.attempt_no, c.phone, c.attempts
            FROM claimed c
            LEFT JOIN lead l ON l.lead_key = c.lead_key
            LEFT JOIN campaign cp ON cp.campaign_key = c.campaign_key
            LEFT JOIN agent ag ON ag.agent_key = c.agent_key
            ORDER BY c.seq""";

    private static final String INSERT_ATTEMPT_SQL = "INSERT INTO webhook_attempt (advertiser_key, batch_id, "
            + "attempted_at, lead_count, seqs, http_status, outcome, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    /** Advertisers with an enabled webhook and at least one lead due at {@code now}. */
    @Transactional
    public List<Integer> dueAdvertisers(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT w.advertiser_key FROM advertiser_webhook w "
                        + "WHERE w.enabled AND EXISTS (SELECT 1 FROM feed_lead f WHERE f.advertiser_key = w.advertiser_key "
                        + "AND f.status = 'PENDING' AND f.next_attempt_at <= ? AND NOT f.held) ORDER BY w.advertiser_key")) {
            ps.setObject(1, utc(now));
            List<Integer> keys = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getInt(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the advertisers with leads to deliver: " + e.getMessage(), e);
        }
    }

    /** The webhook of an advertiser, null when it has none. */
    @Transactional
    public WebhookTarget target(int advertiserKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(TARGET_SQL)) {
            ps.setInt(1, advertiserKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? target(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the webhook of advertiser " + advertiserKey + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Claims the next batch of an advertiser: within its delivery hours and daily cap, up to
     * batch_size due PENDING leads in seq order, leased until {@code now + lease} (attempts + 1,
     * last_batch_id = the new batch id). The webhook row is locked (SKIP LOCKED) for the claim, so
     * concurrent workers never count the cap twice.
     */
    @Transactional
    public Claim claim(int advertiserKey, Instant now, Duration lease) {
        try (Connection c = dataSource.getConnection()) {
            WebhookTarget t;
            try (PreparedStatement ps = c.prepareStatement(TARGET_SQL + " FOR NO KEY UPDATE OF w SKIP LOCKED")) {
                ps.setInt(1, advertiserKey);
                try (ResultSet rs = ps.executeQuery()) {
                    t = rs.next() ? target(rs) : null;
                }
            }
            if (t == null) {
                return Claim.none(ClaimState.BUSY, null);
            }
            if (!t.enabled()) {
                return Claim.none(ClaimState.DISABLED, t);
            }
            if (!t.inDeliveryHours(now)) {
                return Claim.none(ClaimState.OUTSIDE_HOURS, t);
            }
            int limit = t.batchSize();
            if (t.dailyCap() != null) {
                long used = usedToday(c, t, now);
                if (used >= t.dailyCap()) {
                    return Claim.none(ClaimState.CAP_REACHED, t);
                }
                limit = (int) Math.min(limit, t.dailyCap() - used);
            }
            UUID batchId = UUID.randomUUID();
            List<ClaimedLead> leads = new ArrayList<>(limit);
            try (PreparedStatement ps = c.prepareStatement(CLAIM_SQL)) {
                ps.setInt(1, advertiserKey);
                ps.setObject(2, utc(now));
                ps.setInt(3, limit);
                ps.setObject(4, utc(now.plus(lease)));
                ps.setObject(5, batchId);
                ps.setObject(6, utc(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        leads.add(new ClaimedLead(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7),
                                (Double) rs.getObject(8), rs.getObject(9) == null ? null : rs.getInt(9), rs.getString(10),
                                rs.getInt(11)));
                    }
                }
            }
            return leads.isEmpty() ? Claim.none(ClaimState.IDLE, t) : new Claim(ClaimState.CLAIMED, t, batchId, leads);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim leads of advertiser " + advertiserKey + ": "
                    + e.getMessage(), e);
        }
    }

    /** Leads DELIVERED since the advertiser's midnight plus leads being sent (claimed, lease running). */
    @Transactional
    public long usedToday(WebhookTarget t, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            return usedToday(c, t, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count today's deliveries: " + e.getMessage(), e);
        }
    }

    private static long usedToday(Connection c, WebhookTarget t, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(USED_TODAY_SQL)) {
            ps.setInt(1, t.advertiserKey());
            ps.setObject(2, utc(t.localMidnight(now)));
            ps.setInt(3, t.advertiserKey());
            ps.setObject(4, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Records the outcome of a claimed batch and logs the attempt, in one statement. DELIVERED marks
     * the batch's still-PENDING leads (whichever claim they are in now: the receiver has them);
     * REJECTED and FAILED touch only leads still claimed by this batch. A FAILED lead older than the
     * webhook's max age goes DEAD, the others wait {@code retryAt}.
     */
    @Transactional
    public void record(Claim claim, WebhookSender.Result result, Instant attemptedAt, Instant now, Instant retryAt) {
        WebhookTarget t = claim.target();
        String update = switch (result.outcome()) {
            case DELIVERED -> "UPDATE feed_lead SET status = 'DELIVERED', delivered_at = ?, last_http_status = ?, "
                    + "last_error = NULL, claimed_at = NULL WHERE seq = ANY(?) AND status = 'PENDING'";
            case REJECTED -> "UPDATE feed_lead SET status = 'REJECTED', last_http_status = ?, last_error = ?, "
                    + "claimed_at = NULL WHERE seq = ANY(?) AND status = 'PENDING' AND last_batch_id = ?";
            case FAILED -> "UPDATE feed_lead SET status = CASE WHEN created_at <= ? THEN 'DEAD' ELSE 'PENDING' END, "
                    + "last_error = CASE WHEN created_at <= ? THEN ? ELSE ? END, next_attempt_at = ?, "
                    + "last_http_status = ?, claimed_at = NULL WHERE seq = ANY(?) AND status = 'PENDING' AND last_batch_id = ?";
        };
        String sql = "WITH u AS (" + update + ") " + INSERT_ATTEMPT_SQL;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array seqs = c.createArrayOf("bigint", boxed(claim.seqs()));
            int i = 1;
            switch (result.outcome()) {
                case DELIVERED -> {
                    ps.setObject(i++, utc(now));
                    setInt(ps, i++, result.httpStatus());
                    ps.setArray(i++, seqs);
                }
                case REJECTED -> {
                    setInt(ps, i++, result.httpStatus());
                    ps.setString(i++, result.error());
                    ps.setArray(i++, seqs);
                    ps.setObject(i++, claim.batchId());
                }
                case FAILED -> {
                    OffsetDateTime deadBefore = utc(now.minusMillis((long) (t.maxAgeHours() * 3_600_000d)));
                    ps.setObject(i++, deadBefore);
                    ps.setObject(i++, deadBefore);
                    ps.setString(i++, result.error() + "; gave up: the lead is older than the webhook's max age ("
                            + t.maxAgeHours() + " h)");
                    ps.setString(i++, result.error());
                    ps.setObject(i++, utc(retryAt));
                    setInt(ps, i++, result.httpStatus());
                    ps.setArray(i++, seqs);
                    ps.setObject(i++, claim.batchId());
                }
            }
            bindAttempt(ps, i, t.advertiserKey(), claim.batchId(), attemptedAt, claim.leads().size(), seqs, result,
                    result.outcome().name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the delivery of batch " + claim.batchId() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Logs an attempt that moves no lead (a test event); returns its id. */
    @Transactional
    public long logAttempt(int advertiserKey, UUID batchId, Instant attemptedAt, WebhookSender.Result result,
            String outcome) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT_SQL + " RETURNING attempt_id")) {
            bindAttempt(ps, 1, advertiserKey, batchId, attemptedAt, 0, c.createArrayOf("bigint", new Long[0]), result,
                    outcome);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not log the webhook attempt: " + e.getMessage(), e);
        }
    }

    private static void bindAttempt(PreparedStatement ps, int from, int advertiserKey, UUID batchId,
            Instant attemptedAt, int leadCount, Array seqs, WebhookSender.Result result, String outcome)
            throws SQLException {
        int i = from;
        ps.setInt(i++, advertiserKey);
        ps.setObject(i++, batchId);
        ps.setObject(i++, utc(attemptedAt));
        ps.setInt(i++, leadCount);
        ps.setArray(i++, seqs);
        setInt(ps, i++, result.httpStatus());
        ps.setString(i++, outcome);
        ps.setString(i++, result.error());
        ps.setInt(i, result.durationMs());
    }

    static WebhookTarget target(ResultSet rs) throws SQLException {
        Integer cap = rs.getObject(8) == null ? null : rs.getInt(8);
        return new WebhookTarget(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getInt(6), rs.getInt(7), cap, rs.getInt(9), rs.getDouble(10), zone(rs.getString(11)));
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC; // set through the API, which validates; a bad value from SQL falls back to UTC
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Long[] boxed(long[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
