package io.callsight.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.CallEvents;
import io.callsight.calls.RawCall;
import io.callsight.calls.StatusNormalizer;
import io.callsight.common.FileBatches;
import io.callsight.common.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Group commit of call events: requests hand their events to one writer thread, which takes every
 * request waiting (when it was idle, it lingers a few milliseconds after the first for more) and commits them in one
 * transaction into the {@code call_event} journal, with one ingest batch row for the group and the
 * rejects kept with their reason. A request is answered only after that commit, so a 2xx event is
 * durable; the call id is the idempotency key (journal primary key, and the fact is checked in the
 * same transaction). The journal does not wait for the ingest lock, so a large file batch never
 * stalls events; {@link EventApplier} moves the journal into the fact.
 */
@ApplicationScoped
public class CallEventWriter {

    private static final Logger LOG = Logger.getLogger(CallEventWriter.class);

    /** One request's events: records to validate, or items that could not be read as records. */
    record Submission(ZoneId zone, List<Entry> entries, CompletableFuture<EventsAnswer> done) {
    }

    /** One event of a request: a record, or why it is not one (rejected as a whole). */
    record Entry(int index, RawCall record, String error, String raw) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallEvents callEvents;

    @Inject
    EventsConfig config;

    @Inject
    EventApplier applier;

    @Inject
    MeterRegistry registry;

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;
    private Timer commitTimer;

