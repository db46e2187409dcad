package io.callsight.compliance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which calls of one lead broke which calling rules: pure logic, no database, immutable.
 *
 * <ul>
 * <li>A rule applies to a call when its jurisdiction is {@code US} or one of the lead's states.</li>
 * <li>Calling hours: the call breaks a rule when, in <em>any</em> candidate zone of the lead, its local time
 * is outside the rule's hours on that local weekday (ambiguous locations: the strictest). A lead without a
 * known zone is checked in every zone of {@code unknownZones} (flagged "location unknown"); without known
 * states only the federal rules apply to it.</li>
 * <li>Attempt limit: the call is the (max+1)-th or later dial of the lead to the same number within the
 * rolling window ending at it (counted over the lead's calls; ties in time by call key).</li>
 * <li>Do-not-call: the number was on the internal list when it was dialled.</li>
 * <li>Opted out: an earlier call of the lead carried one of the rule's statuses (matched on their
 * normalised keys).</li>
 * <li>No-call days: in any candidate zone, the call's local date is one of the rule's weekdays or (with
 * {@code holidays}) a legal holiday of the rule's jurisdiction.</li>
 * </ul>
 */
public final class RuleEvaluator {

    /** One rule as evaluated; {@code days} empty = every day; {@code statusKeys} normalised status keys. */
    public record Rule(long id, String code, String jurisdiction, RuleKind kind, Set<DayOfWeek> days,
            LocalTime start, LocalTime end, int maxAttempts, int windowHours, Set<String> statusKeys, boolean holidays) {
        public Rule(long id, String code, String jurisdiction, RuleKind kind, Set<DayOfWeek> days, LocalTime start,
                LocalTime end, int maxAttempts, int windowHours, Set<String> statusKeys) {
            this(id, code, jurisdiction, kind, days, start, end, maxAttempts, windowHours, statusKeys, false);
        }

        public Rule {
            Objects.requireNonNull(code);
            Objects.requireNonNull(kind);
            days = Set.copyOf(days);
            statusKeys = Set.copyOf(statusKeys);
            if (kind == RuleKind.CALLING_HOURS && (start == null || end == null || !start.isBefore(end))) {
                throw new IllegalArgumentException(code + ": calling hours need start < end");
            }
            if (kind == RuleKind.ATTEMPT_LIMIT && (maxAttempts < 1 || windowHours < 1)) {
                throw new IllegalArgumentException(code + ": an attempt limit needs maxAttempts and windowHours > 0");
            }
            if (kind == RuleKind.NO_CALL_DAYS && days.isEmpty() && !holidays) {
                throw new IllegalArgumentException(code + ": no-call days need weekdays or holidays");
            }
            if (holidays && kind != RuleKind.NO_CALL_DAYS) {
                throw new IllegalArgumentException(code + ": holidays belong to NO_CALL_DAYS rules");
            }
        }

        boolean appliesTo(Place place) {
            return "US".equals(jurisdiction) || place.states().contains(jurisdiction);
        }
    }

    /** One call as the rules see it; statuses as stored (normalised on ingest). */
    public record Call(long callKey, String callId, int leadKey, Integer campaignKey, Integer advertiserKey,
            Integer agentKey, Instant dialTime, String toNumber, String zip, String leadStatus, String callStatus) {
    }

    /** Where the called party may be: states (two letters) and candidate zones; no zone = unknown. */
    public record Place(List<String> states, List<ZoneId> zones) {
        public Place {
            states = List.copyOf(states);
            zones = List.copyOf(zones);
        }

        public boolean known() {
            return !zones.isEmpty();
        }

        public static final Place UNKNOWN = new Place(List.of(), List.of());
    }

    /** A broken rule: the call, the rule, whether the lead's location was known, and what happened. */
    public record Found(Call call, Rule rule, boolean locationKnown, String detail) {
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private final List<Rule> rules;
    private final List<ZoneId> unknownZones;
    /** Jurisdiction -> its legal holidays (local dates) -> their names. */
    private final Map<String, Map<LocalDate, String>> holidays;

    public RuleEvaluator(List<Rule> rules, List<ZoneId> unknownZones) {
        this(rules, unknownZones, Map.of());
    }

    /** @param holidays the legal holidays (local dates, with their names) of each jurisdiction */
    public RuleEvaluator(List<Rule> rules, List<ZoneId> unknownZones, Map<String, Map<LocalDate, String>> holidays) {
        this.rules = List.copyOf(rules);
        if (unknownZones.isEmpty()) {
            throw new IllegalArgumentException("unknownZones: at least one zone");
        }
        this.unknownZones = List.copyOf(unknownZones);
        Map<String, Map<LocalDate, String>> copy = new java.util.HashMap<>();
        holidays.forEach((j, days) -> copy.put(j, Map.copyOf(days)));
        this.holidays = Map.copyOf(copy);
    }

    public boolean hasRules() {
        return !rules.isEmpty();
    }

    /** The rules, in the order they are checked. */
    public List<Rule> rules() {
        return rules;
    }

    /** The same evaluator with one of its rules only (none for null): a rule checked alone. */
    public RuleEvaluator only(Rule rule) {
        return new RuleEvaluator(rule == null ? List.of() : List.of(rule), unknownZones, holidays);
    }

