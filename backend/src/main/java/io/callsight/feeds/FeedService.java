package io.callsight.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.CsvWriter;
import io.callsight.common.Cursors;
import io.callsight.common.NotFoundException;
import io.callsight.common.Page;
import io.callsight.common.Transactions;
import io.callsight.security.AccessScope;
import io.callsight.security.CurrentUser;

/**
 * Pull side of the feed: the verified leads of an advertiser in sequence order (GraphQL pages and a
 * CSV since a sequence number), and returns. An ADVERTISER reads only its own feed, with full
 * phone numbers (the leads were delivered to it); ANALYST reads numbers masked.
 */
@ApplicationScoped
public class FeedService {

    static final int MAX_REASON = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccessScope scope;

    @Inject
    FeedAdminService advertisers;

    @Inject
    CurrentUser user;

    private static final String SELECT = "SELECT fl.seq, l.lead_id, a.advertiser_id, cp.campaign_id, cp.name, "
            + "fl.verified_at, fl.call_id, ag.agent_id, ag.name, fl.talk_seconds, fl.attempt_no, fl.phone, CASE WHEN fl.held THEN 'HELD' ELSE fl.status END, "
            + "fl.delivered_at, fl.returned_at, fl.return_reason, "
            + "fl.verified_at + a.return_window_days * interval '1 day', fl.idempotency_key::text "
            + "FROM feed_lead fl JOIN lead l ON l.lead_key = fl.lead_key "
            + "JOIN advertiser a ON a.advertiser_key = fl.advertiser_key "
            + "JOIN campaign cp ON cp.campaign_key = fl.campaign_key "
            + "LEFT JOIN agent ag ON ag.agent_key = fl.agent_key ";

    /**
     * The advertiser key whose feed the caller reads: the one it names, if it may read it; else an
     * ADVERTISER's own, and null (every feed) for ADMIN and ANALYST.
     */
    Integer feedOwner(String advertiserId) {
        if (advertiserId == null || advertiserId.isBlank()) {
            return scope.advertiserKey();
        }
        return advertisers.readable(advertiserId).key();
    }