    @PostConstruct
    void startWriter() {
        commitTimer = Timer.builder("callsight_event_group_commit_seconds").publishPercentiles(0.5, 0.95, 0.99)
                .description("Group commits of call events").register(registry);
        writer = new Thread(this::loop, "call-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@jakarta.enterprise.event.Observes ShutdownEvent ev) {
        running = false;
        writer.interrupt();
    }

    /** Queues a request's events; the future completes after their group commits. */
    CompletableFuture<EventsAnswer> submit(ZoneId zone, List<Entry> entries) {
        CompletableFuture<EventsAnswer> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("The service is stopping"));
            return done;
        }
        queue.add(new Submission(zone, entries, done));
        return done;
    }

    private void loop() {
        while (running) {
            List<Submission> group = new ArrayList<>();
            try {
                Submission first = queue.take();
                group.add(first);
                int events = first.entries().size();
                // Requests that waited during the last commit are a group already: no linger then.
                // The linger gathers a group only when the writer was idle (a quiet floor).
                boolean linger = queue.isEmpty();
                long deadline = System.nanoTime() + config.linger().toNanos();
                while (events < config.maxGroup()) {
                    long wait = linger ? deadline - System.nanoTime() : 0;
                    Submission next = wait <= 0 ? queue.poll() : queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    events += next.entries().size();
                }
            } catch (InterruptedException e) {
                fail(group, new IllegalStateException("The service is stopping"));
                Thread.currentThread().interrupt();
                return;
            }
            commitGroup(group);
        }
    }

    private void commitGroup(List<Submission> group) {
        long start = System.nanoTime();
        try {
            List<EventsAnswer> answers = commit(group);
            commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            applier.wake();
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(answers.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Group commit of %d request(s) failed: %s", group.size(), e.getMessage());
            fail(group, e);
        }
    }

    private static void fail(List<Submission> group, Exception e) {
        for (Submission s : group) {
            s.done().completeExceptionally(e);
        }
    }

    /** The group's one transaction; returns each submission's answer, in order. */
    private List<EventsAnswer> commit(List<Submission> group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> commitInTransaction(tx, group));
        }
    }

    private List<EventsAnswer> commitInTransaction(Connection c, List<Submission> group) throws SQLException {
        StatusNormalizer statuses = StatusNormalizer.load(c);
        // a group may mix requests of several time zones: the batch keeps the default, each event was read in its own
        long batchId = FileBatches.open(c, "events", "events", "call events", "application/json", null, List.of(), null);
        List<List<CallEvents.Checked>> checked = new ArrayList<>();
        List<FileBatches.Rejected> rejects = new ArrayList<>();
        Set<String> firstInGroup = new HashSet<>();
        List<String> ids = new ArrayList<>();
        List<String> staged = new ArrayList<>();
        int line = 0;
        for (Submission s : group) {
            List<RawCall> records = new ArrayList<>();
            for (Entry e : s.entries()) {
                if (e.record() != null) {
                    records.add(e.record());
                }
            }
            List<CallEvents.Checked> results = callEvents.validate(statuses, s.zone(), records);
            checked.add(results);
            int r = 0;
            for (Entry e : s.entries()) {
                line++;
                if (e.record() == null) {
                    rejects.add(rejected(line, null, null, null, e.error(), e.raw()));
                    continue;
                }
                CallEvents.Checked ch = results.get(r++);
                if (!ch.ok()) {
                    rejects.add(rejected(line, ch.callId(), ch.field(), ch.value(), ch.reason(), e.record().raw()));
                } else if (firstInGroup.add(ch.callId())) {
                    ids.add(ch.callId());
                    staged.add(ch.staged());
                }
            }
        }
        Set<String> stored = journal(c, batchId, ids, staged);
        if (!rejects.isEmpty()) {
            FileBatches.rejects(c, batchId, rejects);
        }
        List<EventsAnswer> answers = new ArrayList<>(group.size());
        int accepted = 0;
        int duplicates = 0;
        Set<String> answered = new HashSet<>();
        for (int g = 0; g < group.size(); g++) {
            List<EventOutcome> outcomes = new ArrayList<>();
            int r = 0;
            for (Entry e : group.get(g).entries()) {
                if (e.record() == null) {
                    outcomes.add(EventOutcome.rejected(e.index(), null, null, null, e.error()));
                    continue;
                }
                CallEvents.Checked ch = checked.get(g).get(r++);
                if (!ch.ok()) {
                    outcomes.add(EventOutcome.rejected(e.index(), ch.callId(), ch.field(), ch.value(), ch.reason()));
                } else if (stored.contains(ch.callId()) && answered.add(ch.callId())) {
                    outcomes.add(EventOutcome.accepted(e.index(), ch.callId()));
                    accepted++;
                } else {
                    outcomes.add(EventOutcome.duplicate(e.index(), ch.callId()));
                    duplicates++;
                }
            }
            answers.add(EventsAnswer.of(batchId, outcomes));
        }
        FileBatches.complete(c, batchId, line, accepted, rejects.size(), duplicates);
        return answers;
    }

    /**
     * Writes the group's new call ids to the journal (in id order: concurrent groups of several
     * instances lock the same keys in the same order) and returns those stored now: not in the journal
     * before, nor in the fact.
     */
    private static Set<String> journal(Connection c, long batchId, List<String> ids, List<String> staged)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        if (ids.isEmpty()) {
            return stored;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO call_event (call_id, batch_id, staged) "
                + "SELECT t.id, ?, t.st FROM unnest(?::text[], ?::text[]) AS t(id, st) ORDER BY t.id "
                + "ON CONFLICT (call_id) DO NOTHING RETURNING call_id")) {
            ps.setLong(1, batchId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            ps.setArray(3, c.createArrayOf("text", staged.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM call_event e WHERE e.batch_id = ? "
                + "AND EXISTS (SELECT 1 FROM call k WHERE k.call_id = e.call_id) RETURNING e.call_id")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.remove(rs.getString(1));
                }
            }
        }
        return stored;
    }

    /** A rejected event as the batch keeps it (value and raw text clipped, NUL characters dropped). */
    private static FileBatches.Rejected rejected(int line, String callId, String field, String value, String reason,
            String raw) {
        return new FileBatches.Rejected(line, callId, field, clip(value), reason, clip(raw));
    }

    private static String clip(String s) {
        return s == null ? null : (s.length() <= 2000 ? s : s.substring(0, 2000) + "...").replace("\u0000", "");
    }
}
