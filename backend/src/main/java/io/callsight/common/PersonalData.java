package io.callsight.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Personal data found in free-text and unknown columns of an ingest (README, "Personal data in ingested files"):
 * e-mail addresses, phone numbers (libphonenumber: a valid number of its country, read in the default region when
 * it has no {@code +}) and payment-card numbers (13 to 19 digits, spaces or dashes allowed, an issuer's prefix and
 * length, Luhn-valid). One {@link Scan} per ingest counts what it finds per column and kind, keeps up to
 * {@link #EXAMPLES} masked examples, and gives each value back masked. The pre-filter (an {@code @}, or at least
 * seven digits) keeps a value without either from any pattern.
 */
public final class PersonalData {

    public static final String EMAIL = "EMAIL";
    public static final String PHONE = "PHONE";
    public static final String CARD = "CARD";
    public static final int EXAMPLES = 3;

    /** 7 to 19 digits, a {@code +} or parenthesis before, single spaces, dots, dashes, parentheses between. */
    private static final Pattern DIGIT_RUN = Pattern.compile(
            "(?<![\\w+.,/:-])\\+?\\(?\\d(?:[ .()-]{0,2}\\d){6,18}(?![\\w+/:]|[.,-]\\d)");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Bare runs of digits checked in a column before a column that gave (almost) none stops being checked. */
    static final int BARE_SAMPLE = 1000;

    private PersonalData() {
    }

    /** What one ingest found, column by column; single-threaded. */
    public static final class Scan {

        private final String region;
        private final Map<String, Tally> tallies = new LinkedHashMap<>();
        private final Map<String, Boolean> idColumns = new HashMap<>();
        private final Map<String, int[]> bareSeen = new HashMap<>();
        private final Set<Integer> nationalLengths;

        /** {@code defaultRegion}: ISO 3166 code numbers without {@code +} are read in. */
        public Scan(String defaultRegion) {
            this.region = defaultRegion;
            this.nationalLengths = nationalLengths(defaultRegion);
        }

        /**
         * {@code value} with every e-mail address, phone number and card number in it masked, each counted under
         * {@code column}; the same instance when it holds none (most values: they pass the pre-filter only).
         */
        public String scan(String column, String value) {
            if (value == null || !candidate(value)) {
                return value;
            }
            String masked = value.indexOf('@') >= 0 ? emails(column, value) : value;
            if (bare(masked) && (idColumn(column) || !bareBudget(column))) {
                return masked; // the common case of an id or number column, without a pattern
            }
            return digitsAtLeast(masked, 7) ? numbers(column, masked) : masked;
        }

        /** The region numbers without {@code +} are read in. */
        public String region() {
            return region;
        }

        /** The findings so far, by column then kind, in the order met. */
        public List<PersonalDataFinding> findings() {
            List<PersonalDataFinding> out = new ArrayList<>();
            tallies.forEach((key, t) -> out.add(new PersonalDataFinding(t.column, t.kind, t.count,
                    List.copyOf(t.examples))));
            return out;
        }

        public boolean found() {
            return !tallies.isEmpty();
        }

        private String emails(String column, String value) {
            StringBuilder b = null;
            int from = 0;
            for (int at = value.indexOf('@'); at >= 0; at = value.indexOf('@', at + 1)) {
                int[] span = emailAround(value, at);
                if (span == null || span[0] < from) {
                    continue;
                }
                b = b == null ? new StringBuilder(value.length()) : b;
                String masked = maskEmail(value.substring(span[0], span[1]));
                record(column, EMAIL, masked);
                b.append(value, from, span[0]).append(masked);
                from = span[1];
            }
            return b == null ? value : b.append(value, from, value.length()).toString();
        }

        private String numbers(String column, String value) {
            Matcher m = DIGIT_RUN.matcher(value);
            StringBuilder b = null;
            int from = 0;
            while (m.find()) {
                String run = m.group();
                boolean bare = bare(run);
                if (bare && (idColumn(column) || !bareBudget(column))) {
                    continue; // a customer or account id, however phone-like; or a column of numbers that are none
                }
                String kind = card(run) ? CARD : phoneLength(run) && phone(run, region) ? PHONE : null;
                if (bare) {
                    bareChecked(column, kind != null);
                }
                if (kind != null) {
                    String masked = kind.equals(CARD) ? maskCard(run) : PhoneNumbers.mask(run);
                    record(column, kind, masked);
                    b = b == null ? new StringBuilder(value.length()) : b;
                    b.append(value, from, m.start()).append(masked);
                    from = m.end();
                }
            }
            return b == null ? value : b.append(value, from, value.length()).toString();
        }

