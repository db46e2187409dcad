package io.callsight.feeds;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.Cursors;
import io.callsight.common.LiveSignals;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;
import io.callsight.common.Transactions;
import io.callsight.security.AccessScope;
import io.callsight.security.CurrentUser;

/**
 * The feed hold: a lead whose verifying call broke a calling rule stays in the outbox ({@code feed_lead.held})
 * but is neither delivered nor shown to its advertiser until an ADMIN releases it ({@code feed_hold} keeps
 * who, when and why). A released lead is never held again for the same entry.
 */
@ApplicationScoped
public class FeedHolds {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccessScope scope;

    @Inject
    CurrentUser user;

    @Inject
    FeedDeliveryWorker worker;

    /**
     * Holds the still undelivered feed entries verified by the given calls (call key to the reason), on the
     * caller's transaction (the one that stored the calls, so the worker never sees them unheld); returns how
     * many were held now.
     */
    public int holdVerifiedBy(Connection c, Map<Long, String> reasonsByCallKey) throws SQLException {
        if (reasonsByCallKey.isEmpty()) {
            return 0;
        }
        Long[] keys = reasonsByCallKey.keySet().toArray(new Long[0]);
        String[] reasons = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reasons[i] = reasonsByCallKey.get(keys[i]);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH h AS (
                    UPDATE feed_lead f SET held = true FROM unnest(?::bigint[], ?::text[]) AS x(call_key, reason)
                    WHERE f.call_key = x.call_key AND f.status = 'PENDING' AND NOT f.held AND f.claimed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM feed_hold fh WHERE fh.seq = f.seq)
                    RETURNING f.seq, x.reason)
                INSERT INTO feed_hold (seq, reason) SELECT seq, reason FROM h""")) {
            ps.setArray(1, c.createArrayOf("bigint", keys));
            ps.setArray(2, c.createArrayOf("text", reasons));
            return ps.executeUpdate();
        }
    }

    private static final String SELECT = "SELECT fl.seq, l.lead_id, a.advertiser_id, cp.campaign_id, fl.call_id, "
            + "fl.verified_at, fl.phone, h.reason, h.held_at, h.released_at, h.released_by, h.release_reason "
            + "FROM feed_hold h JOIN feed_lead fl ON fl.seq = h.seq JOIN lead l ON l.lead_key = fl.lead_key "
            + "JOIN advertiser a ON a.advertiser_key = fl.advertiser_key "
            + "JOIN campaign cp ON cp.campaign_key = fl.campaign_key ";

    /** Held leads (with {@code released}, also those released), newest hold first, keyset-paged on seq. */
    public HeldLeadConnection heldLeads(boolean released, Integer first, String after) {
        int size = Cursors.pageSize(first);
        long before = Cursors.decodeLong("held", after, Long.MAX_VALUE);
        String sql = SELECT + "WHERE h.seq < ?" + (released ? "" : " AND h.released_at IS NULL")
                + " ORDER BY h.seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before);
            ps.setInt(2, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                Page<HeldLeadEdge> page = Page.read(rs, size, r -> {
                    HeldLead lead = map(r);
                    return new HeldLeadEdge(Cursors.encode("held", lead.seq().toString()), lead);
                });
                return new HeldLeadConnection(page.edges(), page.pageInfo(HeldLeadEdge::cursor));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the held leads: " + e.getMessage(), e);
        }
    }

    /**
     * Releases a held lead with a reason: delivered from now on (due at once) and visible to its advertiser.
     * The release is kept on the hold row; the mutation that calls this is written to the audit log.
     */
    public HeldLead release(long seq, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("reason: say why the lead may be delivered despite the violation");
        }
        if (reason.strip().length() > FeedService.MAX_REASON) {
            throw new BadInputException("reason: at most " + FeedService.MAX_REASON + " characters");
        }
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("UPDATE feed_hold SET released_at = now(), "
                        + "released_by = ?, release_reason = ? WHERE seq = ? AND released_at IS NULL")) {
                    ps.setString(1, user.name());
                    ps.setString(2, reason.strip());
                    ps.setLong(3, seq);
                    if (ps.executeUpdate() == 0) {
                        throw new NotFoundException("Lead " + seq + " is not held (never held, or already released)");
                    }
                }
                try (PreparedStatement ps = tx.prepareStatement("UPDATE feed_lead SET held = false, "
                        + "next_attempt_at = now() WHERE seq = ?")) {
                    ps.setLong(1, seq);
                    ps.executeUpdate();
                }
                LiveSignals.notify(tx, LiveSignals.FEED);
                return null;
            });
            worker.wake(); // other instances find it by their poll
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE h.seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return map(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release lead " + seq + ": " + e.getMessage(), e);
        }
    }

    private HeldLead map(ResultSet rs) throws SQLException {
        String phone = rs.getString(7);
        return new HeldLead(BigInteger.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), utc(rs.getObject(6, OffsetDateTime.class)),
                scope.fullNumbers() ? phone : AccessScope.mask(phone), rs.getString(8),
                utc(rs.getObject(9, OffsetDateTime.class)), utc(rs.getObject(10, OffsetDateTime.class)), rs.getString(11),
                rs.getString(12));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
