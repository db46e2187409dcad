package io.callsight.events;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallEvents;
import io.callsight.common.LiveSignals;
import io.callsight.common.Transactions;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Moves journal call events into the call fact ({@link CallEvents#applyPending}) as soon as they are
 * committed: woken by this instance's writer after each group commit, and every {@code sweep} for
 * journal events another instance left (it died between its commit and its apply, or a file held the
 * lock). Whoever takes the ingest
 * lock applies everyone's events; when a file batch holds it, the events wait in the journal (already
 * answered) and are applied right after the file commits. A commit that added calls signals
 * {@code calls}, which wakes the feed delivery and the live views of every instance.
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);
    private static final long BUSY_RETRY_MS = 100;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallEvents callEvents;

    @Inject
    EventsConfig config;

    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /** Starts applying (once, from the start-up sequence): first whatever a killed run left in the journal. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "call-event-applier");
        thread.setDaemon(true);
        thread.start();
        wake();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Asks for an apply pass now. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void loop() {
        long lastPass = System.nanoTime() - config.applyInterval().toNanos();
        while (running) {
            try {
                wakeups.tryAcquire(config.sweep().toMillis(), TimeUnit.MILLISECONDS);
                // Under load, passes at most every applyInterval: each takes what arrived meanwhile in
                // one round instead of paying a pass's fixed cost per group commit.
                long wait = lastPass + config.applyInterval().toNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                wakeups.drainPermits();
                lastPass = System.nanoTime();
                drain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException | IOException e) {
                if (!running) {
                    return;
                }
                LOG.errorf(e, "Applying call events failed (they stay in the journal and are retried): %s",
                        e.getMessage());
                sleep(1000);
            }
        }
    }

    /** Applies until the journal is empty; while the ingest lock is busy, retries every 100 ms. */
    private void drain() throws SQLException, IOException, InterruptedException {
        while (running) {
            CallEvents.Applied applied = applyOnce();
            if (applied == null) {
                Thread.sleep(BUSY_RETRY_MS);
                continue;
            }
            if (applied.events() < config.applyMax()) {
                return;
            }
        }
    }

    /** One transaction; null when the ingest lock is busy. */
    CallEvents.Applied applyOnce() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                CallEvents.Applied a = callEvents.applyPending(tx, config.applyMax());
                if (a != null && a.inserted() > 0) {
                    LiveSignals.notify(tx, LiveSignals.CALLS);
                }
                return a;
            });
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
