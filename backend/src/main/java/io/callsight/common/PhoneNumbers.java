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
}