        /** Whether the digits can make a number: with {@code +} any length, else a national length of the region. */
        private boolean phoneLength(String run) {
            return run.charAt(0) == '+' || nationalLengths.contains(digits(run).length());
        }

        /**
         * Whether bare runs of digits in {@code column} are still worth checking: not once {@value #BARE_SAMPLE} of
         * them gave less than 1% phone or card numbers (a column of timestamps, amounts or ids: libphonenumber costs
         * tens of microseconds a value).
         */
        private boolean bareBudget(String column) {
            int[] seen = bareSeen.get(column);
            return seen == null || seen[0] < BARE_SAMPLE || seen[1] * 100 >= seen[0];
        }

        private void bareChecked(String column, boolean found) {
            int[] seen = bareSeen.computeIfAbsent(column, k -> new int[2]);
            seen[0]++;
            seen[1] += found ? 1 : 0;
        }

        private boolean idColumn(String column) {
            return idColumns.computeIfAbsent(column, PersonalData::namesAnId);
        }

        private void record(String column, String kind, String masked) {
            Tally t = tallies.computeIfAbsent(column + '\u0000' + kind, k -> new Tally(column, kind));
            t.count++;
            if (t.examples.size() < EXAMPLES) {
                t.examples.add(masked);
            }
        }
    }

    private static final class Tally {
        final String column;
        final String kind;
        int count;
        final Set<String> examples = new LinkedHashSet<>();

        Tally(String column, String kind) {
            this.column = column;
            this.kind = kind;
        }
    }

    /**
     * Whether a column's name says it holds identifiers ({@code customer_id}, {@code Account ID}, {@code lead_key},
     * {@code ref}): a bare run of digits there is an id, not a phone or card number (a formatted one still counts).
     */
    static boolean namesAnId(String column) {
        String n = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return n.endsWith("id") || n.endsWith("key") || n.endsWith("ref") || n.endsWith("uuid") || n.endsWith("no")
                || n.endsWith("nr");
    }

