package io.callsight.calls;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.Cursors;
import io.callsight.common.FileBatches;
import io.callsight.common.NotFoundException;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.Page;
import io.callsight.common.PageInfo;

/** Reads ingest batches and their rejects. */
@ApplicationScoped
public class IngestBatchService {

    private static final String BATCH_COLUMNS = "batch_id, source, file_name, checksum_sha256, time_zone, status, "
            + "rows_read, accepted, rejected, duplicates, ignored_columns, same_file_as_batch_id, error, started_at, "
            + "finished_at, kind";

    /** The kinds of ingest_batch (its check constraint). */
    static final Set<String> KINDS = Set.of("calls", "events", "leads", "service-metrics",
            "inbound-calls", "agent-kpis");

    @Inject
    AgroalDataSource dataSource;

    /** Batches, newest first; of one kind when {@code kind} is given. */
    public IngestBatchConnection batches(Integer first, String after, String kind) {
        if (kind != null && !KINDS.contains(kind)) {
            throw new BadInputException("kind must be one of " + new TreeSet<>(KINDS) + " (was '" + kind + "')");
        }
        int size = Cursors.pageSize(first);
        long before = Cursors.decodeLong("batch", after, Long.MAX_VALUE);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM ingest_batch "
                        + "WHERE batch_id < ? AND (?::text IS NULL OR kind = ?) ORDER BY batch_id DESC LIMIT ?")) {
            ps.setLong(1, before);
            ps.setString(2, kind);
            ps.setString(3, kind);
            ps.setInt(4, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
                Page<IngestBatchConnection.Edge> page = Page.read(rs, size, r -> {
                    IngestBatch b = map(r);
                    return new IngestBatchConnection.Edge(Cursors.encode("batch", Long.toString(b.id())), b);
                });
                return new IngestBatchConnection(page.edges(), page.pageInfo(IngestBatchConnection.Edge::cursor));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public IngestBatch batch(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM ingest_batch "
                        + "WHERE batch_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("Ingest batch " + id + " does not exist");
                }
                return map(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The personal data found in one batch, by column and kind (examples masked). */
    public List<PersonalDataFinding> personalData(long batchId) {
        try (Connection c = dataSource.getConnection()) {
            return FileBatches.personalData(c, batchId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rejects of one batch in line order. */
    public IngestRejectConnection rejects(long batchId, Integer first, String after) {
        int size = Cursors.pageSize(first);
        int offset = Cursors.offset("reject", after);
        try (Connection c = dataSource.getConnection()) {
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ingest_reject WHERE batch_id = ?")) {
                ps.setLong(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            List<IngestRejectConnection.Edge> edges = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT line, call_id, field, value, reason, raw_row "
                    + "FROM ingest_reject WHERE batch_id = ? ORDER BY line OFFSET ? LIMIT ?")) {
                ps.setLong(1, batchId);
                ps.setInt(2, offset);
                ps.setInt(3, size);
                try (ResultSet rs = ps.executeQuery()) {
                    int i = offset;
                    while (rs.next()) {
                        edges.add(new IngestRejectConnection.Edge(Cursors.encode("reject", Integer.toString(i++)),
                                new IngestReject(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                        rs.getString(5), rs.getString(6))));
                    }
                }
            }
            String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
            return new IngestRejectConnection(edges, new PageInfo(offset + edges.size() < total, end), total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IngestBatch map(ResultSet rs) throws SQLException {
        Array ignored = rs.getArray(11);
        Long sameFile = rs.getObject(12) == null ? null : rs.getLong(12);
        return new IngestBatch(rs.getLong(1), rs.getString(16), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                ignored == null ? List.of() : Arrays.asList((String[]) ignored.getArray()), sameFile,
                rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class));
    }
}
