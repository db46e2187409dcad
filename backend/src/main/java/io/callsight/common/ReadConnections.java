package io.callsight.common;

import java.security.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The connections of the read-only report queries: a streaming replica's when {@code CALLSIGHT_REPLICA_URL}
 * is set and it may serve the caller, the primary's otherwise. Everything else (writes, ingest, migrations,
 * LISTEN/NOTIFY, schedulers, sessions and API keys, admin screens) keeps the primary datasource.
 *
 * <p>Without a replica {@link #choose()} is one null check that hands out the primary: behaviour and speed
 * as before. With one:
 * <ul>
 * <li>A probe every {@code callsight.replica.probe-interval} (150 ms) reads the primary's
 * {@code pg_current_wal_insert_lsn()} and then the replica's {@code pg_last_wal_replay_lsn()}; the replica holds
 * every commit made before the newest probe whose primary position it has replayed ({@link ReplicaPositions}).
 * That instant is "data as of" and its distance from now is the lag ({@link DataFreshness}). Requests never
 * wait for a probe: they read its last result.</li>
 * <li>Read-your-writes: after a caller's write (any successful non-GET REST request, such as an ingest,
 * and any GraphQL mutation) {@link #recordWrite()} stores the primary's WAL insert position for the caller (the
 * authenticated principal's name; the insert position is past the write's commit record even when
 * {@code synchronous_commit} is off); the caller's reads go to the primary until the replica has replayed past
 * it. Entries are dropped once replayed, so the map holds only callers with a write in flight to the replica.</li>
 * <li>The primary also serves when the replica is unreachable, not in recovery, or more than
 * {@code callsight.replica.max-lag} (30 s) behind; a replica connection is validated when borrowed, and one
 * that cannot be had falls back to the primary at once. A query already running on a replica that dies fails
 * (it is not re-run).</li>
 * <li>Reads without an authenticated caller (scheduled and startup jobs, such as the staffing plan stored after a
 * forecast refresh) run on the primary: they build on the newest data and write their results back.</li>
 * </ul>
 * The replica's pool is a plain Agroal pool built here rather than a Quarkus named datasource: it exists only
 * when the URL is set, and it must not join the readiness check (the service stays ready on the primary
 * alone). The first report read of a request decides for all its reads ({@link RequestReadChoice}). Reads are
 * counted by target and reason in {@code callsight_report_reads_total}.
 */
@ApplicationScoped
public class ReadConnections {

    private static final Logger LOG = Logger.getLogger(ReadConnections.class);

    @Inject
    AgroalDataSource primary;

    @Inject
    ReplicaConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    MeterRegistry registry;

    @Inject
    RequestReadChoice ofRequest;

    /** The replica's pool; null without a replica. */
    private volatile AgroalDataSource replica;
    private volatile ReplicaState state = ReplicaState.unavailable(Instant.EPOCH, "not probed yet");
    /** Per caller, the primary's WAL position after its last write that the replica has not replayed yet. */
    private final Map<String, Long> pendingWrites = new ConcurrentHashMap<>();
    private final Map<ReadReason, Counter> reads = new EnumMap<>(ReadReason.class);
    private ReplicaPositions positions;
    private ScheduledExecutorService prober;

    /** One read's database: use {@link #connection()} for each connection of that read. */
    public final class Choice {
        private final ReadReason reason;

        private Choice(ReadReason reason) {
            this.reason = reason;
        }

        public ReadTarget target() {
            return reason == ReadReason.REPLICA ? ReadTarget.REPLICA : ReadTarget.PRIMARY;
        }

        public ReadReason reason() {
            return reason;
        }

        /** A connection to the chosen database (the primary's when the replica's cannot be had). */
        public Connection connection() throws SQLException {
            AgroalDataSource r = replica;
            if (reason != ReadReason.REPLICA || r == null) {
                return primary.getConnection();
            }
            try {
                return r.getConnection();
            } catch (SQLException e) {
                markUnavailable("connection failed: " + e.getMessage());
                if (Arc.container().requestContext().isActive()) {
                    ofRequest.replicaFailed(); // the request's other reads (and its dataFreshness) go to the primary too
                }
                return primary.getConnection();
            }
        }
    }