    /**
     * The broken rules of every call of one lead ({@code calls}: all its calls, any order).
     *
     * @param places where each call's called party may be
     * @param dncSince when a number was put on the do-not-call list, null when it is not on it
     */
    public List<Found> evaluateLead(List<Call> calls, Function<Call, Place> places, Function<String, Instant> dncSince) {
        List<Call> sorted = new ArrayList<>(calls);
        sorted.sort(Comparator.comparing(Call::dialTime).thenComparingLong(Call::callKey));
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Call call = sorted.get(i);
            Place place = places.apply(call);
            ZonedDateTime[] locals = new ZonedDateTime[place.known() ? place.zones().size() : unknownZones.size()];
            for (Rule rule : rules) {
                if (!rule.appliesTo(place)) {
                    continue;
                }
                String detail = switch (rule.kind()) {
                    case CALLING_HOURS -> outsideHours(call, rule, place, locals);
                    case ATTEMPT_LIMIT -> overLimit(sorted, i, rule);
                    case DO_NOT_CALL -> onList(call, dncSince);
                    case OPTED_OUT -> optedOut(sorted, i, rule);
                    case NO_CALL_DAYS -> onNoCallDay(call, rule, place, locals);
                };
                if (detail != null) {
                    found.add(new Found(call, rule, place.known(), detail));
                }
            }
        }
        return found;
    }

    private String outsideHours(Call call, Rule rule, Place place, ZonedDateTime[] locals) {
        List<ZoneId> zones = place.known() ? place.zones() : unknownZones;
        for (int z = 0; z < zones.size(); z++) {
            ZonedDateTime local = locals[z];
            if (local == null) {
                local = locals[z] = call.dialTime().atZone(zones.get(z));
            }
            if (!rule.days().isEmpty() && !rule.days().contains(local.getDayOfWeek())) {
                continue;
            }
            LocalTime t = local.toLocalTime();
            if (t.isBefore(rule.start()) || t.isAfter(rule.end())) {
                return "dialled " + DAYS[local.getDayOfWeek().ordinal()] + " " + hhmm(t) + " in " + zones.get(z).getId()
                        + (place.known() ? "" : " (location unknown)") + "; permitted " + hhmm(rule.start()) + "-"
                        + hhmm(rule.end());
            }
        }
        return null;
    }

    /** A call on a forbidden weekday or a legal holiday of the rule's jurisdiction, local date in any candidate zone. */
    private String onNoCallDay(Call call, Rule rule, Place place, ZonedDateTime[] locals) {
        List<ZoneId> zones = place.known() ? place.zones() : unknownZones;
        Map<LocalDate, String> calendar = rule.holidays() ? holidays.getOrDefault(rule.jurisdiction(), Map.of()) : Map.of();
        for (int z = 0; z < zones.size(); z++) {
            ZonedDateTime local = locals[z];
            if (local == null) {
                local = locals[z] = call.dialTime().atZone(zones.get(z));
            }
            String holiday = calendar.get(local.toLocalDate());
            boolean day = rule.days().contains(local.getDayOfWeek());
            if (holiday != null || day) {
                return "dialled " + DAYS[local.getDayOfWeek().ordinal()] + " " + local.toLocalDate() + " "
                        + hhmm(local.toLocalTime()) + " in " + zones.get(z).getId() + (place.known() ? "" : " (location unknown)")
                        + (holiday != null ? "; no calls on legal holidays (" + holiday + ")"
                                : "; no calls on " + DAYS[local.getDayOfWeek().ordinal()]);
            }
        }
        return null;
    }

    private static String overLimit(List<Call> sorted, int index, Rule rule) {
        Call call = sorted.get(index);
        String number = digits(call.toNumber());
        if (number.isEmpty()) {
            return null;
        }
        Instant windowStart = call.dialTime().minus(Duration.ofHours(rule.windowHours()));
        int count = 0;
        for (int j = index; j >= 0; j--) {
            Call earlier = sorted.get(j);
            if (!earlier.dialTime().isAfter(windowStart)) {
                break;
            }
            if (number.equals(digits(earlier.toNumber()))) {
                count++;
            }
        }
        return count > rule.maxAttempts() ? "dial " + count + " to this number within " + rule.windowHours()
                + " h (at most " + rule.maxAttempts() + ")" : null;
    }

    private static String onList(Call call, Function<String, Instant> dncSince) {
        if (call.toNumber() == null) {
            return null;
        }
        Instant since = dncSince.apply(call.toNumber());
        return since != null && !since.isAfter(call.dialTime())
                ? "number on the internal do-not-call list since " + since : null;
    }

    private static String optedOut(List<Call> sorted, int index, Rule rule) {
        Call call = sorted.get(index);
        for (int j = 0; j < index; j++) {
            Call earlier = sorted.get(j);
            if (!earlier.dialTime().isBefore(call.dialTime())) {
                break;
            }
            String status = matches(earlier.leadStatus(), rule) ? earlier.leadStatus()
                    : matches(earlier.callStatus(), rule) ? earlier.callStatus() : null;
            if (status != null) {
                return "the lead asked not to be called (" + status + " on call " + earlier.callId() + " at "
                        + earlier.dialTime() + ")";
            }
        }
        return null;
    }

    private static boolean matches(String status, Rule rule) {
        return status != null && rule.statusKeys().contains(io.callsight.calls.StatusNormalizer.key(status));
    }

    private static String digits(String number) {
        if (number == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char ch = number.charAt(i);
            if (ch >= '0' && ch <= '9') {
                sb.append(ch);
            }
        }
        // a US number with or without its country code is one number
        return sb.length() == 11 && sb.charAt(0) == '1' ? sb.substring(1) : sb.toString();
    }

    static String hhmm(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            return "24:00";
        }
        int h = t.getHour();
        int m = t.getMinute();
        return (h < 10 ? "0" : "") + h + (m < 10 ? ":0" : ":") + m;
    }
}
