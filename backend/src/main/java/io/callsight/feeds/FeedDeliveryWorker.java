package io.callsight.feeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.LiveSignals;
import io.callsight.feeds.FeedOutbox.Claim;
import io.callsight.feeds.FeedOutbox.ClaimState;
import io.callsight.feeds.FeedOutbox.ClaimedLead;
import io.quarkus.scheduler.Scheduled;

/**
 * Pushes the feed to the advertisers' webhooks. Each batch: claim (short transaction, leased), POST
 * (no transaction open), record the outcome (short transaction). A crash between the POST and the
 * record loses nothing: the lease runs out and the leads are sent again with their idempotency keys.
 * Advertisers are delivered to in parallel ({@code callsight.feed.parallel-advertisers}); one
 * advertiser's batches go one after the other, in seq order; after a failed batch the advertiser
 * waits for that batch's retry time before anything else is sent to it.
 */
@ApplicationScoped
public class FeedDeliveryWorker {

    private static final Logger LOG = Logger.getLogger(FeedDeliveryWorker.class);

    /**
     * How a run behaves. {@code crashAfterSend} is a test seam: it throws {@link SimulatedCrash}
     * after the HTTP call and before the outcome is recorded, as a process dying there would.
     */
    public record Options(Duration lease, Duration retryBase, Duration retryMax, Duration requestTimeout,
            boolean crashAfterSend) {

        public Options {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive (was " + lease + ")");
            }
            new RetryBackoff(retryBase, retryMax); // checks them
        }

