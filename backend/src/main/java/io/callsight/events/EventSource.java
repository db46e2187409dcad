package io.callsight.events;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A dialer (or other event sender) and its field mapping. */
@Type("EventSource")
@Description("An event sender (a dialer) and how its parameter names map to call fields; its webhook is "
        + "GET or POST /api/events/calls/dialer/{source}")
public record EventSource(@NonNull String source, @NonNull List<@NonNull EventFieldMapping> mappings,
        @NonNull String webhookPath) {
}
