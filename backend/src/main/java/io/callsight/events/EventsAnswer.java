package io.callsight.events;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.callsight.common.IngestCounts;

/**
 * The answer to an event request, sent after its events are committed: counts and one outcome per
 * event in request order. {@code batchId}: the ingest batch (group commit) that holds the call events
 * and their rejects; null for agent states.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventsAnswer(Long batchId, int received, int accepted, int duplicates, int rejected,
        List<EventOutcome> events) implements IngestCounts {

    @Override
    public int rowsRead() {
        return received;
    }

    @Override
    public int rowsStored() {
        return accepted;
    }

    @Override
    public int rowsRejected() {
        return rejected;
    }

    static EventsAnswer of(Long batchId, List<EventOutcome> events) {
        int a = 0;
        int d = 0;
        int r = 0;
        for (EventOutcome e : events) {
            switch (e.outcome()) {
                case EventOutcome.ACCEPTED -> a++;
                case EventOutcome.DUPLICATE -> d++;
                default -> r++;
            }
        }
        return new EventsAnswer(batchId, events.size(), a, d, r, events);
    }
}