    private final Choice primaryOnly = new Choice(ReadReason.NO_REPLICA);

    void start(@Observes StartupEvent ev) {
        String url = config.url().map(String::strip).orElse("");
        if (url.isEmpty()) {
            return;
        }
        var cfg = ConfigProvider.getConfig();
        String user = config.username().filter(s -> !s.isBlank())
                .or(() -> cfg.getOptionalValue("quarkus.datasource.username", String.class)).orElse(null);
        String password = config.password()
                .or(() -> cfg.getOptionalValue("quarkus.datasource.password", String.class)).orElse(null);
        try {
            replica = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(config.maxConnections()).minSize(0).initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(5))
                            // checked on every borrow (one round trip): a replica that went away is noticed before
                            // a report runs on its dead connection, and that report runs on the primary instead
                            .validateOnBorrow(true)
                            .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(2))
                            .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                            .connectionFactoryConfiguration(f -> {
                                f.jdbcUrl(url).connectionProviderClass(org.postgresql.Driver.class)
                                        .loginTimeout(Duration.ofSeconds(3)).autoCommit(true).readOnly(true)
                                        .jdbcProperty("connectTimeout", "3")
                                        .jdbcProperty("ApplicationName", "callsight-reports");
                                if (user != null) {
                                    f.principal(new NamePrincipal(user));
                                }
                                if (password != null) {
                                    f.credential(new SimplePassword(password));
                                }
                                return f;
                            })));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set up the replica pool for " + url + ": " + e.getMessage(), e);
        }
        for (ReadReason r : ReadReason.values()) {
            if (r != ReadReason.NO_REPLICA) {
                reads.put(r, Counter.builder("callsight.report.reads")
                        .description("Read-only report queries by the database that ran them and why")
                        .tag("target", r == ReadReason.REPLICA ? "replica" : "primary").tag("reason", r.name())
                        .register(registry));
            }
        }
        // history enough to measure lag up to twice the bound (beyond the bound the replica serves nobody)
        positions = new ReplicaPositions(config.maxLag().multipliedBy(2).plusSeconds(1));
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-probe");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, config.probeInterval().toMillis());
        prober.scheduleWithFixedDelay(this::probe, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("Read replica %s: read-only report queries go there (max lag %s, probed every %d ms)", url,
                config.maxLag(), every);
    }

    @PreDestroy
    void stop() {
        if (prober != null) {
            prober.shutdownNow();
        }
        AgroalDataSource r = replica;
        replica = null;
        if (r != null) {
            r.close();
        }
    }

    public boolean replicaConfigured() {
        return replica != null;
    }

    /** Where the current caller's next read-only report query goes. */
    public Choice choose() {
        if (replica == null) {
            return primaryOnly;
        }
        ReadReason reason = Arc.container().requestContext().isActive() ? ofRequest.get(this::decide) : decide();
        reads.get(reason).increment();
        return new Choice(reason);
    }

    private ReadReason decide() {
        String caller = caller();
        return caller == null ? ReadReason.NO_CALLER : state.route(pendingWrites.get(caller), config.maxLag(), Instant.now());
    }

    /** A connection for one read-only report query of the current caller (see {@link #choose()}). */
    public Connection connection() throws SQLException {
        return choose().connection();
    }

    /**
     * After a write of the current caller has committed: its next reads run on the primary until the
     * replica has replayed this far. Nothing to do without a replica or an authenticated caller.
     */
    public void recordWrite() {
        recordWrite(replica == null ? null : caller());
    }

    /** The current caller, as {@link #recordWrite(String)} takes it (null without a replica or a caller). */
    public String currentCaller() {
        return replica == null ? null : caller();
    }

    /**
     * {@link #recordWrite()} for {@code caller} outside its request: a write done for it later (a call file
     * completed after its answer) keeps its reads on the primary until the replica has replayed that too.
     */
    public void recordWrite(String caller) {
        if (replica == null || caller == null) {
            return;
        }
        // the insert position: past the caller's commit record even when it is not flushed yet (synchronous_commit off)
        try (Connection c = primary.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            pendingWrites.merge(caller, ReplicaPositions.comparableInsertPosition(ReplicaPositions.lsn(rs.getString(1))),
                    Math::max);
        } catch (SQLException e) {
            // the write is in, the primary is not answering now: the next reads decide on the state they find
            LOG.warnf("Could not read the primary's WAL position after a write of %s: %s", caller, e.getMessage());
        }
    }

    /** The current caller's data freshness: where its report queries run now and how current that is. */
    public DataFreshness freshness() {
        Instant now = Instant.now();
        if (replica == null) {
            return new DataFreshness(ReadTarget.PRIMARY, ReadReason.NO_REPLICA, 0, now.atOffset(ZoneOffset.UTC), false, null);
        }
        ReplicaState s = state;
        ReadReason reason = Arc.container().requestContext().isActive() ? ofRequest.get(this::decide) : decide();
        Double replicaLag = s.lagSeconds(now);
        if (reason == ReadReason.REPLICA && s.available() && s.asOf() != null) {
            return new DataFreshness(ReadTarget.REPLICA, reason, replicaLag, s.asOf().atOffset(ZoneOffset.UTC), true, replicaLag);
        }
        return new DataFreshness(ReadTarget.PRIMARY, reason == ReadReason.REPLICA ? ReadReason.REPLICA_UNAVAILABLE : reason, 0,
                now.atOffset(ZoneOffset.UTC), true, replicaLag);
    }

    /** The authenticated principal's name; null outside a request or for anonymous callers. */
    private String caller() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            if (identity.isAnonymous()) {
                return null;
            }
            Principal p = identity.getPrincipal();
            return p == null ? null : p.getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void markUnavailable(String problem) {
        state = ReplicaState.unavailable(Instant.now(), problem);
    }

    /** One probe: the primary's WAL position, then how far the replica has replayed. */
    void probe() {
        AgroalDataSource r = replica;
        if (r == null) {
            return;
        }
        try {
            try (Connection c = primary.getConnection(); Statement st = c.createStatement()) {
                st.setQueryTimeout(2);
                // the insert position: past every commit made by then, flushed or not (synchronous_commit off)
                try (ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                    rs.next();
                    Instant at = Instant.now(); // after the answer: the position held at least until then
                    positions.primaryAt(at, ReplicaPositions.comparableInsertPosition(ReplicaPositions.lsn(rs.getString(1))));
                }
            } catch (SQLException e) {
                LOG.debugf("Replica probe: primary position unknown (%s)", e.getMessage());
            }
            ReplicaState previous = state;
            try (Connection c = r.getConnection(); Statement st = c.createStatement()) {
                st.setQueryTimeout(2);
                try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                        + "pg_last_xact_replay_timestamp()")) {
                    rs.next();
                    Instant now = Instant.now();
                    if (!rs.getBoolean(1) || rs.getString(2) == null) {
                        state = ReplicaState.unavailable(now, "not a standby in recovery");
                    } else {
                        long replay = ReplicaPositions.lsn(rs.getString(2));
                        Instant asOf = positions.replayedAsOf(replay);
                        Timestamp lastReplayed = rs.getTimestamp(3);
                        if (lastReplayed != null && (asOf == null || lastReplayed.toInstant().isAfter(asOf))) {
                            asOf = lastReplayed.toInstant();
                        }
                        state = new ReplicaState(true, replay, asOf, now, null);
                        pendingWrites.values().removeIf(lsn -> lsn <= replay);
                    }
                }
            } catch (SQLException e) {
                state = ReplicaState.unavailable(Instant.now(), e.getMessage());
                r.flush(AgroalDataSource.FlushMode.INVALID);
            }
            ReplicaState now = state;
            if (previous.available() != now.available()) {
                if (now.available()) {
                    LOG.infof("Read replica available (lag %.1f s)", now.lagSeconds(Instant.now()));
                } else {
                    LOG.warnf("Read replica unavailable, reports run on the primary: %s", now.problem());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Replica probe failed", e);
        }
    }
}
