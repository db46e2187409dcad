package io.callsight.calls;

/**
 * One call record as read from a source, before validation: values indexed by
 * {@link CallField#ordinal()} (null = column absent or empty), the line it starts on, and its raw
 * text for the reject table.
 */
public record RawCall(int line, String[] values, String raw, String structuralError) {

    public static RawCall of(int line, String[] values, String raw) {
        return new RawCall(line, values, raw, null);
    }

    /** A record that could not be split into fields (wrong field count and the like). */
    public static RawCall malformed(int line, String raw, String error) {
        return new RawCall(line, new String[CallField.values().length], raw, error);
    }

    public String get(CallField f) {
        return values[f.ordinal()];
    }
}
