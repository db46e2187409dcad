package io.callsight.instances;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;

/**
 * This instance's entry in {@code service_instance}: registered at start (after removing the entries of
 * earlier runs under the same name, which are dead since this run took their name), a heartbeat every
 * {@code callsight.instance.heartbeat} on a thread of its own (a busy worker pool does not make a live
 * instance look dead), removed on a clean shutdown. Times are the database's, so clocks of the hosts
 * do not matter. Batches record {@link #id()} as their owner; {@link #DEAD_OWNER} tells whether an owner
 * stopped beating.
 */
@ApplicationScoped
public class InstanceRegistry {

    private static final Logger LOG = Logger.getLogger(InstanceRegistry.class);

    /**
     * SQL condition on an owner column ({@code %s}), true when the owner is no live instance: gone from the
     * registry or its beat older than the stale bound. Parameters: the stale bound in seconds.
     */
    public static final String DEAD_OWNER = "NOT EXISTS (SELECT 1 FROM service_instance i WHERE i.instance_id = %s "
            + "AND i.beat_at >= now() - make_interval(secs => ?))";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InstanceConfig config;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private final UUID id = UUID.randomUUID();
    private final long pid = ProcessHandle.current().pid();
    private String host;
    private String name;
    private ScheduledExecutorService beats;
    private volatile boolean registered;

    /** This run of the instance (a new one at each start). */
    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The stale bound in seconds, the parameter of {@link #DEAD_OWNER}. */
    public double staleSeconds() {
        return config.staleAfter().toMillis() / 1000.0;
    }

    /** Registers this instance and starts its heartbeat (once, first in the start-up sequence). */
    public synchronized void register() {
        if (registered) {
            return;
        }
        host = hostName();
        name = config.name().filter(n -> !n.isBlank()).orElse(host + ":" + httpPort);
        try (Connection c = dataSource.getConnection()) {
            int earlier;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM service_instance WHERE name = ? AND instance_id <> ?")) {
                ps.setString(1, name);
                ps.setObject(2, id);
                earlier = ps.executeUpdate();
            }
            upsert(c);
            if (earlier > 0) {
                LOG.infof("Instance %s: removed %d earlier run(s) of this instance from the registry", name, earlier);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not register this instance: " + e.getMessage(), e);
        }
        registered = true;
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "instance-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = config.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Instance %s registered as %s (pid %d; heartbeat %s, stale after %s)", name, id, pid,
                config.heartbeat(), config.staleAfter());
    }

    /** Records a beat; registers again when another instance removed this one (it looked dead for a while). */
    void beat() {
        try (Connection c = dataSource.getConnection()) {
            upsert(c);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Instance heartbeat failed (%s); another instance takes this one for dead after %s without one",
                    e.getMessage(), config.staleAfter());
        }
    }

    private void upsert(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_instance (instance_id, name, host, pid) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET beat_at = now()")) {
            ps.setObject(1, id);
            ps.setString(2, name);
            ps.setString(3, host);
            ps.setLong(4, pid);
            ps.executeUpdate();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (!registered) {
            return;
        }
        beats.shutdownNow();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM service_instance WHERE instance_id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Could not remove this instance from the registry: %s", e.getMessage());
        }
    }

    /**
     * Removes instances dead for ten stale bounds (killed ones never remove themselves); their batches were
     * failed by then.
     */
    public int forgetLongDead() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM service_instance WHERE beat_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, 10 * staleSeconds());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registered instances, this one first. */
    public List<Instance> instances() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT instance_id, name, host, pid, started_at, beat_at, "
                        + "beat_at < now() - make_interval(secs => ?) FROM service_instance "
                        + "ORDER BY instance_id = ? DESC, started_at")) {
            ps.setDouble(1, staleSeconds());
            ps.setObject(2, id);
            List<Instance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID iid = rs.getObject(1, UUID.class);
                    out.add(new Instance(iid.toString(), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7),
                            id.equals(iid)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the instances: " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
