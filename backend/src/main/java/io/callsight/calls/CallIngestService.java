package io.callsight.calls;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Loads call records into the call fact, one atomic batch per file: records stream through
 * validation into a COPY of a temporary staging table (memory stays flat whatever the file size),
 * then set-based SQL removes in-file duplicates, upserts the dimensions and inserts the calls that
 * are not stored yet. Rejects are kept with line, field, value and reason.
 */
@ApplicationScoped
public class CallIngestService {

    private static final Logger LOG = Logger.getLogger(CallIngestService.class);
    static final int INLINE_REJECTS = 100;
    static final int ANALYZE_AFTER_ROWS = 20_000;
    /** Advisory lock key that serialises batches (and rollup rebuilds): rollup upserts never deadlock. */
    static final long INGEST_LOCK = 0x43414C4C53L; // "CALLS"

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "callsight.reports.business-time-zone",
            defaultValue = "UTC")
    String businessTimeZone;

    /** The ingest counters exist (at 0) from the start, so a scrape before the first batch sees them. */
    @jakarta.annotation.PostConstruct
    void registerCounters() {
        for (String status : new String[] {"COMPLETED", "FAILED"}) {
            registry.counter("callsight_ingest_batches_total", "status", status);
        }
        for (String outcome : new String[] {"accepted", "rejected", "duplicate"}) {
            registry.counter("callsight_ingest_rows_total", "outcome", outcome);
        }
    }

    /** Metadata of one ingest request. */
    public record Request(String source, String fileName, String contentType, ZoneId zone) {
    }

    /**
     * Ingests every record of {@code source}. {@code checksum} is read after the source is drained
     * (the SHA-256 of the bytes it consumed).
     */
    public IngestResult ingest(Request request, CallSource source, Supplier<byte[]> checksum) {
        long batchId = openBatch(request);
        try {
            IngestResult result = load(batchId, request, source, checksum);
            count(result);
            return result;
        } catch (RuntimeException | SQLException | IOException e) {
            failBatch(batchId, e);
            registry.counter("callsight_ingest_batches_total", "status", "FAILED").increment();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IngestFailedException("Ingest batch " + batchId + " failed: " + e.getMessage(), e);
        }
    }

    /** Thrown when a batch fails for a reason other than bad rows (nothing of it is kept). */
    public static class IngestFailedException extends RuntimeException {
        IngestFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void count(IngestResult r) {
        registry.counter("callsight_ingest_batches_total", "status", r.status()).increment();
        registry.counter("callsight_ingest_rows_total", "outcome", "accepted").increment(r.accepted());
        registry.counter("callsight_ingest_rows_total", "outcome", "rejected").increment(r.rejected());
        registry.counter("callsight_ingest_rows_total", "outcome", "duplicate").increment(r.duplicates());
    }

    private long openBatch(Request request) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_batch (source, file_name, content_type, "
                        + "time_zone, status) VALUES (?, ?, ?, ?, 'RUNNING') RETURNING batch_id")) {
            ps.setString(1, request.source());
            ps.setString(2, request.fileName());
            ps.setString(3, request.contentType());
            ps.setString(4, request.zone().getId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open an ingest batch: " + e.getMessage(), e);
        }
    }

    private void failBatch(long batchId, Exception cause) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE ingest_batch SET status = 'FAILED', error = ?, finished_at = now() WHERE batch_id = ?")) {
            ps.setString(1, String.valueOf(cause.getMessage()));
            ps.setLong(2, batchId);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.errorf(e, "Could not mark batch %d as failed", batchId);
        }
    }

    /** Batches left RUNNING by a process that died mid-load; their data was rolled back. */
    public int failInterruptedBatches() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            return st.executeUpdate("UPDATE ingest_batch SET status = 'FAILED', finished_at = now(), "
                    + "error = 'interrupted: the service stopped before the batch finished; nothing of it was kept' "
                    + "WHERE status = 'RUNNING'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public StatusNormalizer loadStatusNormalizer(Connection c) throws SQLException {
        Map<String, String> call = new HashMap<>();
        Map<String, String> lead = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT kind, synonym_key, canonical FROM status_synonym")) {
            while (rs.next()) {
                ("CALL".equals(rs.getString(1)) ? call : lead).put(rs.getString(2), rs.getString(3));
            }
        }
        return new StatusNormalizer(call, lead);
    }

    private IngestResult load(long batchId, Request request, CallSource source, Supplier<byte[]> checksum)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                IngestResult result = loadInTransaction(c, batchId, request, source, checksum);
                c.commit();
                if (result.accepted() >= ANALYZE_AFTER_ROWS) {
                    // fresh planner statistics right away, not when autovacuum gets to it
                    c.setAutoCommit(true);
                    try (Statement st = c.createStatement()) {
                        st.execute("ANALYZE call, lead, lead_rollup, agent_day_rollup, status_day_rollup, conversion_call");
                    }
                }
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private IngestResult loadInTransaction(Connection c, long batchId, Request request, CallSource source,
            Supplier<byte[]> checksum) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + INGEST_LOCK + ")");
            st.execute("SET LOCAL work_mem = '128MB'");
            st.execute("CREATE TEMP TABLE stage_call (line integer NOT NULL, ok boolean NOT NULL, call_id text, "
                    + "lead_id text, campaign_id text, campaign_name text, advertiser_id text, advertiser_name text, "
                    + "agent_id text, agent_name text, agent_team text, hid text, call_status text, lead_status text, "
                    + "agent_s double precision, cust_s double precision, from_number text, to_number text, "
                    + "attempt_no integer, lead_created_at timestamptz, updated_at timestamptz, connected boolean, "
                    + "dial_time timestamptz, reject_field text, reject_value text, reject_reason text, raw_row text) "
                    + "ON COMMIT DROP");
        }
        long t0 = System.nanoTime();
        StatusNormalizer statuses = loadStatusNormalizer(c);
        DimensionMembers members = new DimensionMembers();
        CallValidator validator = new CallValidator(request.zone(), statuses, members);
        int rowsRead = 0;
        int okRows = 0;
        PGConnection pg = c.unwrap(PGConnection.class);
        StringBuilder line = new StringBuilder(512);
        CallIdFilter callIds = new CallIdFilter();
        try (PGCopyOutputStream copy = new PGCopyOutputStream(pg,
                "COPY stage_call (" + CallValidator.STAGE_COLUMNS + ") FROM STDIN (FORMAT csv)", 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            RawCall rec;
            while ((rec = source.next()) != null) {
                rowsRead++;
                line.setLength(0);
                if (validator.stage(rec, line).ok()) {
                    okRows++;
                    callIds.add(rec.get(CallField.CALL_ID).strip()); // as staged
                }
                w.append(line);
            }
        }
        long tCopied = System.nanoTime();
        String digest = HexFormat.of().formatHex(checksum.get());
        int rejected = rowsRead - okRows;
        int inFileDuplicates = 0;
        Set<String> maybeRepeated = callIds.candidates();
        callIds = null;
        if (maybeRepeated == null || !maybeRepeated.isEmpty()) {
            // A call_id repeated in the file: the first line wins, later ones are rejected. Only the
            // ids the filter saw more than once can repeat (all ids when it kept too many); a file
            // without any skips this group-by of every id.
            try (PreparedStatement ps = c.prepareStatement("UPDATE stage_call s SET ok = false, "
                    + "reject_field = 'call_id', reject_value = s.call_id, "
                    + "reject_reason = 'duplicate call_id in this file: first seen on line ' || f.first_line, "
                    + "raw_row = concat_ws(',', s.call_id, s.lead_id, s.campaign_id, s.agent_id, s.call_status, "
                    + "s.lead_status, s.agent_s, s.cust_s, s.attempt_no, s.dial_time) "
                    + "FROM (SELECT call_id, min(line) AS first_line FROM stage_call WHERE ok"
                    + (maybeRepeated == null ? "" : " AND call_id IN (SELECT unnest(?::text[]))")
                    + " GROUP BY call_id HAVING count(*) > 1) f WHERE s.ok AND s.call_id = f.call_id "
                    + "AND s.line > f.first_line")) {
                if (maybeRepeated != null) {
                    ps.setArray(1, c.createArrayOf("text", maybeRepeated.toArray()));
                }
                inFileDuplicates = ps.executeUpdate();
            }
        }
        rejected += inFileDuplicates;
        if (members.overflow) {
            try (Statement st = c.createStatement()) {
                upsertDimensions(st);
            }
        } else {
            upsertDimensions(c, members);
        }
        long lastLeadKeyBefore;
        try (Statement st = c.createStatement()) {
            // lead keys only grow (serial) and batches are serialised: leads above this key are new
            // in this batch, so they have no lead_rollup rows yet
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(lead_key), 0) FROM lead")) {
                rs.next();
                lastLeadKeyBefore = rs.getLong(1);
            }
            upsertLeads(st);
        }
        long tDims = System.nanoTime();
        int inserted;
        // Insert the calls not stored yet and add exactly those to the rollups, in one statement. No
        // ON CONFLICT (speculative insertion is slow): batches are serialised by the advisory lock
        // and in-file repeats were rejected above, so the anti-join is exact.
        try (PreparedStatement ps = c.prepareStatement("WITH ins AS (INSERT INTO call (call_id, lead_key, campaign_key, "
                + "advertiser_key, agent_key, hid, call_status, lead_status, agent_call_duration_s, "
                + "customer_call_duration_s, from_number, to_number, attempt_no, lead_created_at, updated_at, "
                + "connected, dial_time, ingest_batch_id) "
                + "SELECT s.call_id, l.lead_key, cp.campaign_key, COALESCE(a.advertiser_key, cp.advertiser_key), "
                + "ag.agent_key, s.hid, s.call_status, s.lead_status, s.agent_s, s.cust_s, s.from_number, s.to_number, "
                + "s.attempt_no, s.lead_created_at, s.updated_at, s.connected, s.dial_time, ? "
                + "FROM stage_call s JOIN lead l ON l.lead_id = s.lead_id "
                + "JOIN campaign cp ON cp.campaign_id = s.campaign_id "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id "
                + "LEFT JOIN agent ag ON ag.agent_id = s.agent_id "
                + "WHERE s.ok AND NOT EXISTS (SELECT 1 FROM call old WHERE old.call_id = s.call_id) "
                + "RETURNING " + RollupMaintenance.CALL_COLUMNS_RETURNED + ", "
                + io.callsight.feeds.FeedOutbox.CALL_COLUMNS + "), "
                + "agent_day AS (" + RollupMaintenance.agentDayUpsert("ins") + "), "
                + "status_day AS (" + RollupMaintenance.statusDayUpsert("ins") + "), "
                + "conversions AS (" + RollupMaintenance.conversionInsert("ins") + "), "
                + "new_leads AS (" + RollupMaintenance.leadRollupInsertNew("ins") + "), "
                + "old_leads AS (" + RollupMaintenance.leadRollupUpsertOld("ins") + "), "
                + "feed AS (" + io.callsight.feeds.FeedOutbox.insertFrom("ins") + ") "
                + "SELECT count(*) FROM ins")) {
            ps.setLong(1, batchId);
            ps.setString(2, businessTimeZone);
            ps.setString(3, businessTimeZone);
            ps.setLong(4, lastLeadKeyBefore);
            ps.setLong(5, lastLeadKeyBefore);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getInt(1);
            }
        }
        long tInserted = System.nanoTime();
        if (rejected > 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_reject (batch_id, line, call_id, field, "
                    + "value, reason, raw_row) SELECT ?, line, call_id, reject_field, reject_value, reject_reason, "
                    + "raw_row FROM stage_call WHERE NOT ok ORDER BY line")) {
                ps.setLong(1, batchId);
                ps.executeUpdate();
            }
        }
        Long sameFileAs = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT min(batch_id) FROM ingest_batch WHERE "
                + "checksum_sha256 = ? AND status = 'COMPLETED' AND batch_id <> ?")) {
            ps.setString(1, digest);
            ps.setLong(2, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                sameFileAs = rs.wasNull() ? null : v;
            }
        }
        int duplicates = okRows - inFileDuplicates - inserted; // already stored before this batch
        List<String> ignored = source.ignoredColumns();
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'COMPLETED', "
                + "checksum_sha256 = ?, rows_read = ?, accepted = ?, rejected = ?, duplicates = ?, "
                + "ignored_columns = ?, same_file_as_batch_id = ?, finished_at = now() WHERE batch_id = ?")) {
            ps.setString(1, digest);
            ps.setInt(2, rowsRead);
            ps.setInt(3, inserted);
            ps.setInt(4, rejected);
            ps.setInt(5, duplicates);
            ps.setArray(6, c.createArrayOf("text", ignored.toArray()));
            if (sameFileAs == null) {
                ps.setNull(7, java.sql.Types.BIGINT);
            } else {
                ps.setLong(7, sameFileAs);
            }
            ps.setLong(8, batchId);
            ps.executeUpdate();
        }
        List<IngestResult.RejectedRow> rejects = new ArrayList<>();
        if (rejected > 0) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT line, call_id, reject_field, reject_value, reject_reason "
                            + "FROM stage_call WHERE NOT ok ORDER BY line LIMIT " + INLINE_REJECTS)) {
                while (rs.next()) {
                    rejects.add(new IngestResult.RejectedRow(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        long tEnd = System.nanoTime();
        LOG.infof("Batch %d (%s): %d read, %d accepted, %d rejected, %d duplicates; ms: parse+copy %d, "
                + "dedupe+dimensions %d, insert+rollups %d, rejects+batch %d", batchId, request.fileName(), rowsRead,
                inserted, rejected, duplicates, ms(tCopied - t0), ms(tDims - tCopied), ms(tInserted - tDims),
                ms(tEnd - tInserted));
        return new IngestResult(batchId, "COMPLETED", rowsRead, inserted, rejected, duplicates, ignored, sameFileAs,
                rejects);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void upsertLeads(Statement st) throws SQLException {
        // New leads only: a lead's attributes come from its first batch (hash aggregate). Keys are
        // given in order of first appearance in the file, so the lead_id index (ids usually grow
        // with the file) and later the call fact's lead index are filled near their right edge
        // instead of at random pages.
        st.executeUpdate("INSERT INTO lead (lead_id, campaign_key, advertiser_key, hid, created_at) "
                + "SELECT s.lead_id, min(cp.campaign_key), min(COALESCE(a.advertiser_key, cp.advertiser_key)), "
                + "min(s.hid), min(s.lead_created_at) FROM stage_call s "
                + "JOIN campaign cp ON cp.campaign_id = s.campaign_id "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id "
                + "WHERE s.ok AND NOT EXISTS (SELECT 1 FROM lead l WHERE l.lead_id = s.lead_id) "
                + "GROUP BY s.lead_id ORDER BY min(s.line)"); // batches are serialised (advisory lock): no concurrent insert of a lead
    }

    /** Advertisers, campaigns and agents from the members gathered while streaming (small arrays). */
    private static void upsertDimensions(Connection c, DimensionMembers m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO advertiser (advertiser_id, name) "
                + "SELECT id, nullif(name, '') FROM unnest(?::text[], ?::text[]) AS t(id, name) ORDER BY id "
                + "ON CONFLICT (advertiser_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now() "
                + "WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM advertiser.name")) {
            ps.setArray(1, c.createArrayOf("text", m.advertisers.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.advertisers.values().toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (campaign_id, name, advertiser_key) "
                + "SELECT t.id, t.name, a.advertiser_key FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, adv) "
                + "LEFT JOIN advertiser a ON a.advertiser_id = t.adv ORDER BY t.id "
                + "ON CONFLICT (campaign_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, campaign.name), "
                + "advertiser_key = COALESCE(campaign.advertiser_key, EXCLUDED.advertiser_key) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM campaign.name) "
                + "OR (campaign.advertiser_key IS NULL AND EXCLUDED.advertiser_key IS NOT NULL)")) {
            ps.setArray(1, c.createArrayOf("text", m.campaigns.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.campaigns.values().stream().map(v -> v[0]).toArray()));
            ps.setArray(3, c.createArrayOf("text", m.campaigns.values().stream().map(v -> v[1]).toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent (agent_id, name, team) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) AS t(id, name, team) ORDER BY id "
                + "ON CONFLICT (agent_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agent.name), "
                + "team = COALESCE(EXCLUDED.team, agent.team) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM agent.name) "
                + "OR (EXCLUDED.team IS NOT NULL AND EXCLUDED.team IS DISTINCT FROM agent.team)")) {
            ps.setArray(1, c.createArrayOf("text", m.agents.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", m.agents.values().stream().map(v -> v[0]).toArray()));
            ps.setArray(3, c.createArrayOf("text", m.agents.values().stream().map(v -> v[1]).toArray()));
            ps.executeUpdate();
        }
    }

    /** The same from scans of the staging table, when a batch names too many members to gather. */
    private static void upsertDimensions(Statement st) throws SQLException {
        st.executeUpdate("INSERT INTO advertiser (advertiser_id, name) "
                + "SELECT advertiser_id, max(advertiser_name) FROM stage_call WHERE ok AND advertiser_id IS NOT NULL "
                + "GROUP BY advertiser_id ORDER BY advertiser_id "
                + "ON CONFLICT (advertiser_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now() "
                + "WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM advertiser.name");
        st.executeUpdate("INSERT INTO campaign (campaign_id, name, advertiser_key) "
                + "SELECT s.campaign_id, max(s.campaign_name), max(a.advertiser_key) FROM stage_call s "
                + "LEFT JOIN advertiser a ON a.advertiser_id = s.advertiser_id WHERE s.ok "
                + "GROUP BY s.campaign_id ORDER BY s.campaign_id "
                + "ON CONFLICT (campaign_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, campaign.name), "
                + "advertiser_key = COALESCE(campaign.advertiser_key, EXCLUDED.advertiser_key) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM campaign.name) "
                + "OR (campaign.advertiser_key IS NULL AND EXCLUDED.advertiser_key IS NOT NULL)");
        st.executeUpdate("INSERT INTO agent (agent_id, name, team) "
                + "SELECT agent_id, max(agent_name), max(agent_team) FROM stage_call WHERE ok AND agent_id IS NOT NULL "
                + "GROUP BY agent_id ORDER BY agent_id "
                + "ON CONFLICT (agent_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, agent.name), "
                + "team = COALESCE(EXCLUDED.team, agent.team) "
                + "WHERE (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM agent.name) "
                + "OR (EXCLUDED.team IS NOT NULL AND EXCLUDED.team IS DISTINCT FROM agent.team)");
    }
}
