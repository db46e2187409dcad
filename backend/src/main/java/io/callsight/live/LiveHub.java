package io.callsight.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.callsight.common.LiveSignals;
import io.callsight.common.NotFoundException;
import io.callsight.reports.CallFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * The subscriptions' engine. Subscribers of the same view (same narrowed filter) share one
 * computation; a view is computed again when a signal from any instance says its data changed (new
 * calls, agent states, feed outcomes) or a minute turned, at most once a {@link #MIN_INTERVAL_MS} per
 * view, and pushed only when its content changed. A new subscriber gets the current value at once.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final long MIN_INTERVAL_MS = 1000;
    private static final long TICK_MS = 10;

    @Inject
    LiveFloorService floor;

    @Inject
    AgentStates agentStates;

    @Inject
    FeedActivityService feedActivity;

    @Inject
    MeterRegistry registry;

    private Timer computeTimer;

    /** A shared view: how to compute it, its subscribers, what they were sent, whether it is stale. */
    private final class View<T> {
        final String key;
        final Supplier<T> compute;
        final java.util.function.Function<T, Object> signature;
        final Set<MultiEmitter<? super T>> subscribers = ConcurrentHashMap.newKeySet();
        final Set<MultiEmitter<? super T>> fresh = ConcurrentHashMap.newKeySet();
        final Set<String> topics;
        volatile boolean dirty = true;
        volatile boolean computing;
        volatile long lastComputed;
        volatile long lastFailed;
        volatile T last;
        volatile Object lastSignature;

        View(String key, Set<String> topics, Supplier<T> compute, java.util.function.Function<T, Object> signature) {
            this.key = key;
            this.topics = topics;
            this.compute = compute;
            this.signature = signature;
        }

        boolean due(long now) {
            return !computing && now - lastFailed >= MIN_INTERVAL_MS
                    && (!fresh.isEmpty() || (dirty && now - lastComputed >= MIN_INTERVAL_MS));
        }

        void run() {
            try {
                boolean wasDirty = dirty || last == null;
                T value = last;
                if (wasDirty && (System.currentTimeMillis() - lastComputed >= MIN_INTERVAL_MS || last == null)) {
                    dirty = false;
                    lastComputed = System.currentTimeMillis();
                    long started = System.nanoTime();
                    value = compute.get();
                    computeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    Object sig = signature.apply(value);
                    boolean changed = !Objects.equals(sig, lastSignature);
                    last = value;
                    lastSignature = sig;
                    if (changed) {
                        for (MultiEmitter<? super T> e : subscribers) {
                            if (!fresh.contains(e)) {
                                e.emit(value);
                            }
                        }
                    }
                }
                for (MultiEmitter<? super T> e : fresh) {
                    fresh.remove(e);
                    if (value != null) {
                        e.emit(value);
                    }
                }
            } catch (RuntimeException ex) {
                LOG.warnf(ex, "Live view %s failed (retried in a second): %s", key, ex.getMessage());
                lastFailed = System.currentTimeMillis();
                dirty = true;
            } finally {
                computing = false;
            }
        }
    }

    private static final String AGENTS_VIEW = "agents";

    private final Map<String, View<?>> views = new ConcurrentHashMap<>();
    private final Map<Long, FeedActivityService.Watch> feedWatches = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private ExecutorService workers;
    private volatile int lastMinute = -1;

    @PostConstruct
    void start() {
        computeTimer = Timer.builder("callsight_live_view_compute_seconds").publishPercentiles(0.5, 0.95, 0.99)
                .description("Computations of live views (floor, agents) for their subscribers").register(registry);
        registerSubscriptionMetrics();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "live-ticker"));
        workers = Executors.newFixedThreadPool(2, r -> daemon(r, "live-compute"));
        ticker.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        workers.shutdownNow();
        for (View<?> v : views.values()) {
            v.subscribers.forEach(MultiEmitter::complete);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void onSignal(@ObservesAsync LiveSignals.Signal signal) {
        for (View<?> v : views.values()) {
            if (v.topics.contains(signal.topic())) {
                v.dirty = true;
            }
        }
        if (LiveSignals.CALLS.equals(signal.topic()) || LiveSignals.FEED.equals(signal.topic())) {
            feedWatches.values().forEach(w -> w.dirty = true);
        }
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            int minute = (int) ((now / 60_000) % 1_000_000);
            if (minute != lastMinute) {
                lastMinute = minute; // the windows moved
                views.values().forEach(v -> v.dirty = true);
            }
            for (View<?> v : views.values()) {
                if (v.due(now)) {
                    v.computing = true;
                    workers.execute(v::run);
                }
            }
            for (FeedActivityService.Watch w : feedWatches.values()) {
                if (w.dirty && !w.busy) {
                    w.dirty = false;
                    w.busy = true;
                    workers.execute(() -> feedActivity.poll(w));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Live ticker: %s", e.getMessage());
        }
    }

    /**
     * {@code callsight_subscriptions_active{subscription}}: open GraphQL subscriptions (liveFloor, agentStates,
     * feedActivity) on this instance; {@code callsight_subscriptions_started_total{subscription}}: since start.
     */
    private void registerSubscriptionMetrics() {
        gauge("liveFloor", () -> views.entrySet().stream().filter(e -> !e.getKey().equals(AGENTS_VIEW))
                .mapToInt(e -> e.getValue().subscribers.size()).sum());
        gauge("agentStates", () -> {
            View<?> v = views.get(AGENTS_VIEW);
            return v == null ? 0 : v.subscribers.size();
        });
        gauge("feedActivity", feedWatches::size);
        for (String s : new String[] {"liveFloor", "agentStates", "feedActivity"}) {
            started(s, 0);
        }
    }

    private void gauge(String subscription, java.util.function.IntSupplier count) {
        io.micrometer.core.instrument.Gauge.builder("callsight_subscriptions_active", count, c -> c.getAsInt())
                .description("Open GraphQL subscriptions on this instance").tag("subscription", subscription)
                .strongReference(true).register(registry);
    }

    private void started(String subscription, int n) {
        io.micrometer.core.instrument.Counter.builder("callsight_subscriptions_started_total")
                .description("GraphQL subscriptions opened since start").tag("subscription", subscription)
                .register(registry).increment(n);
    }

    /** The floor for a filter already narrowed to what the subscriber may see. */
    public Multi<LiveFloor> liveFloor(CallFilter narrowed, boolean withAgents) {
        String key = "floor:" + withAgents + ":" + filterKey(narrowed);
        return subscribe(key, Set.of(LiveSignals.CALLS, LiveSignals.AGENTS, LiveSignals.FEED),
                () -> floor.compute(narrowed, withAgents), LiveHub::floorSignature);
    }

    public Multi<List<AgentStateRow>> agentStates() {
        return subscribe(AGENTS_VIEW, Set.of(LiveSignals.CALLS, LiveSignals.AGENTS),
                () -> agentStates.current(floor.todayStart(Instant.now())), LiveHub::agentsSignature);
    }

    /** Each lead of the advertiser's feed as it enters the feed or its delivery changes. */
    public Multi<FeedActivity> feedActivity(String advertiserId) {
        // the lookups read the database: on a worker, never on the WebSocket's event loop
        Instant asked = Instant.now();
        return Multi.createFrom().<FeedActivity>emitter(em -> {
            Integer key = feedActivity.advertiserKey(advertiserId);
            if (key == null) {
                em.fail(new NotFoundException("Advertiser '" + advertiserId + "' does not exist"));
                return;
            }
            FeedActivityService.Watch w = feedActivity.watch(key, asked, em);
            started("feedActivity", 1);
            feedWatches.put(w.id, w);
            em.onTermination(() -> feedWatches.remove(w.id));
        }).runSubscriptionOn(workers);
    }

    @SuppressWarnings("unchecked")
    private <T> Multi<T> subscribe(String key, Set<String> topics, Supplier<T> compute,
            java.util.function.Function<T, Object> signature) {
        return Multi.createFrom().emitter(em -> {
            View<T> v = (View<T>) views.computeIfAbsent(key, k -> new View<>(k, topics, compute, signature));
            v.fresh.add(em);
            v.subscribers.add(em);
            started(key.equals(AGENTS_VIEW) ? "agentStates" : "liveFloor", 1);
            em.onTermination(() -> {
                v.subscribers.remove(em);
                v.fresh.remove(em);
                if (v.subscribers.isEmpty()) {
                    views.remove(key, v);
                }
            });
        });
    }

    static String filterKey(CallFilter f) {
        return String.join("|", String.valueOf(sorted(f.campaignIds)), String.valueOf(sorted(f.advertiserIds)),
                String.valueOf(sorted(f.agentIds)), String.valueOf(sorted(f.callStatuses)),
                String.valueOf(sorted(f.leadStatuses)));
    }

    private static List<String> sorted(List<String> l) {
        return l == null ? null : l.stream().sorted().toList();
    }

    /** What a push is about: everything but the clock (asOf, seconds in state, pause seconds). */
    static Object floorSignature(LiveFloor f) {
        return List.of(f.day(), f.today(), f.last15Minutes(), f.campaigns(), f.sparkline(), f.agentsByState(),
                agentsSignature(f.agents()), f.latestLeads(), f.latestViolations());
    }

    static Object agentsSignature(List<AgentStateRow> agents) {
        return agents.stream().map(a -> List.of(a.agentId(), String.valueOf(a.agentName()), a.state(), a.since(),
                String.valueOf(a.campaignId()), String.valueOf(a.reason()), a.callsToday(), a.conversionsToday())).toList();
    }
}
