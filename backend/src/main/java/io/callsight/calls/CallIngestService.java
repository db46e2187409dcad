package io.callsight.calls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.IngestFailedException;
import io.callsight.common.LiveSignals;
import io.callsight.common.MeteredIngest;
import io.callsight.common.ReadConnections;
import io.callsight.common.TextCharsets;
import io.callsight.common.Transactions;
import io.callsight.common.Uploads;
import io.callsight.instances.InstanceRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Loads call records into the call fact, one atomic batch per file, in named steps on one
 * transaction: stage (records stream through validation into a COPY of a temporary staging table,
 * memory flat whatever the file size; {@link CallStaging}), de-duplicate (in-file repeats rejected),
 * resolve dimensions ({@link DimensionUpserts}), insert the calls not stored yet with their rollups and
 * outbox rows in one statement ({@link CallInsert}) and record the batch ({@link BatchRecord}). Rejects
 * are kept with line, field, value and reason. The steps only need a connection in a transaction, so
 * another path (micro-batches posted as JSON) can run them on a transaction of its own.
 */
@ApplicationScoped
public class CallIngestService {

    private static final Logger LOG = Logger.getLogger(CallIngestService.class);
    static final int ANALYZE_AFTER_ROWS = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    CallInsert callInsert;

    @Inject
    CrashDrill drill;

    @Inject
    InstanceRegistry instance;

    @Inject
    IngestConfig ingestConfig;

    @Inject
    ReadConnections reads;

    /** The region phone numbers without {@code +} are read in (README, "Matching hashes"), for the personal data scan. */
    @ConfigProperty(name = "callsight.crm.default-phone-region", defaultValue = "US")
    String phoneRegion;

