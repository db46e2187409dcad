package io.callsight.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Changes committed by any Callsight instance on the database, told to every instance: a writer calls
 * {@link #notify(Connection, String)} inside its transaction (PostgreSQL delivers the NOTIFY at commit,
 * never for a rollback) and every instance, this one included, fires a {@link Signal} CDI event
 * (observed asynchronously) when it arrives. One connection per instance LISTENs; it reconnects after a
 * database restart and then fires every topic once, since notifications sent meanwhile were missed.
 */
@ApplicationScoped
public class LiveSignals {

    private static final Logger LOG = Logger.getLogger(LiveSignals.class);

    /** The channel every topic travels on. */
    static final String CHANNEL = "callsight_live";

    /** New calls in the fact (and with them conversions and feed leads). */
    public static final String CALLS = "calls";
    /** Agent state changes. */
    public static final String AGENTS = "agents";
    /** Feed delivery outcomes. */
    public static final String FEED = "feed";

    /** A topic that changed. */
    public record Signal(String topic) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Event<Signal> signals;

    private volatile boolean running;
    private volatile Thread listener;

    /** Queues {@code topic} for every instance's listeners, delivered when {@code c}'s transaction commits. */
    public static void notify(Connection c, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, topic);
            ps.execute();
        }
    }

    /** Starts listening (once, from the start-up sequence). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::listen, "live-signals");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    for (String topic : new String[] {CALLS, AGENTS, FEED}) {
                        fire(topic);
                    }
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = pg.getNotifications(500);
                    if (batch == null) {
                        continue;
                    }
                    Set<String> topics = new LinkedHashSet<>();
                    for (PGNotification n : batch) {
                        topics.add(n.getParameter());
                    }
                    topics.forEach(this::fire);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Live signals: listening connection lost (%s); reconnecting in 1 s", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void fire(String topic) {
        signals.fireAsync(new Signal(topic));
    }
}
