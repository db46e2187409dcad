package io.callsight.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;

/**
 * Gauges whose value is a query's answer (e.g. the feed's pending leads): true for every instance at once, and
 * right after a restart. A scrape reads a cached value at most {@link #MAX_AGE_MILLIS} old, so scrapes cost the
 * database one small query per gauge and period; on an event-loop thread the refresh runs in the background.
 * When the database cannot answer, the gauge is NaN (no data), not a stale or made-up number.
 */
@ApplicationScoped
public class DatabaseGauges {

    static final long MAX_AGE_MILLIS = 5_000;
    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class);

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;

    @Inject
    public DatabaseGauges(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "database-gauges");
        t.setDaemon(true);
        return t;
    });

    /** One cached query answer. */
    final class Cached {
        private final String sql;
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private volatile double value = Double.NaN;
        private volatile long readAt;

        Cached(String sql) {
            this.sql = sql;
        }

        double value() {
            if (System.currentTimeMillis() - readAt > MAX_AGE_MILLIS) {
                if (Context.isOnEventLoopThread()) {
                    if (refreshing.compareAndSet(false, true)) {
                        refresher.execute(this::refresh);
                    }
                } else {
                    refresh();
                }
            }
            return value;
        }

        private void refresh() {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                value = rs.next() ? rs.getDouble(1) : Double.NaN;
            } catch (SQLException e) {
                LOG.debugf("Gauge query failed: %s", e.getMessage());
                value = Double.NaN;
            } finally {
                readAt = System.currentTimeMillis();
                refreshing.set(false);
            }
        }
    }

    /**
     * Registers a gauge answered by {@code sql} (one row, one number).
     *
     * @param baseUnit the unit, e.g. "seconds", or null
     */
    public void register(String name, String description, String baseUnit, String sql) {
        Cached cached = new Cached(sql);
        Gauge.builder(name, cached, Cached::value).description(description).baseUnit(baseUnit).strongReference(true)
                .register(registry);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
