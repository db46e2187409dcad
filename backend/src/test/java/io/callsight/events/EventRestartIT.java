package io.callsight.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A SIGKILL in the middle of a stream of events. Client threads post call events and agent-state
 * events one per request to the packaged service (its own process and embedded PostgreSQL); the
 * java process is killed while requests are in flight (and right after a few events whose 200 answers
 * the client drops, standing for answers lost with their connection) and started again on the same
 * data and port.
 * The clients keep going and send every event that got no answer (refused, reset, 5xx) again until
 * it gets a 2xx. Afterwards every event that got a 2xx is stored exactly once: the calls in the fact
 * (the call list and the campaign report agree with the set answered), the agent states in their
 * history. Right after the kill the test reads the killed run's database (its embedded server outlives
 * the java process): every event answered 2xx is there (in the fact or the journal), and the events
 * stored there without an answer are exactly those whose resend comes back "duplicate"; any other
 * resend is "accepted", as is every event sent once. Everything answered before the kill, sent again
 * at the end, comes back "duplicate".
 */
class EventRestartIT {

    private static final int CLIENTS = 6;
    /** Events in the stream: three calls, then one agent state, and so on. */
    private static final int EVENTS = 400;
    /**
     * The kill comes when this many events were answered, sent by the client thread that got that answer
     * at once: the other answers of the same group commit are being written then, so some are lost.
     */
    private static final int KILL_AFTER = 130;
    /** Events sent right before the kill whose answers the client drops. */
    private static final int LOST_ANSWERS = 6;
    private static final String CALLS = "/api/events/calls";
    private static final String STATES_PATH = "/api/events/agent-states";
    private static final int AGENTS = 5;
    private static final String[] STATES = {"READY", "ON_CALL", "WRAP_UP", "PAUSED"};

    private ServiceProcess app;

    /** What the client saw for one event. */
    private static final class Sent {
        final String key;
        final boolean call;
        final String body;
        final AtomicInteger unanswered = new AtomicInteger();
        final List<String> outcomes = new CopyOnWriteArrayList<>();
        volatile boolean answeredBeforeKill;

        Sent(String key, boolean call, String body) {
            this.key = key;
            this.call = call;
            this.body = body;
        }
    }

