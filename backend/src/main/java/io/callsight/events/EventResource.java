package io.callsight.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.callsight.calls.CallField;
import io.callsight.calls.RawCall;
import io.callsight.common.BadInputException;
import io.callsight.common.MeteredIngest;
import io.callsight.common.RestErrors;
import io.callsight.common.TimeZones;
import io.callsight.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * The event API (ARCHITECTURE §9): calls and agent states as they happen, one JSON object, a JSON
 * array or NDJSON per request, answered after commit with one outcome per event. A dialer that can
 * only call a URL when a call ends uses {@code /api/events/calls/dialer/{source}} with query (or form)
 * parameters, named as it likes through the source's field mapping. Open to ADMIN and INGEST keys.
 */
@Path("/api/events")
@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class EventResource {

    /** Largest event body read (bytes); files go to /api/ingest. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Query parameters of the dialer URL that are not call fields. */
    private static final Set<String> CONTROL_PARAMS = Set.of("api_key", "timezone");

    @Inject
    ObjectMapper json;

    @Inject
    CallEventWriter writer;

    @Inject
    AgentStateWriter agentStates;

    @Inject
    EventSources sources;

    @Inject
    EventsConfig config;

    @POST
    @Path("/calls")
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN,
            MediaType.WILDCARD })
    public Response calls(byte[] body, @QueryParam("timeZone") String timeZone, @QueryParam("source") String source) {
        List<EventBodies.Item> items = EventBodies.parse(json, checked(body), config.maxPerRequest());
        return submit(zone(timeZone), entries(items, source));
    }

    @GET
    @Path("/calls/dialer/{source}")
    public Response dialerGet(@PathParam("source") String source, @Context UriInfo uri) {
        return dialer(source, uri.getQueryParameters(), uri.getQueryParameters().getFirst("timeZone"));
    }

    /** The same as a POST: form parameters (application/x-www-form-urlencoded) or a JSON/NDJSON body. */
    @POST
    @Path("/calls/dialer/{source}")
    @Consumes(MediaType.WILDCARD)
    public Response dialerPost(@PathParam("source") String source, byte[] body, @Context UriInfo uri,
            @HeaderParam("Content-Type") String contentType) {
        String timeZone = uri.getQueryParameters().getFirst("timeZone");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            MultivaluedMap<String, String> all = new MultivaluedHashMap<>(uri.getQueryParameters());
            String form = new String(checked(body), StandardCharsets.UTF_8);
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                all.putSingle(k, v);
            }
            return dialer(source, all, all.getFirst("timeZone"));
        }
        return calls(body, timeZone, source);
    }

    @POST
    @Path("/agent-states")
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN,
            MediaType.WILDCARD })
    public EventsAnswer agentStates(byte[] body, @QueryParam("timeZone") String timeZone) throws SQLException {
        List<EventBodies.Item> items = EventBodies.parse(json, checked(body), config.maxPerRequest());
        return agentStates.write(items, zone(timeZone));
    }

    private Response dialer(String source, MultivaluedMap<String, String> params, String timeZone) {
        ObjectNode o = json.createObjectNode();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!CONTROL_PARAMS.contains(e.getKey().toLowerCase(Locale.ROOT)) && !e.getValue().isEmpty()) {
                o.put(e.getKey(), e.getValue().get(0));
            }
        }
        if (o.isEmpty()) {
            throw new BadInputException("No call fields in the request: name them as query or form parameters "
                    + "(e.g. ?call_id=...&lead_id=...&campaign_id=...&call_status=...&dial_time=...)");
        }
        return submit(zone(timeZone), entries(List.of(new EventBodies.Item(1, o, null, o.toString())), source));
    }

    /** Package-private, not private: counted by {@link MeteredIngest} (also when called from this class). */
    @MeteredIngest("call-events")
    Response submit(ZoneId zone, List<CallEventWriter.Entry> entries) {
        try {
            EventsAnswer answer = writer.submit(zone, entries).get(config.commitTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            return Response.ok(answer).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted before the events were committed; send them again");
        } catch (ExecutionException | TimeoutException e) {
            return unavailable("the events could not be committed (" + (e.getCause() == null ? e : e.getCause())
                    .getMessage() + "); send them again: events already stored count as duplicates");
        }
    }

    private static Response unavailable(String why) {
        return Response.status(503).header("Retry-After", 1).entity(new RestErrors.ErrorBody("UNAVAILABLE", why))
                .build();
    }

    /** Each item as a call record: keys through the source's mapping, then the call file's header synonyms. */
    private List<CallEventWriter.Entry> entries(List<EventBodies.Item> items, String source) {
        String src = source == null || source.isBlank() ? null : source.strip();
        List<CallEventWriter.Entry> out = new ArrayList<>(items.size());
        for (EventBodies.Item item : items) {
            if (item.object() == null) {
                out.add(new CallEventWriter.Entry(item.index(), null, item.error(), item.raw()));
                continue;
            }
            String[] values = new String[CallField.values().length];
            Set<CallField> seen = EnumSet.noneOf(CallField.class);
            for (Map.Entry<String, JsonNode> f : item.object().properties()) {
                CallField field = sources.fieldFor(src, f.getKey());
                JsonNode v = f.getValue();
                if (field == null || !seen.add(field) || v == null || v.isNull() || v.isContainerNode()) {
                    continue;
                }
                String text = v.asText();
                if (!text.isBlank()) {
                    values[field.ordinal()] = text;
                }
            }
            // a record's "line" is its position in the request, as a file row's is its line
            out.add(new CallEventWriter.Entry(item.index(), RawCall.of(item.index(), values, item.raw()), null,
                    item.raw()));
        }
        return out;
    }

    private static byte[] checked(byte[] body) {
        if (body == null) {
            throw new BadInputException("The body is empty: send one JSON object, a JSON array of objects, or NDJSON");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadInputException("The body is " + body.length + " bytes; events take at most " + MAX_BODY_BYTES
                    + " per request (send files to /api/ingest/calls)");
        }
        return body;
    }

    private static ZoneId zone(String timeZone) {
        return TimeZones.parse(timeZone, ZoneOffset.UTC);
    }
}
