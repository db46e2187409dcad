package io.callsight.feeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.Advertiser;
import io.callsight.common.BadInputException;
import io.callsight.common.Cursors;
import io.callsight.common.ForbiddenException;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;
import io.callsight.common.TimeZones;
import io.callsight.security.AccessScope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Feed settings, webhooks, the delivery log, feed status and redelivery of an advertiser. */
@ApplicationScoped
public class FeedAdminService {

    static final int MAX_REDELIVER = 10_000;
    private static final String CURSOR_KIND = "webhookAttempt";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An advertiser as the feed sees it. */
    public record AdvertiserRef(int key, String advertiserId, String timeZone, int returnWindowDays) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccessScope scope;

    @Inject
    FeedOutbox outbox;

    @Inject
    WebhookSender sender;

    @Inject
    FeedConfig config;

    @Inject
    ObjectMapper json;

    @Transactional
    public Optional<AdvertiserRef> findAdvertiser(String advertiserId) {
        if (advertiserId == null || advertiserId.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT advertiser_key, advertiser_id, time_zone, return_window_days FROM advertiser WHERE advertiser_id = ?")) {
            ps.setString(1, advertiserId.strip());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new AdvertiserRef(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw sqlFailure("read advertiser " + advertiserId, e);
        }
    }

    /**
     * The advertiser if the caller may read it: any (or NOT_FOUND) for ADMIN and ANALYST, only its
     * own for an ADVERTISER, which learns nothing of others, not even whether they exist (FORBIDDEN).
     */
    public AdvertiserRef readable(String advertiserId) {
        Integer own = scope.advertiserKey();
        if (own == null) {
            return advertiser(advertiserId);
        }
        return findAdvertiser(advertiserId).filter(a -> own == a.key())
                .orElseThrow(() -> new ForbiddenException("Advertiser '" + advertiserId
                        + "' is not yours: an advertiser sees only its own feed"));
    }

    /** The advertiser, or NOT_FOUND. */
    public AdvertiserRef advertiser(String advertiserId) {
        return findAdvertiser(advertiserId)
                .orElseThrow(() -> new NotFoundException("Advertiser '" + advertiserId + "' does not exist"));
    }

    public AdvertiserSettings settings(AdvertiserRef a) {
        WebhookTarget t = outbox.target(a.key());
        return new AdvertiserSettings(a.advertiserId(), a.timeZone(), a.returnWindowDays(), t == null ? null : view(t));
    }

    @Transactional
    public AdvertiserSettings setSettings(AdvertiserRef a, String timeZone, Integer returnWindowDays) {
        String zone = a.timeZone();
        if (timeZone != null) {
            if (timeZone.isBlank()) {
                throw new BadInputException("timeZone must not be blank (leave it out to keep " + a.timeZone() + ")");
            }
            zone = TimeZones.parse(timeZone, null).getId();
        }
        int window = a.returnWindowDays();
        if (returnWindowDays != null) {
            if (returnWindowDays < 0) {
                throw new BadInputException("returnWindowDays must be 0 or more (was " + returnWindowDays + ")");
            }
            window = returnWindowDays;
        }
        Advertiser entity = Advertiser.findById(a.key());
        entity.timeZone = zone;
        entity.returnWindowDays = window;
        entity.updatedAt = OffsetDateTime.now();
        return settings(new AdvertiserRef(a.key(), a.advertiserId(), zone, window));
    }

    /** Creates or replaces the webhook; a created one gets a new secret, returned this once. */
    @Transactional
    public WebhookUpdate setWebhook(AdvertiserRef a, WebhookInput input) {
        if (input == null) {
            throw new BadInputException("webhook is required");
        }
        String url = validUrl(input.url);
        int start = input.deliveryStartHour == null ? 0 : input.deliveryStartHour;
        int end = input.deliveryEndHour == null ? 24 : input.deliveryEndHour;
        if (start < 0 || start > 23) {
            throw new BadInputException("deliveryStartHour must be between 0 and 23 (was " + start + ")");
        }
        if (end < 1 || end > 24) {
            throw new BadInputException("deliveryEndHour must be between 1 and 24 (was " + end + ")");
        }
        if (start == end) {
            throw new BadInputException("deliveryStartHour and deliveryEndHour are both " + start
                    + ": the delivery window would be empty (use 0 and 24 for all day)");
        }
        if (input.dailyCap != null && input.dailyCap < 1) {
            throw new BadInputException("dailyCap must be 1 or more, or null for no cap (was " + input.dailyCap + ")");
        }
        int batchSize = input.batchSize == null ? 100 : input.batchSize;
        if (batchSize < 1 || batchSize > 1000) {
            throw new BadInputException("batchSize must be between 1 and 1000 (was " + batchSize + ")");
        }
        double maxAge = input.maxAgeHours == null ? 24 : input.maxAgeHours;
        if (!(maxAge > 0) || Double.isInfinite(maxAge)) {
            throw new BadInputException("maxAgeHours must be more than 0 (was " + input.maxAgeHours + ")");
        }
        String secret = newSecret();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO advertiser_webhook (advertiser_key, url, secret, enabled, delivery_start_hour,
                    delivery_end_hour, daily_cap, batch_size, max_age_hours)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (advertiser_key) DO UPDATE SET url = EXCLUDED.url, enabled = EXCLUDED.enabled,
                    delivery_start_hour = EXCLUDED.delivery_start_hour, delivery_end_hour = EXCLUDED.delivery_end_hour,
                    daily_cap = EXCLUDED.daily_cap, batch_size = EXCLUDED.batch_size,
                    max_age_hours = EXCLUDED.max_age_hours, updated_at = now()
                RETURNING (xmax = 0) AS created""")) {
            ps.setInt(1, a.key());
            ps.setString(2, url);
            ps.setString(3, secret);
            ps.setBoolean(4, Boolean.TRUE.equals(input.enabled));
            ps.setInt(5, start);
            ps.setInt(6, end);
            if (input.dailyCap == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, input.dailyCap);
            }
            ps.setInt(8, batchSize);
            ps.setDouble(9, maxAge);
            boolean created;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                created = rs.getBoolean(1);
            }
            return new WebhookUpdate(view(outbox.target(a.key())), created ? secret : null);
        } catch (SQLException e) {
            throw sqlFailure("save the webhook of advertiser " + a.advertiserId(), e);
        }
    }

    /** A new signing secret for the webhook (returned this once); deliveries from now on use it. */
    @Transactional
    public String rotateSecret(AdvertiserRef a) {
        String secret = newSecret();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE advertiser_webhook SET secret = ?, updated_at = now() WHERE advertiser_key = ?")) {
            ps.setString(1, secret);
            ps.setInt(2, a.key());
            if (ps.executeUpdate() == 0) {
                throw noWebhook(a);
            }
            return secret;
        } catch (SQLException e) {
            throw sqlFailure("rotate the webhook secret of advertiser " + a.advertiserId(), e);
        }
    }

    @Transactional
    public WebhookAttemptConnection deliveries(AdvertiserRef a, Integer first, String after) {
        int n = Cursors.pageSize(first);
        long before = Cursors.decodeLong(CURSOR_KIND, after, Long.MAX_VALUE);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT attempt_id, batch_id, attempted_at, lead_count, seqs, http_status, outcome, error, duration_ms "
                        + "FROM webhook_attempt WHERE advertiser_key = ? AND attempt_id < ? ORDER BY attempt_id DESC LIMIT ?")) {
            ps.setInt(1, a.key());
            ps.setLong(2, before);
            ps.setInt(3, n + 1);
            try (ResultSet rs = ps.executeQuery()) {
                Page<WebhookAttemptConnection.Edge> page = Page.read(rs, n, r -> {
                    WebhookAttempt w = attempt(r);
                    return new WebhookAttemptConnection.Edge(Cursors.encode(CURSOR_KIND, w.id()), w);
                });
                return new WebhookAttemptConnection(page.edges(), page.pageInfo(WebhookAttemptConnection.Edge::cursor));
            }
        } catch (SQLException e) {
            throw sqlFailure("read the webhook attempts of advertiser " + a.advertiserId(), e);
        }
    }

    @Transactional
    public FeedStatus status(AdvertiserRef a) {
        WebhookTarget t = outbox.target(a.key());
        ZoneId zone = t != null ? t.zone() : TimeZones.parse(a.timeZone(), ZoneId.of("UTC"));
        Instant now = Instant.now();
        Instant midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE status = 'DELIVERED'),
                       count(*) FILTER (WHERE status = 'REJECTED'), count(*) FILTER (WHERE status = 'DEAD'),
                       count(*) FILTER (WHERE returned_at IS NOT NULL),
                       count(*) FILTER (WHERE status = 'DELIVERED' AND delivered_at >= ?),
                       min(created_at) FILTER (WHERE status = 'PENDING')
                FROM feed_lead WHERE advertiser_key = ?""")) {
            ps.setObject(1, FeedOutbox.utc(midnight));
            ps.setInt(2, a.key());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new FeedStatus(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), t == null ? null : t.dailyCap(), rs.getObject(7, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw sqlFailure("read the feed status of advertiser " + a.advertiserId(), e);
        }
    }

