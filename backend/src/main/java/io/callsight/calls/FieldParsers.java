package io.callsight.calls;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;

/** Parsers for the value formats call files use. Each throws {@link IllegalArgumentException} with a reason. */
public final class FieldParsers {

    private FieldParsers() {
    }

    private static final DateTimeFormatter ISO_LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter ISO_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(ISO_LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:mm", "Z")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter ISO_OFFSET_COMPACT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(ISO_LOCAL)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HHmm", "Z")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter ISO_OFFSET_HOURS = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(ISO_LOCAL)
            .appendOffset("+HH", "Z")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** US style: 1/2/2026 3:04 PM, 01/02/2026 15:04:05, with one or more spaces. */
    private static final List<DateTimeFormatter> US_LOCAL = List.of(
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("M/d/uuuu[ ][ ]H:mm[:ss]")
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("M/d/uuuu[ ][ ]h:mm[:ss][ ]a")
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /**
     * A point in time. Values with an offset keep it; values without one are read in {@code zone}.
     * Accepts ISO-8601 (T or space), PostgreSQL's {@code +00} offsets, US {@code M/d/yyyy h:mm a},
     * a bare date (its midnight), and epoch seconds or milliseconds.
     */
    public static Instant timestamp(String value, ZoneId zone) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        Instant fast = fastIso(v, zone);
        if (fast != null) {
            return fast;
        }
        char first = v.charAt(0);
        if (Character.isDigit(first) && v.length() >= 10 && v.charAt(4) == '-') {
            if (v.length() == 10) {
                return parseLocalDate(v, DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT), zone);
            }
            if (hasOffset(v)) {
                for (DateTimeFormatter f : List.of(ISO_OFFSET, ISO_OFFSET_COMPACT, ISO_OFFSET_HOURS)) {
                    try {
                        return OffsetDateTime.parse(v, f).toInstant();
                    } catch (DateTimeParseException ignored) {
                        // next
                    }
                }
            } else {
                try {
                    return LocalDateTime.parse(v, ISO_LOCAL).atZone(zone).toInstant();
                } catch (DateTimeParseException ignored) {
                    // fall through
                }
            }
        } else if (v.indexOf('/') > 0) {
            String collapsed = v.replaceAll("\\s+", " ");
            if (collapsed.indexOf(' ') < 0) {
                return parseLocalDate(collapsed, US_DATE, zone);
            }
            for (DateTimeFormatter f : US_LOCAL) {
                try {
                    return LocalDateTime.parse(collapsed, f).atZone(zone).toInstant();
                } catch (DateTimeParseException ignored) {
                    // next
                }
            }
        } else if (isAllDigits(v) && (v.length() == 10 || v.length() == 13)) {
            long n = Long.parseLong(v);
            return v.length() == 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        throw new IllegalArgumentException(
                "not a timestamp (expected ISO-8601 like 2026-01-31T14:05:00Z or 2026-01-31 14:05:00)");
    }

