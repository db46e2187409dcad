package io.callsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one event of a request: {@code accepted} (stored now), {@code duplicate} (its call id,
 * or agent, instant and state, was stored before: nothing changed) or {@code rejected} (with the field,
 * value and reason, as file ingest gives them). {@code index} is its 1-based position in the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventOutcome(int index, String id, String outcome, String field, String value, String reason) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    static EventOutcome accepted(int index, String id) {
        return new EventOutcome(index, id, ACCEPTED, null, null, null);
    }

    static EventOutcome duplicate(int index, String id) {
        return new EventOutcome(index, id, DUPLICATE, null, null, null);
    }

    static EventOutcome rejected(int index, String id, String field, String value, String reason) {
        return new EventOutcome(index, id, REJECTED, field, value, reason);
    }
}