    /**
     * Puts leads of the advertiser back to PENDING, due now, attempts and idempotency keys kept (the
     * receiver can tell it has them already). Seqs of other advertisers are ignored. Returns the number requeued.
     */
    @Transactional
    public int redeliver(AdvertiserRef a, List<Long> seqs) {
        if (seqs == null || seqs.isEmpty()) {
            throw new BadInputException("seqs must name at least one lead");
        }
        if (seqs.size() > MAX_REDELIVER) {
            throw new BadInputException("seqs may name at most " + MAX_REDELIVER + " leads at once (was " + seqs.size()
                    + ")");
        }
        try (Connection c = dataSource.getConnection()) {
            return requeue(c, a.key(), c.createArrayOf("bigint", seqs.toArray(new Long[0])));
        } catch (SQLException e) {
            throw sqlFailure("requeue leads of advertiser " + a.advertiserId(), e);
        }
    }

    /** Requeues every lead of a batch (as logged in the delivery log). */
    @Transactional
    public int redeliverBatch(String batchId) {
        UUID id;
        try {
            id = UUID.fromString(batchId == null ? "" : batchId.strip());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("batchId '" + batchId + "' is not a batch id (a UUID)");
        }
        try (Connection c = dataSource.getConnection()) {
            int advertiserKey;
            Array seqs;
            try (PreparedStatement ps = c.prepareStatement("SELECT min(advertiser_key), "
                    + "array(SELECT DISTINCT s FROM webhook_attempt w2, unnest(w2.seqs) s WHERE w2.batch_id = ?) "
                    + "FROM webhook_attempt WHERE batch_id = ? HAVING count(*) > 0")) {
                ps.setObject(1, id);
                ps.setObject(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("Batch " + id + " is not in the delivery log");
                    }
                    advertiserKey = rs.getInt(1);
                    seqs = rs.getArray(2);
                }
            }
            return requeue(c, advertiserKey, seqs);
        } catch (SQLException e) {
            throw sqlFailure("requeue batch " + id, e);
        }
    }

    private static int requeue(Connection c, int advertiserKey, Array seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_lead SET status = 'PENDING', next_attempt_at = now(), "
                + "claimed_at = NULL WHERE advertiser_key = ? AND seq = ANY(?)")) {
            ps.setInt(1, advertiserKey);
            ps.setArray(2, seqs);
            return ps.executeUpdate();
        }
    }

    /**
     * POSTs a signed {"type":"test"} event to the webhook now (even a disabled one) and logs it
     * with outcome TEST. No transaction is open during the call.
     */
    public WebhookAttempt sendTestEvent(AdvertiserRef a) {
        WebhookTarget t = outbox.target(a.key());
        if (t == null) {
            throw noWebhook(a);
        }
        UUID batchId = UUID.randomUUID();
        Instant at = Instant.now();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "test");
            g.writeStringField("batchId", batchId.toString());
            g.writeStringField("advertiserId", t.advertiserId());
            g.writeStringField("sentAt", at.toString());
            g.writeArrayFieldStart("leads");
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebhookSender.Result r = sender.send(t.url(), t.secret(), batchId.toString(), out.toByteArray(),
                config.requestTimeout());
        long id = outbox.logAttempt(a.key(), batchId, at, r, "TEST");
        return new WebhookAttempt(Long.toString(id), batchId.toString(), FeedOutbox.utc(at), 0, List.of(),
                r.httpStatus(), "TEST", r.error(), r.durationMs());
    }

    static String validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("url is required");
        }
        String u = url.strip();
        if (u.length() > 2000) {
            throw new BadInputException("url is too long (" + u.length() + " characters, at most 2000)");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new BadInputException("url '" + u + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadInputException("url must start with http:// or https:// (was '" + u + "')");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new BadInputException("url '" + u + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException("url must not contain user:password (it would be logged); the receiver "
                    + "authenticates deliveries by their signature");
        }
        if (uri.getRawFragment() != null) {
            throw new BadInputException("url must not have a #fragment (was '" + u + "')");
        }
        return u;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Webhook view(WebhookTarget t) {
        return new Webhook(t.url(), t.enabled(), t.deliveryStartHour(), t.deliveryEndHour(), t.dailyCap(), t.batchSize(),
                t.maxAgeHours(), Webhook.hint(t.secret()));
    }

    private static WebhookAttempt attempt(ResultSet rs) throws SQLException {
        Long[] seqs = (Long[]) rs.getArray(5).getArray();
        return new WebhookAttempt(Long.toString(rs.getLong(1)), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                rs.getInt(4), List.of(seqs), rs.getObject(6) == null ? null : rs.getInt(6), rs.getString(7),
                rs.getString(8), rs.getObject(9) == null ? null : rs.getInt(9));
    }

    private static NotFoundException noWebhook(AdvertiserRef a) {
        return new NotFoundException("Advertiser '" + a.advertiserId() + "' has no webhook (create it with setWebhook)");
    }

    private static IllegalStateException sqlFailure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
}
