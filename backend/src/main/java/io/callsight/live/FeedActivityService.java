package io.callsight.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One advertiser's feed as it moves: a watch remembers the last feed entry it has seen and the
 * delivery state of the entries it reported that are still pending, and on each poll reports new
 * entries and changed deliveries, oldest first.
 */
@ApplicationScoped
public class FeedActivityService {

    private static final Logger LOG = Logger.getLogger(FeedActivityService.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Most pending entries a watch keeps following. */
    private static final int MAX_TRACKED = 5000;

    @Inject
    AgroalDataSource dataSource;

    /** A subscriber's position in one advertiser's feed. */
    static final class Watch {
        final long id = IDS.incrementAndGet();
        final int advertiserKey;
        final MultiEmitter<? super FeedActivity> emitter;
        volatile long lastSeq;
        /** seq -> "status/attempts" of entries reported and not final yet. */
        final Map<Long, String> open = new ConcurrentHashMap<>();
        volatile boolean dirty;
        volatile boolean busy;

        Watch(int advertiserKey, MultiEmitter<? super FeedActivity> emitter, long lastSeq) {
            this.advertiserKey = advertiserKey;
            this.emitter = emitter;
            this.lastSeq = lastSeq;
        }
    }

    /** The key of the advertiser with this id; null when there is none. */
    Integer advertiserKey(String advertiserId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT advertiser_key FROM advertiser WHERE advertiser_id = ?")) {
            ps.setString(1, advertiserId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the advertiser: " + e.getMessage(), e);
        }
    }

    /**
     * A watch of the entries made since the subscription was asked for ({@code since}, less a margin
     * for transactions in flight then: a lead may be reported that entered just before); earlier
     * entries are the Feed page's list.
     */
    Watch watch(int advertiserKey, java.time.Instant since, MultiEmitter<? super FeedActivity> emitter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM feed_lead WHERE advertiser_key = ? "
                        + "AND created_at < ?::timestamptz - interval '2 seconds'")) {
            ps.setInt(1, advertiserKey);
            ps.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Watch(advertiserKey, emitter, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the feed: " + e.getMessage(), e);
        }
    }

    /** Reports what changed since the last poll. */
    void poll(Watch w) {
        try {
            for (FeedActivity a : changes(w)) {
                w.emitter.emit(a);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Feed activity of advertiser %d: %s", w.advertiserKey, e.getMessage());
            w.dirty = true;
        } finally {
            w.busy = false;
        }
    }

    private List<FeedActivity> changes(Watch w) throws SQLException {
        List<FeedActivity> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT f.seq, a.advertiser_id, l.lead_id, f.call_id, cp.campaign_id, f.verified_at, f.status, f.attempts, "
                        + "f.delivered_at, f.last_http_status, f.created_at FROM feed_lead f "
                        + "JOIN advertiser a ON a.advertiser_key = f.advertiser_key JOIN lead l ON l.lead_key = f.lead_key "
                        + "JOIN campaign cp ON cp.campaign_key = f.campaign_key "
                        + "WHERE f.advertiser_key = ? AND NOT f.held AND (f.seq > ? OR f.seq = ANY(?)) ORDER BY f.seq LIMIT 1000")) {
            ps.setInt(1, w.advertiserKey);
            ps.setLong(2, w.lastSeq);
            ps.setArray(3, c.createArrayOf("bigint", w.open.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String status = rs.getString(7);
                    int attempts = rs.getInt(8);
                    String state = status + "/" + attempts;
                    boolean isNew = seq > w.lastSeq;
                    if (!isNew && state.equals(w.open.get(seq))) {
                        continue;
                    }
                    if ("PENDING".equals(status) && w.open.size() < MAX_TRACKED) {
                        w.open.put(seq, state);
                    } else {
                        w.open.remove(seq);
                    }
                    if (isNew) {
                        w.lastSeq = seq;
                    }
                    OffsetDateTime delivered = rs.getObject(9, OffsetDateTime.class);
                    Integer http = (Integer) rs.getObject(10);
                    OffsetDateTime changed = delivered != null ? delivered
                            : isNew ? rs.getObject(11, OffsetDateTime.class) : OffsetDateTime.now(ZoneOffset.UTC);
                    out.add(new FeedActivity(rs.getString(2), seq, rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class), status, attempts, delivered, http, changed));
                }
            }
        }
        if (out.size() == 1000) {
            w.dirty = true; // more to report
        }
        return out;
    }
}
