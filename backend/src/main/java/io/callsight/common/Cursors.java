package io.callsight.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** A position in a list ordered by a time and a key (newest first): the cursor of its row. */
    public record TimeKey(OffsetDateTime at, long key) {
    }

    /** The cursor of a row at {@code at} with {@code key}, in a list of {@code kind} ordered by (time, key). */
    public static String encode(String kind, OffsetDateTime at, long key) {
        Instant i = at.toInstant();
        return encode(kind, (i.getEpochSecond() * 1_000_000L + i.getNano() / 1000) + ":" + key);
    }

    /** The (time, key) a cursor of {@code kind} holds (to the microsecond, in UTC), or null for no cursor. */
    public static TimeKey decodeTimeKey(String kind, String cursor) {
        String v = decode(kind, cursor);
        if (v == null) {
            return null;
        }
        try {
            String[] parts = v.split(":");
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            return new TimeKey(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
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
