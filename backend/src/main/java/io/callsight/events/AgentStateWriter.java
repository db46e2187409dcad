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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.FieldParsers;
import io.callsight.common.LiveSignals;
import io.callsight.common.Transactions;

/**
 * Agent state changes ({@code READY | ON_CALL | WRAP_UP | PAUSED | LOGGED_OUT}) into the state history,
 * one transaction per request, answered after commit. The same agent, instant and state again is a
 * duplicate. Keys are read case-insensitively and with or without underscores (agentId, agent_id).
 */
@ApplicationScoped
public class AgentStateWriter {

    static final Set<String> STATES = Set.of("READY", "ON_CALL", "WRAP_UP", "PAUSED", "LOGGED_OUT");

    @Inject
    AgroalDataSource dataSource;

    /** A checked state change, or the reject of its first bad field. */
    private record Row(int index, String agentId, String agentName, String state, Instant at, String campaignId,
            String reason, EventOutcome reject) {
    }

    EventsAnswer write(List<EventBodies.Item> items, ZoneId zone) throws SQLException {
        List<Row> rows = new ArrayList<>(items.size());
        for (EventBodies.Item item : items) {
            rows.add(check(item, zone));
        }
        List<EventOutcome> outcomes = new ArrayList<>(rows.size());
        try (Connection c = dataSource.getConnection()) {
            Transactions.inTransaction(c, tx -> {
                boolean any = false;
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO agent_state (agent_id, started_at, state, "
                        + "agent_name, campaign_id, reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    for (Row r : rows) {
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
                }
                if (any) {
                    LiveSignals.notify(tx, LiveSignals.AGENTS);
                }
                return null;
            });
        }
        return EventsAnswer.of(null, outcomes);
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
