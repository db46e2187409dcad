package io.callsight.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.callsight.common.BadInputException;

/**
 * The events of a request body: one JSON object, a JSON array of objects, or NDJSON (one object per
 * line; blank lines skipped). An NDJSON line that is not a JSON object becomes a rejected event of its
 * own (the others still count); a body that is none of the three is refused as a whole.
 */
final class EventBodies {

    /** One event as read: its 1-based position, the object, or why it is not one. */
    record Item(int index, ObjectNode object, String error, String raw) {
    }

    private EventBodies() {
    }

    static List<Item> parse(ObjectMapper json, byte[] body, int max) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            throw new BadInputException("The body is empty: send one JSON object, a JSON array of objects, or NDJSON");
        }
        List<Item> items;
        if (text.startsWith("[")) {
            items = array(json, text);
        } else if (text.startsWith("{")) {
            JsonNode whole = single(json, text);
            items = whole != null ? List.of(item(1, whole, text)) : ndjson(json, text);
        } else {
            throw new BadInputException("The body is not JSON: send one JSON object, a JSON array of objects, "
                    + "or NDJSON (one object per line)");
        }
        if (items.size() > max) {
            throw new BadInputException("Too many events in one request: " + items.size() + " (at most " + max + ")");
        }
        return items;
    }

    private static List<Item> array(ObjectMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadInputException("Malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        List<Item> items = new ArrayList<>(root.size());
        int i = 0;
        for (JsonNode n : root) {
            i++;
            items.add(item(i, n, n.toString()));
        }
        return items;
    }

    /** The body as one JSON value when it is exactly one, else null (then it is read as NDJSON). */
    private static JsonNode single(ObjectMapper json, String text) {
        try (var parser = json.createParser(text)) {
            JsonNode n = json.readTree(parser);
            return parser.nextToken() == null ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Item> ndjson(ObjectMapper json, String text) {
        List<Item> items = new ArrayList<>();
        int index = 0;
        int lineNo = 0;
        for (String line : text.split("\r?\n", -1)) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            index++;
            try {
                items.add(item(index, json.readTree(l), l));
            } catch (JsonProcessingException e) {
                items.add(new Item(index, null, "line " + lineNo + " is not valid JSON: " + e.getOriginalMessage(), l));
            }
        }
        return items;
    }

    private static Item item(int index, JsonNode n, String raw) {
        if (n instanceof ObjectNode o) {
            return new Item(index, o, null, raw);
        }
        return new Item(index, null, "event " + index + " is not a JSON object", raw);
    }
}