    /** Completes LOADED batches one at a time (their completions are serialised by the ingest lock anyway). */
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-completion");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stopCompletions() {
        completions.shutdownNow();
    }

    /** The ingest counters exist (at 0) from the start, so a scrape before the first batch sees them. */
    @PostConstruct
    void registerCounters() {
        for (String status : new String[] {"COMPLETED", "LOADED", "READY", "FAILED"}) {
            registry.counter("callsight_ingest_batches_total", "status", status);
        }
        for (String outcome : new String[] {"accepted", "rejected", "duplicate"}) {
            registry.counter("callsight_ingest_rows_total", "outcome", outcome);
        }
    }

    /**
     * Metadata of one ingest request: {@code sizeBytes} its body's length (-1 unknown);
     * {@code completeAfterAnswer} the caller's choice (null: by size, {@link IngestConfig}); {@code sheet} the
     * sheet read when the file is an Excel workbook (null: the first).
     */
    public record Request(String source, String fileName, String contentType, ZoneId zone, long sizeBytes,
            Boolean completeAfterAnswer, String sheet) {

        public Request(String source, String fileName, String contentType, ZoneId zone, long sizeBytes,
                Boolean completeAfterAnswer) {
            this(source, fileName, contentType, zone, sizeBytes, completeAfterAnswer, null);
        }

        public Request(String source, String fileName, String contentType, ZoneId zone) {
            this(source, fileName, contentType, zone, -1, null);
        }
    }

    /**
     * Ingests a call file as it arrives: a JSON array of call objects when {@code json}, else delimited text or an
     * Excel workbook (its sheet as CSV); the batch's checksum is the SHA-256 of every byte of {@code body} (read to
     * its end).
     */
    @MeteredIngest("calls")
    public IngestResult ingest(Request request, InputStream body, boolean json) throws IOException {
        MessageDigest sha = Uploads.sha256();
        DigestInputStream in = new DigestInputStream(body, sha);
        try (CallSource calls = json ? new JsonCallSource(in, phoneRegion)
                : new CsvCallSource(in, TextCharsets.of(request.contentType()), request.sheet(), phoneRegion)) {
            return ingest(request, calls, () -> {
                try {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return sha.digest();
            });
        }
    }

    /**
     * Ingests every record of {@code source}. {@code checksum} is read after the source is drained
     * (the SHA-256 of the bytes it consumed).
     */
    public IngestResult ingest(Request request, CallSource source, Supplier<byte[]> checksum) {
        long batchId = openBatch(request);
        try {
            boolean afterAnswer = completesAfterAnswer(request);
            IngestResult result = afterAnswer ? land(batchId, request, source, checksum)
                    : load(batchId, request, source, checksum);
            count(result);
            drill.reached("ANSWER", batchId);
            if (afterAnswer) {
                String caller = reads.currentCaller();
                completions.submit(() -> {
                    if (completeLoaded(batchId)) {
                        reads.recordWrite(caller); // the caller's reports see the file once READY, replica or not
                    }
                });
            }
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

    private boolean completesAfterAnswer(Request request) {
        if (request.completeAfterAnswer() != null) {
            return request.completeAfterAnswer();
        }
        long from = ingestConfig.completeAfterAnswerFromBytes();
        return from > 0 && request.sizeBytes() >= from;
    }

    /**
     * The answer of a batch completed after it: its rows validated into its durable landing table, in-file
     * repeats rejected, every reject kept, the batch LOADED, in one transaction.
     */
    private IngestResult land(long batchId, Request request, CallSource source, Supplier<byte[]> checksum)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                lockBatchRow(tx, batchId);
                StepTimes times = new StepTimes();
                CallStaging.Staged staged = CallStaging.land(tx, request.zone(), source, drill, batchId);
                times.lap("land");
                String table = CallStaging.landingTable(batchId);
                int inBatchDuplicates = CallStaging.rejectRepeatedCallIds(tx, table, staged.repeatCandidates());
                times.lap("dedup");
                BatchRecord.Counts counts = new BatchRecord.Counts(staged.rowsRead(), staged.okRows(),
                        inBatchDuplicates, 0);
                IngestResult result = BatchRecord.loaded(tx, table, batchId, counts,
                        HexFormat.of().formatHex(checksum.get()), source.ignoredColumns(), source.personalData());
                times.lap("record");
                LOG.infof("Batch %d (%s) LOADED: %d read, %d accepted so far, %d rejected; %s", batchId,
                        request.fileName(), result.rowsRead(), result.accepted(), result.rejected(), times);
                return result;
            });
        }
    }

    /**
     * Completes the LOADED batch {@code batchId} in one transaction: its landed rows through the steps
     * (dimensions, the insert with rollups and outbox), the batch READY, its landing table dropped. False
     * when it is not LOADED or another instance is completing it (its row is locked). A failure leaves the
     * batch LOADED, its error noted: the sweep tries again (its rows were answered for; they are never lost).
     */
    boolean completeLoaded(long batchId) {
        try (Connection c = dataSource.getConnection()) {
            int[] done = Transactions.inTransaction(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("SELECT 1 FROM ingest_batch WHERE batch_id = ? "
                        + "AND status = 'LOADED' FOR NO KEY UPDATE SKIP LOCKED")) {
                    ps.setLong(1, batchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null;
                        }
                    }
                }
                StepTimes times = new StepTimes();
                int landed = CallStaging.stageLanded(tx, batchId);
                times.lap("stage");
                DimensionMembers fromTable = new DimensionMembers();
                fromTable.overflow = true; // the members are read from the staged rows
                long lastLeadKeyBefore = DimensionUpserts.resolve(tx, fromTable);
                times.lap("dimensions");
                int inserted = callInsert.insert(tx, batchId, lastLeadKeyBefore);
                times.lap("insert");
                if (inserted > 0) {
                    LiveSignals.notify(tx, LiveSignals.CALLS);
                }
                BatchRecord.ready(tx, batchId, landed, inserted);
                try (Statement st = tx.createStatement()) {
                    st.execute("DROP TABLE " + CallStaging.landingTable(batchId));
                }
                times.lap("record");
                LOG.infof("Batch %d READY: %d landed, %d new, %d duplicates; %s", batchId, landed, inserted,
                        landed - inserted, times);
                return new int[] {landed, inserted};
            });
            if (done == null) {
                return false;
            }
            registry.counter("callsight_ingest_batches_total", "status", "READY").increment();
            registry.counter("callsight_ingest_rows_total", "outcome", "duplicate").increment(done[0] - done[1]);
            analyzeAfterLargeBatch(c, done[1]);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Batch %d stays LOADED: its completion failed (tried again by the sweep): %s", batchId,
                    e.getMessage());
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE ingest_batch SET error = ? WHERE batch_id = ? AND status = 'LOADED'")) {
                ps.setString(1, "completion failed, to be tried again: " + e.getMessage());
                ps.setLong(2, batchId);
                ps.executeUpdate();
            } catch (SQLException ignored) {
                // the database is away: the sweep tries again
            }
            return false;
        }
    }

    /**
     * Every {@code callsight.ingest.completion-sweep}: completes the LOADED batches no instance is completing
     * (an instance that answered for a batch stopped before completing it, or its completion failed), oldest
     * first. Quiet while the database is unreachable.
     */
    @Scheduled(every = "{callsight.ingest.completion-sweep}", delayed = "5s", identity = "loaded-batch-sweep",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void completeLoadedBatches() {
        List<Long> loaded = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT batch_id FROM ingest_batch WHERE status = 'LOADED' "
                        + "ORDER BY batch_id")) {
            while (rs.next()) {
                loaded.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            LOG.debugf("LOADED-batch sweep skipped: %s", e.getMessage());
            return;
        }
        for (long batchId : loaded) {
            completions.submit(() -> completeLoaded(batchId));
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
                        + "time_zone, status, owner_instance) VALUES (?, ?, ?, ?, 'RUNNING', ?) RETURNING batch_id")) {
            ps.setString(1, request.source());
            ps.setString(2, request.fileName());
            ps.setString(3, request.contentType());
            ps.setString(4, request.zone().getId());
            ps.setObject(5, instance.id());
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

    /**
     * At start: batches left RUNNING by a process that died mid-load; their data was rolled back. Only
     * batches whose owner is no live instance (it stopped beating, or it is an earlier run of this
     * instance, removed from the registry at start) or that have no owner (opened before owners were
     * recorded). A batch a live instance is loading is never one of them: besides its owner's beat, its
     * load holds the batch row locked until it commits ({@link #loadInTransaction}), and locked rows are
     * skipped.
     */
    public int failInterruptedBatches() {
        return failInterruptedBatches(0);
    }

    /**
     * Every {@code callsight.instance.sweep}, the batches left RUNNING without a lock and without recording
     * their end: by a dead instance (its beat older than {@code callsight.instance.stale-after}: killed, or
     * cut from the database), or by this one (a process killed while its database backend was still inside
     * a statement held the row locked when the restart looked, or a load whose database went away under it
     * could not write its {@link #failBatch}). Batches of live instances are theirs to close. A batch of
     * this instance or without owner opened in the last 10 s is left alone: its load may not have locked it
     * yet (it does within the pool's 5 s acquisition timeout, or fails). Quiet while the database is
     * unreachable.
     */
    @Scheduled(every = "{callsight.instance.sweep}", delayed = "{callsight.instance.sweep}",
            identity = "interrupted-batch-sweep", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepInterruptedBatches() {
        try {
            int n = failInterruptedBatches(10);
            if (n > 0) {
                LOG.warnf("Marked %d ingest batch(es) left RUNNING by an interrupted load as FAILED", n);
            }
            instance.forgetLongDead();
        } catch (RuntimeException e) {
            LOG.debugf("Interrupted-batch sweep skipped: %s", e.getMessage());
        }
    }

    private int failInterruptedBatches(int graceSeconds) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE ingest_batch SET status = 'FAILED', finished_at = now(), "
                        + "error = 'interrupted: the instance running it stopped or lost its database before the batch "
                        + "finished; nothing of it was kept' "
                        + "WHERE batch_id IN (SELECT b.batch_id FROM ingest_batch b WHERE b.status = 'RUNNING' AND CASE "
                        + "WHEN b.owner_instance IS NULL OR b.owner_instance = ? "
                        + "THEN b.started_at < now() - make_interval(secs => ?) "
                        + "ELSE " + InstanceRegistry.DEAD_OWNER.formatted("b.owner_instance") + " END "
                        + "FOR UPDATE OF b SKIP LOCKED)")) {
            ps.setObject(1, instance.id());
            ps.setInt(2, graceSeconds);
            ps.setDouble(3, instance.staleSeconds());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private IngestResult load(long batchId, Request request, CallSource source, Supplier<byte[]> checksum)
            throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            IngestResult result = Transactions.inTransaction(c,
                    tx -> loadInTransaction(tx, batchId, request, source, checksum));
            drill.reached("AFTER_COMMIT", batchId);
            analyzeAfterLargeBatch(c, result.accepted());
            return result;
        }
    }

    /**
     * The steps of a batch on one transaction: stage, de-duplicate, resolve dimensions, insert (with
     * rollups and the extensions' CTEs), record the batch; their wall times are logged in one line.
     */
    private IngestResult loadInTransaction(Connection c, long batchId, Request request, CallSource source,
            Supplier<byte[]> checksum) throws SQLException, IOException {
        lockBatchRow(c, batchId);
        StepTimes times = new StepTimes();
        CallStaging.Staged staged = CallStaging.stage(c, request.zone(), source, drill, batchId);
        times.lap("stage");
        drill.reached("AFTER_COPY", batchId);
        int inBatchDuplicates = CallStaging.rejectRepeatedCallIds(c, staged.repeatCandidates());
        times.lap("dedup");
        long lastLeadKeyBefore = DimensionUpserts.resolve(c, staged.members());
        times.lap("dimensions");
        drill.reached("BEFORE_INSERT", batchId);
        int inserted = callInsert.insert(c, batchId, lastLeadKeyBefore);
        times.lap("insert");
        if (inserted > 0) {
            // delivered at commit to every instance: their live views and feed workers see the file's calls now
            LiveSignals.notify(c, LiveSignals.CALLS);
        }
        BatchRecord.Counts counts = new BatchRecord.Counts(staged.rowsRead(), staged.okRows(), inBatchDuplicates,
                inserted);
        IngestResult result = BatchRecord.complete(c, batchId, counts, HexFormat.of().formatHex(checksum.get()),
                source.ignoredColumns(), source.personalData());
        times.lap("record");
        LOG.infof("Batch %d (%s): %d read, %d accepted, %d rejected, %d duplicates; %s", batchId, request.fileName(),
                result.rowsRead(), result.accepted(), result.rejected(), result.duplicates(), times);
        drill.reached("BEFORE_COMMIT", batchId);
        return result;
    }

    /**
     * The batch row stays locked while this instance loads it: another instance starting meanwhile sees a
     * live batch, not an interrupted one (a killed run's lock goes with its connection).
     */
    private static void lockBatchRow(Connection c, long batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ingest_batch WHERE batch_id = ? FOR NO KEY UPDATE")) {
            ps.setLong(1, batchId);
            ps.executeQuery().close();
        }
    }

    /** Fresh planner statistics right after a batch that stored many calls, not when autovacuum gets to it. */
    private static void analyzeAfterLargeBatch(Connection c, int stored) throws SQLException {
        if (stored >= ANALYZE_AFTER_ROWS) {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE call, lead, lead_rollup, agent_day_rollup, status_day_rollup, conversion_call");
            }
        }
    }
}