        public Options withCrashAfterSend() {
            return new Options(lease, retryBase, retryMax, requestTimeout, true);
        }
    }

    /** What a run did: leads delivered, rejected, failed (incl. dead) and the HTTP attempts made. */
    public record RunResult(int delivered, int rejected, int failed, int attempts) {
        static RunResult sum(List<RunResult> results) {
            int d = 0, r = 0, f = 0, a = 0;
            for (RunResult x : results) {
                d += x.delivered;
                r += x.rejected;
                f += x.failed;
                a += x.attempts;
            }
            return new RunResult(d, r, f, a);
        }
    }

    /** Thrown by the {@link Options#crashAfterSend} seam. */
    public static class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    @Inject
    FeedConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FeedOutbox outbox;

    @Inject
    WebhookSender sender;

    @Inject
    FeedMetrics metrics;

    @Inject
    ObjectMapper json;

    private volatile ExecutorService pool;

    /**
     * Advertisers whose last batch failed, until when: the next batch waits for the failed one's
     * retry, so a receiver that is down is probed by one batch at a time (with growing backoff)
     * instead of every pending batch failing in turn.
     */
    private final Map<Integer, Instant> heldUntil = new ConcurrentHashMap<>();

    public Options configuredOptions() {
        return new Options(config.lease(), config.retryBase(), config.retryMax(), config.requestTimeout(), false);
    }

    /** A delivery pass of this instance is running (scheduled or woken). */
    private final AtomicBoolean passRunning = new AtomicBoolean();
    /** Something asked for a pass while one ran: run another right after. */
    private final AtomicBoolean passAgain = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feed-delivery-wake");
        t.setDaemon(true);
        return t;
    });

    /**
     * Speed to lead: new calls committed by any instance (event or file) wake a delivery pass at once,
     * instead of waiting for the next poll; the poll stays for retries and missed signals.
     */
    void onSignal(@ObservesAsync LiveSignals.Signal signal) {
        if (LiveSignals.CALLS.equals(signal.topic())) {
            wake();
        }
    }

    /** Runs a delivery pass now (or right after the one running). */
    public void wake() {
        if (!config.deliveryEnabled()) {
            return;
        }
        passAgain.set(true);
        if (passRunning.compareAndSet(false, true)) {
            try {
                waker.execute(this::wakePasses);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                passRunning.set(false);
            }
        }
    }

    private void wakePasses() {
        try {
            while (passAgain.getAndSet(false)) {
                pass();
            }
        } finally {
            passRunning.set(false);
        }
        if (passAgain.get()) {
            wake();
        }
    }

    @Scheduled(every = "{callsight.feed.poll-interval}", identity = "feed-delivery", delayed = "{callsight.feed.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.deliveryEnabled() || !passRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            pass();
        } finally {
            passRunning.set(false);
        }
        if (passAgain.get()) {
            wake();
        }
    }

    private void pass() {
        try {
            RunResult r = runUntilIdle(configuredOptions(), config.maxPassTime());
            if (r.failed() > 0 || r.rejected() > 0) {
                LOG.warnf("Feed delivery: %d leads delivered, %d rejected, %d failed in %d attempts (see webhookDeliveries)",
                        r.delivered(), r.rejected(), r.failed(), r.attempts());
            } else if (r.delivered() > 0) {
                LOG.debugf("Feed delivery: %d leads delivered in %d attempts", r.delivered(), r.attempts());
            }
            if (r.attempts() > 0) {
                signalFeed();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Feed delivery pass failed: %s", e.getMessage());
        }
    }

    /** Tells every instance's feed views that delivery outcomes changed. */
    private void signalFeed() {
        try (Connection c = dataSource.getConnection()) {
            LiveSignals.notify(c, LiveSignals.FEED);
        } catch (SQLException e) {
            LOG.debugf("Could not signal feed changes: %s", e.getMessage());
        }
    }

    /** One batch for each advertiser with due leads (at most), then returns. */
    public RunResult runOnce(Options options) {
        return run(options, Duration.ZERO);
    }

    /**
     * Delivers, batch after batch, until no advertiser has a lead it can send now (nothing due,
     * outside hours, cap reached) or {@code maxTime} has passed (then the current batches finish).
     * Leads waiting for a retry later are left for a later run.
     */
    public RunResult runUntilIdle(Options options, Duration maxTime) {
        return run(options, maxTime);
    }

    private RunResult run(Options options, Duration maxTime) {
        Instant now = Instant.now();
        heldUntil.values().removeIf(until -> !until.isAfter(now));
        List<Integer> advertisers = new ArrayList<>(outbox.dueAdvertisers(now));
        advertisers.removeAll(heldUntil.keySet());
        if (advertisers.isEmpty()) {
            return new RunResult(0, 0, 0, 0);
        }
        long deadline = System.nanoTime() + maxTime.toNanos();
        if (advertisers.size() == 1) {
            return deliverAdvertiser(advertisers.get(0), options, deadline);
        }
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int key : advertisers) {
            futures.add(pool().submit(() -> deliverAdvertiser(key, options, deadline)));
        }
        List<RunResult> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<RunResult> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                RuntimeException re = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                if (failure == null) {
                    failure = re;
                } else {
                    failure.addSuppressed(re);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                break;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return RunResult.sum(results);
    }

    /** Batches of one advertiser until it has nothing sendable (at least one batch, whatever the deadline). */
    RunResult deliverAdvertiser(int advertiserKey, Options options, long deadlineNanos) {
        List<RunResult> results = new ArrayList<>();
        do {
            Claim claim = outbox.claim(advertiserKey, Instant.now(), options.lease());
            if (claim.state() != ClaimState.CLAIMED) {
                break;
            }
            RunResult r = deliver(claim, options);
            results.add(r);
            if (r.failed() > 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
        } while (System.nanoTime() < deadlineNanos);
        return RunResult.sum(results);
    }

    private RunResult deliver(Claim claim, Options options) {
        WebhookTarget t = claim.target();
        Instant attemptedAt = Instant.now();
        byte[] body = batchBody(claim, attemptedAt);
        WebhookSender.Result result = sender.send(t.url(), t.secret(), claim.batchId().toString(), body,
                options.requestTimeout());
        if (options.crashAfterSend()) {
            throw new SimulatedCrash("Simulated crash after sending batch " + claim.batchId() + " (HTTP "
                    + result.httpStatus() + "), before recording it");
        }
        Instant now = Instant.now();
        Instant retryAt = now.plus(new RetryBackoff(options.retryBase(), options.retryMax())
                .delay(claim.maxDeliveryAttempt(), ThreadLocalRandom.current()::nextDouble));
        outbox.record(claim, result, attemptedAt, now, retryAt);
        if (result.outcome() == WebhookSender.Outcome.FAILED) {
            heldUntil.put(t.advertiserKey(), retryAt);
        }
        int n = claim.leads().size();
        metrics.delivered(result.outcome(), n);
        if (result.outcome() != WebhookSender.Outcome.DELIVERED) {
            LOG.debugf("Batch %s of %d leads to advertiser %s: %s %s", claim.batchId(), n, t.advertiserId(),
                    result.outcome(), result.error());
        }
        return switch (result.outcome()) {
            case DELIVERED -> new RunResult(n, 0, 0, 1);
            case REJECTED -> new RunResult(0, n, 0, 1);
            case FAILED -> new RunResult(0, 0, n, 1);
        };
    }

    /** {"batchId","advertiserId","sentAt","leads":[...]}; timestamps ISO-8601 UTC. */
    byte[] batchBody(Claim claim, Instant sentAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + claim.leads().size() * 320);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("batchId", claim.batchId().toString());
            g.writeStringField("advertiserId", claim.target().advertiserId());
            g.writeStringField("sentAt", sentAt.toString());
            g.writeArrayFieldStart("leads");
            for (ClaimedLead l : claim.leads()) {
                g.writeStartObject();
                g.writeStringField("idempotencyKey", l.idempotencyKey().toString());
                g.writeNumberField("seq", l.seq());
                g.writeStringField("leadId", l.leadId());
                g.writeStringField("campaignId", l.campaignId());
                g.writeStringField("verifiedAt", l.verifiedAt() == null ? null : l.verifiedAt().toInstant().toString());
                g.writeStringField("callId", l.callId());
                g.writeStringField("agentId", l.agentId());
                if (l.talkSeconds() == null) {
                    g.writeNullField("talkSeconds");
                } else {
                    g.writeNumberField("talkSeconds", l.talkSeconds());
                }
                if (l.attemptNo() == null) {
                    g.writeNullField("attempt");
                } else {
                    g.writeNumberField("attempt", l.attemptNo());
                }
                g.writeStringField("phone", l.phone());
                g.writeNumberField("deliveryAttempt", l.deliveryAttempt());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    AtomicInteger n = new AtomicInteger();
                    pool = Executors.newFixedThreadPool(Math.max(1, config.parallelAdvertisers()), r -> {
                        Thread t = new Thread(r, "feed-delivery-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = pool;
            }
        }
        return p;
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
        }
    }
}
