package io.callsight.leadquality;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.callsight.common.PhoneNumbers;

/**
 * How a lead's e-mail and phone become the hashes leads are matched by (README, "Matching hashes"; partners
 * follow the same rules): SHA-1 of the UTF-8 bytes, as 40 lower-case hex digits, of
 * <ul>
 * <li>the e-mail trimmed and lower-cased (nothing else: dots and {@code +tags} stay);</li>
 * <li>the phone number in E.164 ({@code +14155550123}), read by libphonenumber in the default region when it has no
 * country code.</li>
 * </ul>
 */
final class LeadIdentity {

    private LeadIdentity() {
    }

    /** The e-mail as hashed: trimmed, lower-cased; null when it is not an address (no {@code @} inside). */
    static String normalEmail(String raw) {
        String e = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        return at > 0 && at < e.length() - 1 && e.indexOf('@', at + 1) < 0 && !e.matches(".*\\s.*") ? e : null;
    }

    /** The phone number as hashed: E.164; null when it cannot be a phone number. */
    static String normalPhone(String raw, String defaultRegion) {
        return PhoneNumbers.e164(raw, defaultRegion);
    }

    /** SHA-1 hex (lower case) of the UTF-8 bytes of a value already normalised. */
    static String hash(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