    /**
     * The common shapes {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|+HH:MM|+HHMM|+HH]} parsed without
     * a formatter (ingest reads millions of them); null when {@code v} has another shape, so the
     * formatters decide. Field ranges are checked strictly.
     */
    static Instant fastIso(String v, ZoneId zone) {
        int n = v.length();
        if (n < 19 || v.charAt(4) != '-' || v.charAt(7) != '-' || (v.charAt(10) != 'T' && v.charAt(10) != ' ')
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(v.charAt(i))) {
                if (i - start < 9) {
                    nanos = nanos * 10 + (v.charAt(i) - '0');
                }
                i++;
            }
            int len = i - start;
            if (len == 0) {
                return null;
            }
            for (int k = Math.min(len, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null; // the formatters reject it with their message
        }
        long localSeconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        if (i == n) {
            if (zone instanceof ZoneOffset off) {
                return Instant.ofEpochSecond(localSeconds - off.getTotalSeconds(), nanos);
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
        }
        int offset = offsetSeconds(v, i);
        return offset == NO_OFFSET ? null : Instant.ofEpochSecond(localSeconds - offset, nanos);
    }

    private static final int NO_OFFSET = Integer.MIN_VALUE;

    /**
     * Seconds east of UTC of the offset that ends {@code v} from index {@code i} ({@code Z}, or
     * {@code [ ]+HH}, {@code +HHMM}, {@code +HH:MM} with either sign); {@link #NO_OFFSET} when it is none.
     */
    private static int offsetSeconds(String v, int i) {
        int n = v.length();
        char c = v.charAt(i);
        if ((c == 'Z' || c == 'z') && i == n - 1) {
            return 0;
        }
        if (c == ' ' && i + 1 < n) {
            c = v.charAt(++i);
        }
        if (c != '+' && c != '-') {
            return NO_OFFSET;
        }
        int sign = c == '+' ? 1 : -1;
        int oh;
        int om = 0;
        int rest = n - i - 1;
        if (rest == 2) {
            oh = digits(v, i + 1, 2);
        } else if (rest == 4) {
            oh = digits(v, i + 1, 2);
            om = digits(v, i + 3, 2);
        } else if (rest == 5 && v.charAt(i + 3) == ':') {
            oh = digits(v, i + 1, 2);
            om = digits(v, i + 4, 2);
        } else {
            return NO_OFFSET;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
            return NO_OFFSET;
        }
        return sign * (oh * 3600 + om * 60);
    }

    private static int digits(String v, int from, int count) {
        int r = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            r = r * 10 + (c - '0');
        }
        return r;
    }

    private static Instant parseLocalDate(String v, DateTimeFormatter f, ZoneId zone) {
        try {
            return LocalDate.parse(v, f).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date");
        }
    }

    private static boolean hasOffset(String v) {
        int t = 10; // after the date
        for (int i = v.length() - 1; i > t; i--) {
            char c = v.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+') {
                return true;
            }
            if (c == '-') {
                return true;
            }
            if (c == ':' || c == '.' || c == 'T' || c == ' ') {
                // keep scanning: offsets sit at the end, after the time
                continue;
            }
        }
        return false;
    }

    private static boolean isAllDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The longest call duration read (a week): longer is a typing or unit error. */
    static final double MAX_DURATION_S = 7 * 24 * 3600;

    /**
     * A duration in seconds: {@code 75}, {@code 75.5}, {@code 1:15} (m:ss) or {@code 0:01:15} (h:mm:ss).
     */
    public static double durationSeconds(String value) {
        String v = value.strip();
        double seconds;
        if (v.indexOf(':') >= 0) {
            String[] parts = v.split(":", -1);
            if (parts.length > 3) {
                throw new IllegalArgumentException("not a number of seconds or h:mm:ss");
            }
            seconds = 0;
            boolean negative = v.startsWith("-");
            for (String p : parts) {
                String digits = p.replace("-", "");
                if (digits.isEmpty() || !isNumber(digits)) {
                    throw new IllegalArgumentException("not a number of seconds or h:mm:ss");
                }
                seconds = seconds * 60 + Double.parseDouble(digits);
            }
            if (negative) {
                seconds = -seconds;
            }
        } else {
            if (!isNumber(v)) {
                throw new IllegalArgumentException("not a number");
            }
            seconds = Double.parseDouble(v);
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("not a number");
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (seconds > MAX_DURATION_S) { // and times plus such a duration overflow PostgreSQL's intervals
            throw new IllegalArgumentException("must not be longer than 7 days (" + (long) MAX_DURATION_S + " s)");
        }
        return seconds;
    }

    private static boolean isNumber(String v) {
        if (v.isEmpty()) {
            return false;
        }
        int i = (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
        boolean digits = false;
        boolean dot = false;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    /** A whole attempt number, 1 or more ({@code 2} and {@code 2.0} are fine). */
    public static int attemptNumber(String value) {
        String v = value.strip();
        if (!isNumber(v)) {
            throw new IllegalArgumentException("not a whole number");
        }
        double d = Double.parseDouble(v);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("not a whole number");
        }
        if (d < 1) {
            throw new IllegalArgumentException("must be 1 or more");
        }
        if (d > Short.MAX_VALUE) {
            throw new IllegalArgumentException("is implausibly large");
        }
        return (int) d;
    }

    /** Connected status: true/false, 1/0, yes/no, y/n, connected/not connected. */
    public static boolean connected(String value) {
        String v = StatusNormalizer.key(value);
        switch (v) {
            case "true", "t", "1", "yes", "y", "connected", "answered":
                return true;
            case "false", "f", "0", "no", "n", "not connected", "notconnected", "disconnected", "unconnected",
                    "no answer":
                return false;
            default:
                throw new IllegalArgumentException("not a connected status (expected true/false, 1/0, yes/no)");
        }
    }
}
