package io.callsight.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.FieldParsers;
import io.callsight.common.LiveSignals;
import io.callsight.common.MeteredIngest;
import io.callsight.common.Transactions;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Agent state changes ({@code READY | ON_CALL | WRAP_UP | PAUSED | LOGGED_OUT}) into the state history,
 * answered after commit. One writer thread commits every request waiting in one transaction (group
 * commit without a linger: requests that arrive while a commit runs form the next group), so 50
 * state changes a second cost a few WAL flushes, not 50. The same agent, instant and state again is a
 * duplicate. Keys are read case-insensitively and with or without underscores (agentId, agent_id).
 */
@ApplicationScoped
public class AgentStateWriter {

    static final Set<String> STATES = Set.of("READY", "ON_CALL", "WRAP_UP", "PAUSED", "LOGGED_OUT");

    private static final Logger LOG = Logger.getLogger(AgentStateWriter.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventsConfig config;

    /** A checked state change, or the reject of its first bad field. */
    private record Row(int index, String agentId, String agentName, String state, Instant at, String campaignId,
            String reason, EventOutcome reject) {
    }

    /** One request's checked rows, answered when their group commits. */
    private record Submission(List<Row> rows, CompletableFuture<EventsAnswer> done) {
    }

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void startWriter() {
        writer = new Thread(this::loop, "agent-state-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        writer.interrupt();
    }

    /**
     * Checks and stores a request's state changes; answers after they are committed, together with
     * whatever other requests were waiting (one transaction and one WAL flush for all of them).
     */
    @MeteredIngest("agent-states")
    EventsAnswer write(List<EventBodies.Item> items, ZoneId zone) throws SQLException {
        List<Row> rows = new ArrayList<>(items.size());
        for (EventBodies.Item item : items) {
            rows.add(check(item, zone));
        }
        CompletableFuture<EventsAnswer> done = new CompletableFuture<>();
        if (!running) {
            throw new IllegalStateException("The service is stopping");
        }
        queue.add(new Submission(rows, done));
        try {
            return done.get(config.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the agent states were being committed", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The agent states were not committed within " + config.commitTimeout()
                    + "; they may or may not be stored: send them again (a repeat is answered duplicate)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Storing the agent states failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void loop() {
        while (running) {
            List<Submission> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(group, config.maxGroup());
            try {
                List<EventsAnswer> answers = commit(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).done().complete(answers.get(i));
                }
            } catch (SQLException | RuntimeException e) {
                LOG.errorf(e, "Group commit of %d agent-state request(s) failed: %s", group.size(), e.getMessage());
                group.forEach(g -> g.done().completeExceptionally(e));
            }
        }
        List<Submission> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(g -> g.done().completeExceptionally(new IllegalStateException("The service is stopping")));
    }

    private List<EventsAnswer> commit(List<Submission> group) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                List<EventsAnswer> answers = new ArrayList<>(group.size());
                boolean any = false;
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO agent_state (agent_id, started_at, state, "
                        + "agent_name, campaign_id, reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Submission sub : group) {
                        List<EventOutcome> outcomes = new ArrayList<>(sub.rows().size());
                        for (Row r : sub.rows()) {
                            if (r.reject() != null) {
                                outcomes.add(r.reject());
                                continue;
                            }
                            ps.setString(1, r.agentId());
                            ps.setObject(2, r.at().atOffset(java.time.ZoneOffset.UTC));
                            ps.setString(3, r.state());
                            ps.setString(4, r.agentName());
                            ps.setString(5, r.campaignId());
                            ps.setString(6, r.reason());
                            boolean inserted = ps.executeUpdate() == 1;
                            any |= inserted;
                            outcomes.add(inserted ? EventOutcome.accepted(r.index(), r.agentId())
                                    : EventOutcome.duplicate(r.index(), r.agentId()));
                        }
                        answers.add(EventsAnswer.of(null, outcomes));
                    }
                }
                if (any) {
                    LiveSignals.notify(tx, LiveSignals.AGENTS);
                }
                return answers;
            });
        }
    }

    private static Row check(EventBodies.Item item, ZoneId zone) {
        int i = item.index();
        if (item.object() == null) {
            return reject(i, null, null, null, item.error());
        }
        ObjectNode o = item.object();
        String agentId = text(o, "agentId");
        String agentName = text(o, "agentName");
        if (agentId == null) {
            return reject(i, null, "agentId", null, "agentId is required");
        }
        String stateRaw = text(o, "state");
        if (stateRaw == null) {
            return reject(i, agentId, "state", null, "state is required (READY, ON_CALL, WRAP_UP, PAUSED or LOGGED_OUT)");
        }
        String state = stateRaw.toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!STATES.contains(state)) {
            return reject(i, agentId, "state", stateRaw, "state must be READY, ON_CALL, WRAP_UP, PAUSED or LOGGED_OUT");
        }
        String atRaw = text(o, "at");
        if (atRaw == null) {
            return reject(i, agentId, "at", null, "at (when the agent entered the state) is required");
        }
        Instant at;
        try {
            at = FieldParsers.timestamp(atRaw, zone);
        } catch (RuntimeException e) {
            return reject(i, agentId, "at", atRaw, "at is not a valid date and time: " + e.getMessage());
        }
        if (agentId.length() > 200 || (agentName != null && agentName.length() > 200)) {
            return reject(i, agentId, "agentId", agentId, "agentId and agentName are at most 200 characters");
        }
        return new Row(i, agentId, agentName, state, at, text(o, "campaignId"), clip(text(o, "reason")), null);
    }

    private static Row reject(int index, String agentId, String field, String value, String reason) {
        return new Row(index, agentId, null, null, null, null, null,
                EventOutcome.rejected(index, agentId, field, value, reason));
    }

    /** A text field by its camelCase name or its snake_case twin; blank is absent; NUL characters dropped. */
    private static String text(ObjectNode o, String camel) {
        JsonNode n = o.get(camel);
        if (n == null) {
            n = o.get(camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String v = n.asText().replace("\u0000", "").strip();
        return v.isEmpty() ? null : v;
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