    public VerifiedLeadConnection verifiedLeads(String advertiserId, Integer first, String after, boolean newestFirst) {
        int size = Cursors.pageSize(first);
        String kind = newestFirst ? "feedNewest" : "feed";
        long since = Cursors.decodeLong(kind, after, newestFirst ? Long.MAX_VALUE : 0);
        Integer owner = feedOwner(advertiserId);
        try (Connection c = dataSource.getConnection()) {
            String sql = SELECT + "WHERE fl.seq " + (newestFirst ? "<" : ">") + " ?"
                    + (owner != null ? " AND fl.advertiser_key = ?" : "") + (scope.advertiserKey() != null ? " AND NOT fl.held" : "")
                    + " ORDER BY fl.seq" + (newestFirst ? " DESC" : "") + " LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, since);
                if (owner != null) {
                    ps.setInt(i++, owner);
                }
                ps.setInt(i, size + 1);
                boolean fullNumbers = scope.fullNumbers() || scope.advertiserKey() != null;
                try (ResultSet rs = ps.executeQuery()) {
                    Page<VerifiedLeadEdge> page = Page.read(rs, size, r -> {
                        VerifiedLead lead = map(r, fullNumbers);
                        return new VerifiedLeadEdge(Cursors.encode(kind, lead.seq().toString()), lead);
                    });
                    return new VerifiedLeadConnection(page.edges(), page.pageInfo(VerifiedLeadEdge::cursor));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Feed query failed: " + e.getMessage(), e);
        }
    }

    /** Returns a lead: its advertiser (or an ADMIN), within the return window, once, with a reason. */
    public VerifiedLead returnLead(long seq, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("reason: say why the lead is returned");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw new BadInputException("reason: at most " + MAX_REASON + " characters");
        }
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                markReturned(tx, seq, reason.strip());
                return null;
            });
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE fl.seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return map(rs, scope.fullNumbers() || scope.advertiserKey() != null);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not return the lead: " + e.getMessage(), e);
        }
    }

    /** Marks the lead returned once it is locked and found returnable by this caller. */
    private void markReturned(Connection c, long seq, String reason) throws SQLException {
        Integer own = scope.advertiserKey();
        OffsetDateTime returnedAt;
        OffsetDateTime until;
        try (PreparedStatement ps = c.prepareStatement("SELECT fl.returned_at, fl.verified_at + "
                + "a.return_window_days * interval '1 day' FROM feed_lead fl JOIN advertiser a "
                + "ON a.advertiser_key = fl.advertiser_key WHERE fl.seq = ?"
                + (own != null ? " AND fl.advertiser_key = ? AND NOT fl.held" : "") + " FOR UPDATE OF fl")) {
            ps.setLong(1, seq);
            if (own != null) {
                ps.setInt(2, own);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    // another advertiser's lead reads as absent: its existence is not disclosed
                    throw new NotFoundException("Lead " + seq + " is not in your feed");
                }
                returnedAt = rs.getObject(1, OffsetDateTime.class);
                until = rs.getObject(2, OffsetDateTime.class);
            }
        }
        if (returnedAt != null) {
            throw new BadInputException("Lead " + seq + " was already returned on "
                    + returnedAt.withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (OffsetDateTime.now().isAfter(until)) {
            throw new BadInputException("Lead " + seq + " can no longer be returned: its return window ended "
                    + until.withOffsetSameInstant(ZoneOffset.UTC));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE feed_lead SET returned_at = now(), "
                + "return_reason = ?, returned_by = ? WHERE seq = ?")) {
            ps.setString(1, reason);
            ps.setString(2, user.name());
            ps.setLong(3, seq);
            ps.executeUpdate();
        }
    }

    static final String[] CSV_HEADER = { "seq", "lead_id", "advertiser_id", "campaign_id", "campaign_name",
        "verified_at", "call_id", "agent_id", "agent_name", "talk_seconds", "attempt", "phone", "delivery_status",
        "delivered_at", "returned_at", "return_reason", "returnable_until", "idempotency_key" };

    /** Whose feed an export reads and whether it shows numbers in full; decided in the request. */
    public record CsvRequest(Integer owner, boolean fullNumbers, boolean withoutHeld) {
    }

    /** Checks the export's parameters before the response starts (errors then get a proper status). */
    public CsvRequest csvRequest(String advertiserId) {
        return new CsvRequest(feedOwner(advertiserId), scope.fullNumbers() || scope.advertiserKey() != null,
                scope.advertiserKey() != null);
    }

    /** Writes the feed after {@code since} as CSV ({@link CsvWriter}: BOM, formula guard), streamed in sequence order. */
    public void writeCsv(CsvRequest request, long since, OutputStream out) throws IOException {
        Integer owner = request.owner();
        boolean full = request.fullNumbers();
        try (Connection c = dataSource.getConnection(); CsvWriter csv = CsvWriter.open(out, CSV_HEADER)) {
            // in a transaction so that the driver streams with a fetch size
            Transactions.inTransaction(c, tx -> {
                writeRows(tx, owner, since, full, request.withoutHeld(), csv);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Feed export failed: " + e.getMessage(), e);
        }
    }

    private void writeRows(Connection c, Integer owner, long since, boolean full, boolean withoutHeld, CsvWriter csv)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE fl.seq > ?"
                + (owner != null ? " AND fl.advertiser_key = ?" : "") + (withoutHeld ? " AND NOT fl.held" : "")
                + " ORDER BY fl.seq")) {
            ps.setFetchSize(2000);
            ps.setLong(1, since);
            if (owner != null) {
                ps.setInt(2, owner);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    VerifiedLead l = map(rs, full);
                    csv.row(l.seq(), l.leadId(), l.advertiserId(), l.campaignId(), l.campaignName(),
                        l.verifiedAt(), l.callId(), l.agentId(), l.agentName(), l.talkSeconds(), l.attempt(),
                        l.phone(), l.deliveryStatus(), l.deliveredAt(), l.returnedAt(), l.returnReason(),
                        l.returnableUntil(), l.idempotencyKey());
                }
            }
        }
    }

    static long seqOf(String value, String field) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(field + ": expected a feed sequence number (0 or more), got '" + value + "'");
        }
    }

    private static VerifiedLead map(ResultSet rs, boolean fullNumbers) throws SQLException {
        String phone = rs.getString(12);
        Number attempt = (Number) rs.getObject(11);
        return new VerifiedLead(BigInteger.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), utc(rs.getObject(6, OffsetDateTime.class)), rs.getString(7), rs.getString(8),
                rs.getString(9), (Double) rs.getObject(10), attempt == null ? null : attempt.intValue(),
                fullNumbers ? phone : AccessScope.mask(phone), rs.getString(13),
                utc(rs.getObject(14, OffsetDateTime.class)), utc(rs.getObject(15, OffsetDateTime.class)),
                rs.getString(16), utc(rs.getObject(17, OffsetDateTime.class)), rs.getString(18));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
