package io.callsight.calls;

import java.util.function.Supplier;

/**
 * One call record as read from a source, before validation: values indexed by
 * {@link CallField#ordinal()} (null = column absent or empty), the line it starts on, and its raw
 * text for the reject table (built only when a row is rejected).
 */
public record RawCall(int line, String[] values, Supplier<String> rawText, String structuralError) {

    public static RawCall of(int line, String[] values, String raw) {
        return new RawCall(line, values, () -> raw, null);
    }

    /** A record whose raw text is rebuilt on demand (most rows are never rejected). */
    public static RawCall lazy(int line, String[] values, Supplier<String> raw) {
        return new RawCall(line, values, raw, null);
    }

    /** A record that could not be split into fields (wrong field count and the like). */
    public static RawCall malformed(int line, Supplier<String> raw, String error) {
        return new RawCall(line, new String[CallField.values().length], raw, error);
    }

    public String get(CallField f) {
        return values[f.ordinal()];
    }

    public String raw() {
        return rawText.get();
    }
}
