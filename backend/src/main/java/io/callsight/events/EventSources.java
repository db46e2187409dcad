package io.callsight.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.callsight.calls.CallField;
import io.callsight.common.BadInputException;

/**
 * The field mappings of event senders (the same idea as the CRM schema registry): a dialer that names
 * its fields its own way ({@code uniqueid}, {@code dispo}...) is pointed at
 * {@code /api/events/calls/dialer/<source>} and its names are translated here; names it does not map
 * are read as call-file headers (with their synonyms), so a mapping only lists the differences.
 */
@ApplicationScoped
public class EventSources {

    /** source -> (lower-case parameter -> canonical call field); reloaded after every change. */
    private final Map<String, Map<String, String>> cache = new ConcurrentHashMap<>();

    /** The call field a sender's parameter means: its mapping first, then the call file's headers; null when none. */
    public CallField fieldFor(String source, String parameter) {
        if (source != null) {
            String mapped = mappingOf(source).get(parameter.strip().toLowerCase(Locale.ROOT));
            if (mapped != null) {
                return CallField.forHeader(mapped);
            }
        }
        return CallField.forHeader(parameter);
    }

    private Map<String, String> mappingOf(String source) {
        return cache.computeIfAbsent(source, s -> {
            Map<String, String> m = new TreeMap<>();
            for (EventSourceField f : EventSourceField.<EventSourceField>list("source", s)) {
                m.put(f.parameter.toLowerCase(Locale.ROOT), f.field);
            }
            return m;
        });
    }

    public List<EventSource> list() {
        Map<String, List<EventFieldMapping>> bySource = new TreeMap<>();
        for (EventSourceField f : EventSourceField.<EventSourceField>list("ORDER BY source, parameter")) {
            bySource.computeIfAbsent(f.source, k -> new ArrayList<>()).add(new EventFieldMapping(f.parameter, f.field));
        }
        List<EventSource> out = new ArrayList<>();
        bySource.forEach((s, m) -> out.add(source(s, m)));
        return out;
    }

    private static EventSource source(String source, List<EventFieldMapping> mappings) {
        return new EventSource(source, mappings, "/api/events/calls/dialer/" + source);
    }

    /** Replaces a sender's whole mapping (an empty list removes it). */
    @Transactional
    public EventSource set(String source, List<EventFieldMappingInput> mappings) {
        String s = source == null ? "" : source.strip();
        if (!s.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new BadInputException("source: use 1 to 64 letters, digits or . _ -");
        }
        List<EventFieldMapping> clean = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (EventFieldMappingInput in : mappings == null ? List.<EventFieldMappingInput>of() : mappings) {
            i++;
            String p = in.parameter == null ? "" : in.parameter.strip();
            if (p.isEmpty() || p.length() > 200) {
                throw new BadInputException("mappings[" + i + "].parameter: give the dialer's parameter name (1 to 200 characters)");
            }
            CallField f = in.field == null ? null : CallField.forHeader(in.field);
            if (f == null) {
                throw new BadInputException("mappings[" + i + "].field: '" + in.field + "' is not a call field (e.g. "
                        + "call_id, lead_id, campaign_id, call_status, lead_status, dial_time)");
            }
            if (!seen.add(p.toLowerCase(Locale.ROOT))) {
                throw new BadInputException("mappings[" + i + "].parameter: '" + p + "' is mapped twice");
            }
            clean.add(new EventFieldMapping(p, f.canonical));
        }
        EventSourceField.delete("source", s);
        EventSourceField.flush();
        for (EventFieldMapping m : clean) {
            EventSourceField row = new EventSourceField();
            row.source = s;
            row.parameter = m.parameter();
            row.field = m.field();
            row.persist();
        }
        cache.remove(s);
        return source(s, clean);
    }
}
