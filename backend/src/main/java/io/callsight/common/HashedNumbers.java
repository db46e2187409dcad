package io.callsight.common;

/**
 * Phone numbers replaced by their hash under retention ({@code callsight.retention.phone-hash-days}):
 * {@code sha256:} and 64 hex digits. Masking leaves such a value as it is: it reveals no number.
 */
public final class HashedNumbers {

    /** How a hashed number starts. */
    public static final String PREFIX = "sha256:";

    private HashedNumbers() {
    }

    /** Whether {@code value} is a number replaced by its hash. */
    public static boolean isHashed(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
