package io.callsight.common;

/**
 * What text from an uploaded file must be before PostgreSQL stores it: no NUL character (text columns cannot hold
 * it), and identifiers short enough for an index entry (at most 2,704 bytes; three values share some entries, and
 * a character takes up to 4 bytes in UTF-8).
 */
public final class StoredText {

    /** The longest identifier (or other indexed value) kept, in characters. */
    public static final int MAX_IDENTIFIER = 200;

    /** The reason given for a longer one. */
    public static final String TOO_LONG = "longer than " + MAX_IDENTIFIER + " characters";

    private StoredText() {
    }

    /** True when {@code value} is too long to be an identifier. */
    public static boolean tooLong(String value) {
        return value != null && value.length() > MAX_IDENTIFIER;
    }

    /** The text with every NUL replaced by U+FFFD, the character undecodable bytes already become. */
    public static String withoutNul(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }
}