    private static boolean bare(String run) {
        for (int i = 0; i < run.length(); i++) {
            if (run.charAt(i) < '0' || run.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** How many digits a number written without {@code +} has in {@code region}: its lengths, with the trunk prefix too. */
    private static Set<Integer> nationalLengths(String region) {
        Set<Integer> lengths = new HashSet<>();
        int code = PHONES.getCountryCodeForRegion(region);
        String trunk = PHONES.getNddPrefixForRegion(region, true);
        int prefix = trunk == null ? 0 : trunk.length();
        for (int n = 4; n <= 15 && code > 0; n++) { // isPossibleNumber looks at the length only
            Phonenumber.PhoneNumber probe = new Phonenumber.PhoneNumber().setCountryCode(code)
                    .setNationalNumber(Long.parseLong("2" + "0".repeat(n - 1)));
            if (PHONES.isPossibleNumber(probe)) {
                lengths.add(n);
                lengths.add(n + prefix);
            }
        }
        return lengths;
    }

    /** The pre-filter: an {@code @}, or at least seven digits. */
    static boolean candidate(String value) {
        return value.indexOf('@') >= 0 || digitsAtLeast(value, 7);
    }

    private static boolean digitsAtLeast(String value, int n) {
        int digits = 0;
        for (int i = 0, len = value.length(); i < len; i++) {
            char ch = value.charAt(i);
            if (ch >= '0' && ch <= '9' && ++digits >= n) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code value} (a whole value, trimmed) is an e-mail address. */
    public static boolean isEmail(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        int at = v.indexOf('@');
        int[] span = at < 0 ? null : emailAround(v, at);
        return span != null && span[0] == 0 && span[1] == v.length();
    }

    /**
     * The address around the {@code @} at {@code at} as [start, end), or null: a local part of letters, digits and
     * {@code . _ % + -} starting with a letter or digit, a domain of labels with a dot and a final label of 2 or more
     * letters. Linear in the length (no backtracking pattern).
     */
    static int[] emailAround(String v, int at) {
        int start = at;
        while (start > 0 && start > at - 64 && localChar(v.charAt(start - 1))) {
            start--;
        }
        while (start < at && !Character.isLetterOrDigit(v.charAt(start))) {
            start++;
        }
        int end = at + 1;
        while (end < v.length() && end < at + 256 && domainChar(v.charAt(end))) {
            end++;
        }
        while (end > at + 1 && (v.charAt(end - 1) == '.' || v.charAt(end - 1) == '-')) {
            end--;
        }
        int dot = v.lastIndexOf('.', end - 1);
        if (start == at || dot <= at + 1 || end - dot - 1 < 2) {
            return null;
        }
        for (int i = dot + 1; i < end; i++) {
            if (!isAsciiLetter(v.charAt(i))) {
                return null;
            }
        }
        return new int[] {start, end};
    }

    private static boolean localChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean domainChar(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Whether {@code value} (a whole value) is a phone number: a valid number, read in {@code region} without {@code +}. */
    public static boolean isPhone(String value, String region) {
        if (value == null) {
            return false;
        }
        Matcher m = DIGIT_RUN.matcher(value.strip());
        return m.matches() && !card(m.group()) && phone(m.group(), region);
    }

    /**
     * A card number: 13 to 19 digits, only single spaces or dashes between them, a prefix and length an issuer uses
     * (Visa, Mastercard, American Express, Discover, JCB, Diners, UnionPay, Maestro), and Luhn-valid. Epoch times
     * (they start with 1) and most ids fail the prefix or the check digit.
     */
    static boolean card(String run) {
        if (run.startsWith("+") || run.indexOf('(') >= 0 || run.indexOf('.') >= 0 || run.contains("  ")
                || run.contains("--")) {
            return false;
        }
        String digits = digits(run);
        return digits.length() >= 13 && digits.length() <= 19 && issuer(digits) && luhn(digits);
    }

    private static boolean issuer(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return switch (d.charAt(0)) {
            case '4' -> len == 13 || len == 16 || len == 19;
            case '5' -> two >= 51 && two <= 55 ? len == 16 : (two == 50 || two >= 56) && len >= 16; // Maestro 50, 56-58
            case '2' -> four >= 2221 && four <= 2720 && len == 16;
            case '3' -> (two == 34 || two == 37) && len == 15 || two == 35 && len >= 16
                    || (two == 30 || two == 36 || two == 38 || two == 39) && len >= 14;
            case '6' -> len >= 16; // Discover, UnionPay, Maestro
            default -> false;
        };
    }

    /** The Luhn check over {@code digits}. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * A phone number: written as one ({@code +}, spaces, dashes, parentheses, dots but not a single one) and of a
     * length its country uses (libphonenumber's {@code isPossibleNumber}); a bare run of digits only from 10 digits and when it is a valid
     * number (an assigned range), as customer and account ids are common in call files.
     */
    private static boolean phone(String run, String region) {
        int digits = digits(run).length();
        boolean bare = bare(run);
        if (digits < (bare ? 10 : 7) || digits > 15 || run.indexOf('.') >= 0 && run.indexOf('.') == run.lastIndexOf('.')) {
            return false; // one dot: a decimal number (0.4561875), not 415.555.2671
        }
        try {
            var number = PHONES.parse(run, region);
            return bare ? PHONES.isValidNumber(number) : PHONES.isPossibleNumber(number);
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static String digits(String run) {
        StringBuilder b = new StringBuilder(run.length());
        for (int i = 0; i < run.length(); i++) {
            char ch = run.charAt(i);
            if (ch >= '0' && ch <= '9') {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** {@code jane.doe@example.com} as {@code j***@example.com}. */
    public static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    /** {@code 4111 1111 1111 1111} as {@code **** **** **** 1111}: every digit but the last four, separators kept. */
    public static String maskCard(String card) {
        StringBuilder b = new StringBuilder(card);
        int keep = 4;
        for (int i = b.length() - 1; i >= 0; i--) {
            if (Character.isDigit(b.charAt(i)) && keep-- <= 0) {
                b.setCharAt(i, '*');
            }
        }
        return b.toString();
    }
}
