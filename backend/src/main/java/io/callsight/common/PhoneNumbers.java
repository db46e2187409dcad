package io.callsight.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers through libphonenumber: E.164 for hashing and storing, country codes of any length for masking. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * {@code raw} in E.164 ({@code +} country code and national number, digits only), read in {@code defaultRegion}
     * (ISO 3166 code) when it has no {@code +} or international prefix; null when it cannot be a phone number
     * (libphonenumber's {@code isPossibleNumber}: a length some number of that country has).
     */
    public static String e164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            PhoneNumber n = UTIL.parse(raw.strip(), defaultRegion);
            return UTIL.isPossibleNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Whether {@code region} is a region libphonenumber knows (for checking configuration). */
    public static boolean knownRegion(String region) {
        return UTIL.getSupportedRegions().contains(region);
    }

    /**
     * How many digits of an international number ({@code +...}) are its country calling code (1 to 3: {@code +1},
     * {@code +44}, {@code +353}); 0 when it has no {@code +} or no assigned code starts it.
     */
    public static int countryCodeDigits(String number) {
        if (number == null || !number.strip().startsWith("+")) {
            return 0;
        }
        String digits = number.replaceAll("\\D", "");
        for (int length = 1; length <= 3 && length < digits.length(); length++) { // country codes are prefix-free
            if (!"ZZ".equals(UTIL.getRegionCodeForCountryCode(Integer.parseInt(digits.substring(0, length))))) {
                return length;
            }
        }
        return 0;
    }

    /**
     * {@code +15551234567} as {@code +1******4567}, {@code +447911123456} as {@code +44******3456}: the country code
     * (of any length, as libphonenumber knows them; one digit when none is recognised) and the last four digits stay;
     * a number without {@code +} keeps only its last four. A hashed number ({@link HashedNumbers}) is left as it is.
     */
    public static String mask(String number) {
        if (number == null || number.isBlank() || HashedNumbers.isHashed(number)) {
            return number; // a hashed number (retention) reveals none
        }
        String n = number.strip();
        int keepHead = n.startsWith("+") && n.length() > 1 ? headLength(n) : 0;
        int keepTail = Math.min(4, Math.max(0, n.length() - keepHead - 1));
        int stars = n.length() - keepHead - keepTail;
        if (stars <= 0) {
            return "*".repeat(n.length());
        }
        return n.substring(0, keepHead) + "*".repeat(stars) + n.substring(n.length() - keepTail);
    }

    /** The length of {@code +} and the country code, counting the characters (spaces, dots) between its digits. */
    private static int headLength(String n) {
        int codeDigits = Math.max(1, countryCodeDigits(n));
        int seen = 0;
        int i = 1;
        while (i < n.length() && seen < codeDigits) {
            if (Character.isDigit(n.charAt(i++))) {
                seen++;
            }
        }
        return i;
    }
}
