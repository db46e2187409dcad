package io.callsight.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.callsight.common.CsvWriter;
import io.callsight.common.Cursors;
import io.callsight.common.Page;
import io.callsight.common.ReadConnections;
import io.callsight.common.SqlParams;
import io.callsight.common.Transactions;
import io.callsight.feeds.FeedLeadSql;
import io.callsight.security.AccessScope;

/** The call list, newest first, keyset-paged on (dial_time, call_key). */
@ApplicationScoped
public class CallListService {

    /** Rows the driver holds at a time while an export streams. */
    static final int EXPORT_FETCH_SIZE = 2000;

    /** Read-only: the replica when one serves the caller (CALLSIGHT_REPLICA_URL), else the primary. */
    @Inject
    ReadConnections reads;

    @Inject
    ReportService reports;

    @Inject
    AccessScope scope;

    public CallConnection calls(CallFilter filter, Integer first, String after) {
        int size = Cursors.pageSize(first);
        Cursors.TimeKey cursor = Cursors.decodeTimeKey("call", after);
        try (Connection c = reads.connection()) {
            List<Object> params = new ArrayList<>();
            String where = where(c, filter, params);
            if (cursor != null) {
                where += (where.isEmpty() ? " WHERE " : " AND ") + "(c.dial_time, c.call_key) < (?, ?)";
                params.add(cursor.at());
                params.add(cursor.key());
            }
            return page(c, select(where) + " LIMIT " + (size + 1), params, size);
        } catch (SQLException e) {
            throw new IllegalStateException("Call list query failed: " + e.getMessage(), e);
        }
    }

    /** A call list export decided in the request (filter, scope and masking), run later by {@link #writeCsv}. */
    public record Export(ReadConnections.Choice db, String sql, List<Object> params) {
    }

    /** Checks the filter and fixes the caller's scope before the response starts (errors then get a proper status). */
    public Export export(CallFilter filter) {
        ReadConnections.Choice db = reads.choose();
        try (Connection c = db.connection()) {
            List<Object> params = new ArrayList<>();
            String where = where(c, filter, params);
            return new Export(db, select(where), params);
        } catch (SQLException e) {
            throw new IllegalStateException("Call list export failed: " + e.getMessage(), e);
        }
    }

    static final String[] CSV_HEADER = { "call_id", "lead_id", "campaign_id", "campaign_name", "advertiser_id",
        "agent_id", "agent_name", "call_status", "lead_status", "agent_call_duration", "customer_call_duration",
        "attempt_no", "dial_time", "connected", "from_number", "to_number", "lead_created_at", "updated_at", "hid",
        "ingest_batch_id" };

