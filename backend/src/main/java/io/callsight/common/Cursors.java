package io.callsight.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors: base64 of a small typed text, checked on the way back in. */
public final class Cursors {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private Cursors() {
    }

    public static String encode(String kind, String value) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a cursor of {@code kind}, or null for a null cursor. */
    public static String decode(String kind, String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (!s.startsWith(kind + ":")) {
                throw new BadInputException("Cursor '" + cursor + "' does not belong to this list");
            }
            return s.substring(kind.length() + 1);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Cursor '" + cursor + "' is not a cursor of this list");
        }
    }

    public static int offset(String kind, String cursor) {
        String v = decode(kind, cursor);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v) + 1;
        } catch (NumberFormatException e) {
            throw new BadInputException("Cursor '" + cursor + "' is not a cursor of this list");
        }
    }

    /** The number a cursor of {@code kind} holds (a key or sequence number), or {@code absent} for no cursor. */
    public static long decodeLong(String kind, String cursor, long absent) {
        String v = decode(kind, cursor);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadInputException("Cursor '" + cursor + "' is not a cursor of this list");
        }
    }

    /** Page size: default 100, between 1 and 1000. */
    public static int pageSize(Integer first) {
        if (first == null) {
            return DEFAULT_PAGE;
        }
        if (first < 1 || first > MAX_PAGE) {
            throw new BadInputException("first must be between 1 and " + MAX_PAGE + " (was " + first + ")");
        }
        return first;
    }
}