    private boolean passed;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
            if (passed) {
                app.deleteData(); // kept after a failure, with the log
            }
        }
    }

    @Test
    void everyAnsweredEventIsStoredOnceAcrossAKill() throws Exception {
        long t0 = System.nanoTime();
        app = ServiceProcess.embedded("event-restart");
        app.start();
        String cmp = "ERS" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36)
                + ThreadLocalRandom.current().nextInt(100);
        LocalDate day = LocalDate.now(ZoneOffset.UTC); // the calls are dialled now: today, unless midnight passes
        Instant agentBase = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.MINUTES);

        long streamStart = System.nanoTime();
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean();
        CountDownLatch killSent = new CountDownLatch(1);
        long[] killedAt = new long[1];
        Set<String> dropped = ConcurrentHashMap.newKeySet();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            Thread client = new Thread(() -> {
                try {
                    int i;
                    while ((i = next.getAndIncrement()) < EVENTS) {
                        Sent s = event(cmp, i, agentBase);
                        sent.put(s.key, s);
                        if (!send(s, down, answered, unexpected)) {
                            continue;
                        }
                        // this answer was the KILL_AFTER-th: a few more events whose answers are lost (the client
                        // drops them, as a connection that breaks before the answer arrives), then the SIGKILL
                        List<Sent> lost = new ArrayList<>();
                        for (int k = 0; k < LOST_ANSWERS && (i = next.getAndIncrement()) < EVENTS; k++) {
                            Sent d = event(cmp, i, agentBase);
                            sent.put(d.key, d);
                            lost.add(d);
                            d.unanswered.incrementAndGet();
                            try {
                                if (app.post(d.call ? CALLS : STATES_PATH, "application/json", d.body).statusCode() == 200) {
                                    dropped.add(d.key);
                                }
                            } catch (IOException e) {
                                // lost all the same
                            }
                        }
                        down.set(true);
                        killedAt[0] = System.nanoTime();
                        app.sendKill();
                        killSent.countDown();
                        for (Sent d : lost) {
                            send(d, down, answered, unexpected);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "event-client-" + t);
            clients.add(client);
            client.start();
        }

        // the kill, with requests in flight
        assertThat(killSent.await(60, TimeUnit.SECONDS)).as("%d events answered within 60 s; unexpected: %s",
                KILL_AFTER, unexpected).isTrue();
        app.awaitDeath();
        // what the killed run committed, read from its embedded server (still running, orphaned) before the restart
        Set<String> committedAtKill = new HashSet<>();
        int journalAtKill;
        try (Connection c = app.jdbc()) {
            awaitNoOtherSessions(c);
            committedAtKill.addAll(strings(c, "SELECT call_id FROM call WHERE call_id LIKE ?", cmp + "~%"));
            Set<String> journal = strings(c, "SELECT call_id FROM call_event WHERE call_id LIKE ?", cmp + "~%");
            journalAtKill = journal.size();
            committedAtKill.addAll(journal);
            for (String row : strings(c, "SELECT agent_id || '|' || state || '|' || extract(epoch FROM started_at)::bigint "
                    + "FROM agent_state WHERE agent_id LIKE ?", cmp + "-AG%")) {
                String[] parts = row.split("\\|");
                committedAtKill.add(parts[0] + "|" + parts[1] + "|" + (Long.parseLong(parts[2]) - agentBase.getEpochSecond()));
            }
        }
        int answeredAtKill = answered.get();
        Set<String> beforeKill = sent.values().stream().filter(s -> !s.outcomes.isEmpty()).map(s -> s.key)
                .collect(Collectors.toSet());
        sent.values().forEach(s -> s.answeredBeforeKill = beforeKill.contains(s.key));
        // a 2xx means committed: every event answered before the kill was in the database when it died
        assertThat(committedAtKill).as("stored when the service was killed").containsAll(beforeKill);
        Set<String> answerLost = new HashSet<>(committedAtKill);
        answerLost.removeAll(beforeKill);
        long orphan = app.postgresPid();
        long restartMs = app.start();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                .as("the killed run's PostgreSQL (pid %d) was stopped by the restart", orphan).isFalse();
        down.set(false);
        for (Thread c : clients) {
            c.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(c.isAlive()).as("%s finished", c.getName()).isFalse();
        }
        long streamEnd = System.nanoTime();
        assertThat(unexpected).as("answers other than 2xx/5xx or outcomes other than accepted/duplicate").isEmpty();
        assertThat(sent).hasSize(EVENTS);

        List<Sent> calls = sent.values().stream().filter(s -> s.call).toList();
        List<Sent> states = sent.values().stream().filter(s -> !s.call).toList();
        for (Sent s : sent.values()) {
            assertThat(s.outcomes).as("answers of %s", s.key).hasSize(1);
            String outcome = s.outcomes.get(0);
            if (s.unanswered.get() == 0) {
                assertThat(outcome).as("%s was sent once", s.key).isEqualTo("accepted");
            } else {
                // committed by the killed run but unanswered: the resend is a duplicate; otherwise it is new
                assertThat(outcome).as("%s after %d unanswered attempt(s)", s.key, s.unanswered.get())
                        .isEqualTo(answerLost.contains(s.key) ? "duplicate" : "accepted");
            }
        }
        List<Sent> resent = sent.values().stream().filter(s -> s.unanswered.get() > 0).toList();
        long resentDuplicates = resent.stream().filter(s -> s.outcomes.get(0).equals("duplicate")).count();
        System.out.printf("[event-restart] %d events (%d calls, %d agent states), %d answered in the %d ms before the "
                + "kill, %d sent again after no answer (%d of them 'duplicate': committed before the kill, answer lost), "
                + "%d calls in the journal (not applied) at the kill, restart %d ms, stream after the restart %d ms%n",
                EVENTS, calls.size(), states.size(), answeredAtKill, TimeUnit.NANOSECONDS.toMillis(killedAt[0] - streamStart),
                resent.size(), resentDuplicates, journalAtKill, restartMs,
                TimeUnit.NANOSECONDS.toMillis(streamEnd - killedAt[0]) - restartMs);
        assertThat(resent).as("some events were in flight or sent while the service was down").isNotEmpty();
        assertThat(dropped).as("events answered 200 whose answers the client dropped").hasSize(LOST_ANSWERS);
        assertThat(answerLost).as("stored without an answer at the kill").containsAll(dropped);

        // every answered call reaches the fact once: the journal drains (the applier of the new run)
        Set<String> callIds = calls.stream().map(s -> s.key).collect(Collectors.toSet());
        long factFrom = System.nanoTime();
        awaitFact(cmp, callIds.size());
        System.out.printf("[event-restart] the fact had all %d calls %d ms after the stream ended%n", callIds.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - factFrom));
        assertThat(storedCallIds(cmp)).as("the call list").containsExactlyInAnyOrderElementsOf(callIds);
        try (Connection c = app.jdbc()) {
            assertThat(count(c, "SELECT count(*) FROM call WHERE call_id LIKE ?", cmp + "~%")).isEqualTo(callIds.size());
            assertThat(count(c, "SELECT count(*) FROM call_event", null)).as("journal left").isZero();
            assertThat(count(c, "SELECT count(*) FROM agent_state WHERE agent_id LIKE ?", cmp + "-AG%"))
                    .as("agent states stored").isEqualTo(states.size());
            assertThat(count(c, "SELECT count(*) FROM ingest_batch WHERE status <> 'COMPLETED'", null))
                    .as("event batches not completed").isZero();
        }

        // the live floor's today (day rollups, maintained by the same insert) counts each call once too
        if (LocalDate.now(ZoneOffset.UTC).equals(day)) {
            assertThat(app.graphql("query($f: CallFilter) { liveFloorNow(filter: $f) { today { totalCalls } } }",
                    Map.of("f", Map.of("campaignIds", List.of(cmp)))).path("liveFloorNow").path("today")
                    .path("totalCalls").asLong()).as("liveFloorNow today").isEqualTo(callIds.size());
        }

        // a resend of everything answered before the kill: all duplicates, nothing new
        List<Sent> early = sent.values().stream().filter(s -> s.answeredBeforeKill).toList();
        assertDuplicates("/api/events/calls", early.stream().filter(s -> s.call).toList());
        assertDuplicates("/api/events/agent-states", early.stream().filter(s -> !s.call).toList());
        Thread.sleep(300);
        assertThat(totalCalls(cmp)).as("total calls after the resend").isEqualTo(callIds.size());
        try (Connection c = app.jdbc()) {
            assertThat(count(c, "SELECT count(*) FROM agent_state WHERE agent_id LIKE ?", cmp + "-AG%"))
                    .isEqualTo(states.size());
        }
        // the agents' current state is their latest event's (GraphQL)
        Map<String, String> latest = new HashMap<>();
        Map<String, Integer> latestSeq = new HashMap<>();
        for (Sent s : states) {
            String[] parts = s.key.split("\\|");
            int seq = Integer.parseInt(parts[2]);
            if (latestSeq.getOrDefault(parts[0], -1) < seq) {
                latestSeq.put(parts[0], seq);
                latest.put(parts[0], parts[1]);
            }
        }
        Map<String, String> now = new HashMap<>();
        for (JsonNode a : app.graphql("{ agentStatesNow { agentId state } }", Map.of()).path("agentStatesNow")) {
            if (a.path("agentId").asText().startsWith(cmp + "-AG")) {
                now.put(a.path("agentId").asText(), a.path("state").asText());
            }
        }
        assertThat(now).isEqualTo(latest);

        passed = true;
        System.out.printf("[event-restart] done in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Event {@code i}: a call (unique id, dialled now) or, every fourth, an agent state (unique agent+at+state). */
    private static Sent event(String cmp, int i, Instant agentBase) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (i % 4 == 3) {
            String agent = cmp + "-AG" + (i % AGENTS);
            String state = STATES[(i / 4) % STATES.length];
            m.put("agentId", agent);
            m.put("agentName", "Agent " + (i % AGENTS));
            m.put("state", state);
            m.put("at", agentBase.plusSeconds(i).toString());
            m.put("campaignId", cmp);
            return new Sent(agent + "|" + state + "|" + i, false, json(m));
        }
        String id = cmp + "~" + i;
        m.put("call_id", id);
        m.put("lead_id", cmp + "-L" + i);
        m.put("campaign_id", cmp);
        m.put("campaign_name", "Restart " + cmp);
        m.put("advertiser_id", cmp + "-ADV");
        m.put("agent_id", cmp + "-AG" + (i % AGENTS));
        m.put("call_status", "Answered");
        m.put("lead_status", i % 5 == 0 ? "Interested" : "Not Interested");
        m.put("agent_call_duration", 120);
        m.put("customer_call_duration", 100);
        m.put("attempt_no", 1);
        m.put("to_number", "+1555" + String.format("%07d", i));
        m.put("dial_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Sent(id, true, json(m));
    }

    /**
     * Sends until a 2xx; refused, reset, timed out and 5xx count as unanswered and are sent again. True
     * when this was the {@link #KILL_AFTER}-th answer.
     */
    private boolean send(Sent s, AtomicBoolean down, AtomicInteger answered, List<String> unexpected)
            throws InterruptedException {
        String path = s.call ? CALLS : STATES_PATH;
        while (true) {
            int status;
            String body;
            try {
                HttpResponse<String> r = app.post(path, "application/json", s.body);
                status = r.statusCode();
                body = r.body();
            } catch (IOException e) {
                s.unanswered.incrementAndGet();
                Thread.sleep(down.get() ? 200 : 50);
                continue;
            }
            if (status >= 500) {
                s.unanswered.incrementAndGet();
                Thread.sleep(200);
                continue;
            }
            if (status / 100 != 2) {
                unexpected.add(s.key + ": HTTP " + status + " " + body);
                return false;
            }
            try {
                JsonNode events = ServiceProcess.JSON.readTree(body).path("events");
                String outcome = events.path(0).path("outcome").asText();
                if (events.size() != 1 || !(outcome.equals("accepted") || outcome.equals("duplicate"))) {
                    unexpected.add(s.key + ": " + body);
                }
                s.outcomes.add(outcome);
            } catch (IOException e) {
                unexpected.add(s.key + ": unreadable " + body);
            }
            return answered.incrementAndGet() == KILL_AFTER;
        }
    }

    private void assertDuplicates(String path, List<Sent> events) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        String ndjson = events.stream().map(s -> s.body).collect(Collectors.joining("\n"));
        HttpResponse<String> r = app.post(path, "application/x-ndjson", ndjson);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = ServiceProcess.JSON.readTree(r.body());
        List<String> outcomes = new ArrayList<>();
        answer.path("events").forEach(e -> outcomes.add(e.path("outcome").asText()));
        assertThat(outcomes).as("resend to %s", path).hasSize(events.size()).containsOnly("duplicate");
    }

    /** Waits until the campaign report counts {@code expected} calls and stays there. */
    private void awaitFact(String cmp, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long total = -1;
        int stable = 0;
        while (System.nanoTime() < deadline && stable < 3) {
            long t = totalCalls(cmp);
            stable = t == expected && t == total ? stable + 1 : 0;
            total = t;
            if (stable < 3) {
                Thread.sleep(200);
            }
        }
        assertThat(total).as("campaignPerformance totalCalls of %s", cmp).isEqualTo(expected);
    }

    private long totalCalls(String cmp) throws Exception {
        JsonNode rows = app.graphql("query($f: CallFilter) { campaignPerformance(filter: $f) { campaignId totalCalls } }",
                Map.of("f", filter(cmp))).path("campaignPerformance");
        long total = 0;
        for (JsonNode r : rows) {
            total += r.path("totalCalls").asLong();
        }
        return total;
    }

    private static Map<String, Object> filter(String cmp) {
        Instant now = Instant.now();
        return Map.of("campaignIds", List.of(cmp), "from", now.minus(2, ChronoUnit.DAYS).toString(),
                "to", now.plus(2, ChronoUnit.DAYS).toString());
    }

    /** Every call of the campaign through the call list, page by page (a repeat would show twice). */
    private List<String> storedCallIds(String cmp) throws Exception {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", filter(cmp));
            vars.put("after", after);
            JsonNode page = app.graphql("query($f: CallFilter, $after: String) { calls(filter: $f, first: 1000, "
                    + "after: $after) { edges { node { callId } } pageInfo { hasNextPage endCursor } } }", vars)
                    .path("calls");
            page.path("edges").forEach(e -> ids.add(e.path("node").path("callId").asText()));
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor")
                    .asText() : null;
        } while (after != null);
        assertThat(new HashSet<>(ids)).as("call ids listed twice").hasSize(ids.size());
        return ids;
    }

    /** Waits until the killed run's sessions are gone (a commit it had sent is finished then). */
    private static void awaitNoOtherSessions(Connection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long others;
        do {
            others = count(c, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                    + "AND pid <> pg_backend_pid()", null);
            if (others > 0) {
                Thread.sleep(50);
            }
        } while (others > 0 && System.nanoTime() < deadline);
        assertThat(others).as("sessions of the killed run still open").isZero();
    }

    private static Set<String> strings(Connection c, String sql, String param) throws Exception {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long count(Connection c, String sql, String param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String json(Map<String, Object> m) {
        try {
            return ServiceProcess.JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