    /**
     * Writes every call of the export as CSV ({@link CsvWriter}: BOM, formula guard), in the call list's order, read
     * with a fetch size so that memory stays flat however many calls match.
     */
    public void writeCsv(Export export, OutputStream out) throws IOException {
        try (Connection c = export.db().connection(); CsvWriter csv = CsvWriter.open(out, CSV_HEADER)) {
            Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement(export.sql())) {
                    ps.setFetchSize(EXPORT_FETCH_SIZE);
                    SqlParams.bind(tx, ps, export.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            row(csv, edge(rs).node());
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Call list export failed: " + e.getMessage(), e);
        }
    }

    private static void row(CsvWriter csv, CallNode n) throws IOException {
        csv.row(n.callId(), n.leadId(), n.campaignId(), n.campaignName(), n.advertiserId(), n.agentId(), n.agentName(),
                n.callStatus(), n.leadStatus(), n.agentCallDuration(), n.customerCallDuration(), n.attemptNo(),
                n.dialTime(), n.connected(), n.fromNumber(), n.toNumber(), n.leadCreatedAt(), n.updatedAt(), n.hid(),
                n.ingestBatchId());
    }

    /**
     * The filter's WHERE clause with the caller's scope (an ADVERTISER sees its own calls); binds its values and
     * first the advertiser the number masking needs.
     */
    private String where(Connection c, CallFilter filter, List<Object> params) throws SQLException {
        ReportQuery.ResolvedFilter resolved = reports.resolve(c, filter);
        if (scope.advertiserKey() != null) {
            params.add(scope.advertiserKey());
        }
        return resolved.where(params);
    }

    /** The list's query, newest dial first; the last column says whether the numbers are shown in full. */
    private String select(String where) {
        // Numbers in full: ADMIN always; an ADVERTISER for the leads delivered to it; others never.
        Integer ownAdvertiser = scope.advertiserKey();
        String fullNumbers = scope.fullNumbers() ? "true" : ownAdvertiser == null ? "false"
                : FeedLeadSql.enteredFeedOf("c.lead_key");
        return "SELECT c.call_key, c.call_id, l.lead_id, cp.campaign_id, cp.name, a.advertiser_id, "
                + "ag.agent_id, ag.name, c.hid, c.call_status, c.lead_status, c.agent_call_duration_s, "
                + "c.customer_call_duration_s, c.from_number, c.to_number, c.attempt_no, c.lead_created_at, "
                + "c.updated_at, c.connected, c.dial_time, c.ingest_batch_id, " + fullNumbers + " "
                + "FROM call c JOIN lead l ON l.lead_key = c.lead_key "
                + "JOIN campaign cp ON cp.campaign_key = c.campaign_key "
                + "LEFT JOIN advertiser a ON a.advertiser_key = c.advertiser_key "
                + "LEFT JOIN agent ag ON ag.agent_key = c.agent_key" + where
                + " ORDER BY c.dial_time DESC, c.call_key DESC";
    }

    /** Binds the cursor's position (dial time, call key) after {@code params}. */
    /** Runs the list query (one row more than a page, to tell whether more follow) into a page. */
    private static CallConnection page(Connection c, String sql, List<Object> params, int size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            SqlParams.bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                Page<CallConnection.Edge> page = Page.read(rs, size, CallListService::edge);
                return new CallConnection(page.edges(), page.pageInfo(CallConnection.Edge::cursor));
            }
        }
    }

    private static CallConnection.Edge edge(ResultSet rs) throws SQLException {
        OffsetDateTime dial = rs.getObject(20, OffsetDateTime.class);
        String edgeCursor = Cursors.encode("call", dial, rs.getLong(1));
        CallNode node = new CallNode(rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), (Double) rs.getObject(12), (Double) rs.getObject(13),
                number(rs, 14), number(rs, 15), (Integer) nullableInt(rs, 16),
                rs.getObject(17, OffsetDateTime.class), rs.getObject(18, OffsetDateTime.class),
                (Boolean) rs.getObject(19), dial, (Long) rs.getObject(21));
        return new CallConnection.Edge(edgeCursor, node);
    }

    /** The number in full when the row's last column allows it, else masked. */
    private static String number(ResultSet rs, int i) throws SQLException {
        String n = rs.getString(i);
        return rs.getBoolean(22) ? n : AccessScope.mask(n);
    }

    private static Integer nullableInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    /** The newest dial time stored, or null when there are no calls: the data's "as of" time. */
    public OffsetDateTime newestDialTime() {
        try (Connection c = reads.connection();
                PreparedStatement ps = c.prepareStatement("SELECT max(dial_time) FROM call WHERE ?::int IS NULL "
                        + "OR advertiser_key = ?")) {
            ps.setObject(1, scope.advertiserKey(), Types.INTEGER);
            ps.setObject(2, scope.advertiserKey(), Types.INTEGER);
            ResultSet rs = ps.executeQuery();
            rs.next();
            var ts = rs.getObject(1, OffsetDateTime.class);
            return ts == null ? null : ts.withOffsetSameInstant(ZoneOffset.UTC);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the newest dial time", e);
        }
    }
}
