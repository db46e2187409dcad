package io.callsight.calls;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.callsight.common.BadInputException;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;
import io.callsight.common.UploadProgress;
import io.callsight.common.StoredText;

/**
 * Call records from a JSON array of objects, read as a stream. Keys are matched like CSV headers.
 * A record's "line" is its 1-based position in the array plus one, so the first object is line 2
 * as it would be in a CSV file with a header.
 */
public final class JsonCallSource implements CallSource {

    private final JsonParser parser;
    private final Set<String> ignored = new LinkedHashSet<>();
    private final PersonalData.Scan scan;
    private int index;

    public JsonCallSource(InputStream in) throws IOException {
        this(in, "US");
    }

    /** Phone numbers without {@code +} in unknown and free-text fields are read in {@code phoneRegion}. */
    public JsonCallSource(InputStream in, String phoneRegion) throws IOException {
        this.scan = new PersonalData.Scan(phoneRegion);
        this.parser = new JsonFactory().createParser(in);
        JsonToken t;
        try {
            t = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new BadInputException("Malformed JSON: " + e.getOriginalMessage());
        }
        if (t != JsonToken.START_ARRAY) {
            throw new BadInputException("JSON body must be an array of call objects");
        }
    }

    @Override
    public RawCall next() throws IOException {
        try {
            return read();
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadInputException("Malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    private RawCall read() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY || t == null) {
            return null;
        }
        index++;
        UploadProgress.rowRead();
        int line = index + 1;
        if (t != JsonToken.START_OBJECT) {
            parser.skipChildren();
            String what = t.asString() == null ? t.name() : t.asString();
            return RawCall.malformed(line, () -> what,
                    "array element " + index + " is not an object");
        }
        String[] values = new String[CallField.values().length];
        Set<CallField> seen = EnumSet.noneOf(CallField.class);
        StringBuilder raw = new StringBuilder("{");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = StoredText.withoutNul(parser.currentName());
            JsonToken vt = parser.nextToken();
            String value;
            if (vt == JsonToken.START_OBJECT || vt == JsonToken.START_ARRAY) {
                parser.skipChildren();
                value = null;
            } else if (vt == JsonToken.VALUE_NULL) {
                value = null;
            } else {
                value = StoredText.withoutNul(parser.getText());
            }
            CallField f = CallField.forHeader(name);
            if (f == null || f.freeText() || seen.contains(f)) {
                value = scan.scan(name, value);
            }
            if (raw.length() > 1) {
                raw.append(',');
            }
            raw.append('"').append(name).append("\":").append(value == null ? "null" : '"' + value + '"');
            if (f == null || !seen.add(f)) {
                ignored.add(name);
            } else if (value != null && !value.isBlank()) {
                values[f.ordinal()] = value;
            }
        }
        raw.append('}');
        return RawCall.of(line, values, raw.toString());
    }

    @Override
    public List<PersonalDataFinding> personalData() {
        return scan.findings();
    }

    @Override
    public List<String> ignoredColumns() {
        return List.copyOf(ignored);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
