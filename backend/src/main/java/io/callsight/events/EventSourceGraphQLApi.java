package io.callsight.events;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.callsight.security.Access;
import io.callsight.security.Audited;
import io.callsight.security.Roles;

/** The dialers' field mappings (ADMIN). */
@GraphQLApi
@Audited
@Access(Roles.ADMIN)
public class EventSourceGraphQLApi {

    @Inject
    EventSources sources;

    @Query("eventSources")
    @Description("Event senders (dialers) with a field mapping, and their webhook paths")
    public @NonNull List<@NonNull EventSource> eventSources() {
        return sources.list();
    }

    @Mutation("setEventSource")
    @Description("Sets a dialer's whole field mapping (parameter name -> call field); an empty list removes it")
    public @NonNull EventSource setEventSource(@Name("source") @NonNull String source,
            @Name("mappings") @NonNull List<@NonNull EventFieldMappingInput> mappings) {
        return sources.set(source, mappings);
    }
}
