package io.callsight.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Each rule with a violating and a compliant call, on real area codes (LeadLocation), daylight-saving days and a
 * number whose area code spans two zones. Known answers in comments; no database.
 */
class RuleEvaluatorTest {

    private static final List<ZoneId> CONTINENTAL = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"),
            ZoneId.of("America/Denver"), ZoneId.of("America/Phoenix"), ZoneId.of("America/Los_Angeles"));

    private static final RuleEvaluator.Rule US_HOURS = hours(1, "US-HOURS", "US", Set.of(), 8, 0, 21, 0);
    private static final RuleEvaluator.Rule FL_HOURS = hours(2, "FL-HOURS", "FL", Set.of(), 8, 0, 20, 0);
    private static final RuleEvaluator.Rule TX_HOURS = hours(3, "TX-HOURS", "TX", Set.of(DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), 9, 0, 21, 0);
    private static final RuleEvaluator.Rule TX_SUNDAY = hours(4, "TX-HOURS-SUN", "TX", Set.of(DayOfWeek.SUNDAY), 12, 0,
            21, 0);
    private static final RuleEvaluator.Rule FL_ATTEMPTS = new RuleEvaluator.Rule(5, "FL-ATTEMPTS", "FL",
            RuleKind.ATTEMPT_LIMIT, Set.of(), null, null, 3, 24, Set.of());
    private static final RuleEvaluator.Rule US_DNC = new RuleEvaluator.Rule(6, "US-DNC", "US", RuleKind.DO_NOT_CALL,
            Set.of(), null, null, 0, 0, Set.of());
    private static final RuleEvaluator.Rule US_OPTED_OUT = new RuleEvaluator.Rule(7, "US-OPTED-OUT", "US",
            RuleKind.OPTED_OUT, Set.of(), null, null, 0, 0, Set.of("dnc"));

    private static final RuleEvaluator ALL = new RuleEvaluator(List.of(US_HOURS, FL_HOURS, TX_HOURS, TX_SUNDAY,
            FL_ATTEMPTS, US_DNC, US_OPTED_OUT), CONTINENTAL);

    private static RuleEvaluator.Rule hours(long id, String code, String j, Set<DayOfWeek> days, int h1, int m1, int h2,
            int m2) {
        return new RuleEvaluator.Rule(id, code, j, RuleKind.CALLING_HOURS, days, LocalTime.of(h1, m1), LocalTime.of(h2, m2),
                0, 0, Set.of());
    }

    private static long key;

    private static RuleEvaluator.Call call(String number, String utc) {
        return call(number, utc, null);
    }

    private static RuleEvaluator.Call call(String number, String utc, String leadStatus) {
        key++;
        return new RuleEvaluator.Call(key, "c" + key, 1, 1, 1, 1, Instant.parse(utc), number, null, leadStatus, "Answered");
    }

    /** Codes broken by each call, in call order (empty list: compliant). */
    private static List<List<String>> broken(List<RuleEvaluator.Call> calls, Map<String, Instant> dnc) {
        List<RuleEvaluator.Found> found = ALL.evaluateLead(calls, c -> ComplianceChecker.place(c.zip(), c.toNumber()),
                dnc::get);
        List<List<String>> out = new ArrayList<>();
        for (RuleEvaluator.Call c : calls) {
            out.add(found.stream().filter(f -> f.call().equals(c)).map(f -> f.rule().code()).sorted().toList());
        }
        return out;
    }

    private static List<String> broken(String number, String utc) {
        return broken(List.of(call(number, utc)), Map.of()).get(0);
    }

    @Test
    void federalHoursInTheCalledPartysZone() {
        // New York (212), June (EDT, UTC-4): 20:59 is allowed, 21:01 and 07:59 are not
        assertThat(broken("(212) 555-0147", "2026-06-16T00:59:00Z")).isEmpty();
        assertThat(broken("(212) 555-0147", "2026-06-16T01:01:00Z")).containsExactly("US-HOURS");
        assertThat(broken("(212) 555-0147", "2026-06-15T11:59:00Z")).containsExactly("US-HOURS");
        // the same instant, 16:59 in San Francisco (415): allowed
        assertThat(broken("+1 415 555 0100", "2026-06-16T00:59:00Z")).isEmpty();
    }

    @Test
    void daylightSavingChangesAreTheZonesOwn() {
        // 2026-03-08 clocks go forward in New York: 12:30Z is 08:30 EDT (allowed); with the winter offset it
        // would read 07:30 and be flagged. 11:30Z is 07:30 EDT: too early.
        assertThat(broken("(212) 555-0147", "2026-03-08T12:30:00Z")).isEmpty();
        assertThat(broken("(212) 555-0147", "2026-03-08T11:30:00Z")).containsExactly("US-HOURS");
        // 2026-11-01 clocks go back: 12:30Z is 07:30 EST (too early; 08:30 under summer time), 13:30Z is 08:30 EST
        assertThat(broken("(212) 555-0147", "2026-11-01T12:30:00Z")).containsExactly("US-HOURS");
        assertThat(broken("(212) 555-0147", "2026-11-01T13:30:00Z")).isEmpty();
    }

    @Test
    void anAmbiguousNumberMustBeWithinHoursInEveryCandidateZone() {
        // Idaho 208: Boise (Mountain) and the panhandle (Pacific). 14:30Z = 08:30 Boise but 07:30 Pacific
        List<RuleEvaluator.Found> found = ALL.evaluateLead(List.of(call("+12085550100", "2026-06-15T14:30:00Z")),
                c -> ComplianceChecker.place(c.zip(), c.toNumber()), n -> null);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule().code()).isEqualTo("US-HOURS");
            assertThat(f.detail()).contains("America/Los_Angeles").contains("07:30");
            assertThat(f.locationKnown()).isTrue();
        });
        assertThat(broken("+12085550100", "2026-06-15T15:30:00Z")).isEmpty();
    }

    @Test
    void anUnknownLocationIsCheckedInEveryContinentalZone() {
        // 555 is no area code: 13:30Z is 09:30 in New York but 06:30 in Los Angeles
        List<RuleEvaluator.Found> found = ALL.evaluateLead(List.of(call("+15555550100", "2026-06-15T13:30:00Z")),
                c -> ComplianceChecker.place(c.zip(), c.toNumber()), n -> null);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.rule().code()).isEqualTo("US-HOURS");
            assertThat(f.locationKnown()).isFalse();
            assertThat(f.detail()).contains("location unknown");
        });
        // 18:00Z: 14:00 New York, 11:00 Los Angeles
        assertThat(broken("+15555550100", "2026-06-15T18:00:00Z")).isEmpty();
    }

    @Test
    void stricterStateHoursApplyOnlyInTheirState() {
        // 20:30 EDT: after Florida's 20:00 (Miami 305) but within the federal 21:00 (New York 212)
        assertThat(broken("+1 305 555 0101", "2026-06-16T00:30:00Z")).containsExactly("FL-HOURS");
        assertThat(broken("(212) 555-0147", "2026-06-16T00:30:00Z")).isEmpty();
        // Texas (Dallas 214, CDT = UTC-5). Sunday 2026-06-14 11:00 local: before noon -> TX Sunday rule
        assertThat(broken("+1 214 555 0102", "2026-06-14T16:00:00Z")).containsExactly("TX-HOURS-SUN");
        assertThat(broken("+1 214 555 0102", "2026-06-14T17:30:00Z")).isEmpty(); // Sunday 12:30
        // Monday 08:30: allowed federally, before Texas's 09:00; Monday 09:30 fine
        assertThat(broken("+1 214 555 0102", "2026-06-15T13:30:00Z")).containsExactly("TX-HOURS");
        assertThat(broken("+1 214 555 0102", "2026-06-15T14:30:00Z")).isEmpty();
    }

    @Test
    void theLeadsZipPlacesANumberWithoutAKnownAreaCode() {
        // 555 is no area code, but ZIP 33101 is Miami: Florida's 20:00 applies at 20:30 EDT, in that zone only
        key++;
        RuleEvaluator.Call call = new RuleEvaluator.Call(key, "c" + key, 1, 1, 1, 1, Instant.parse("2026-06-16T00:30:00Z"),
                "+15555550100", "33101", null, "Answered");
        List<RuleEvaluator.Found> found = ALL.evaluateLead(List.of(call), c -> ComplianceChecker.place(c.zip(), c.toNumber()),
                n -> null);
        assertThat(found).extracting(f -> f.rule().code()).containsExactly("FL-HOURS");
        assertThat(found.get(0).locationKnown()).isTrue();
    }

    @Test
    void theFourthDialInTwentyFourHoursBreaksTheAttemptLimit() {
        String miami = "+1 305 555 0101";
        // 10:00, 12:00, 14:00 and 16:00 EDT on one day: the fourth is over Florida's 3 in 24 h
        List<RuleEvaluator.Call> day = List.of(call(miami, "2026-06-15T14:00:00Z"), call(miami, "2026-06-15T16:00:00Z"),
                call(miami, "2026-06-15T18:00:00Z"), call(miami, "2026-06-15T20:00:00Z"));
        assertThat(broken(day, Map.of())).containsExactly(List.of(), List.of(), List.of(), List.of("FL-ATTEMPTS"));
        // spread: the fourth 24 h 1 min after the first leaves 3 in its window
        List<RuleEvaluator.Call> spread = List.of(call(miami, "2026-06-15T14:00:00Z"), call(miami, "2026-06-15T16:00:00Z"),
                call(miami, "2026-06-15T18:00:00Z"), call(miami, "2026-06-16T14:01:00Z"));
        assertThat(broken(spread, Map.of())).allMatch(List::isEmpty);
        // New York has no attempt limit in the rule set
        String ny = "(212) 555-0147";
        List<RuleEvaluator.Call> nyDay = List.of(call(ny, "2026-06-15T14:00:00Z"), call(ny, "2026-06-15T15:00:00Z"),
                call(ny, "2026-06-15T16:00:00Z"), call(ny, "2026-06-15T17:00:00Z"));
        assertThat(broken(nyDay, Map.of())).allMatch(List::isEmpty);
    }

    @Test
    void aNumberOnTheDoNotCallListFromTheMomentItWasAdded() {
        String ny = "(212) 555-0147";
        Map<String, Instant> dnc = Map.of(ny, Instant.parse("2026-06-15T15:00:00Z"));
        List<RuleEvaluator.Call> calls = List.of(call(ny, "2026-06-15T14:00:00Z"), call(ny, "2026-06-15T16:00:00Z"));
        assertThat(broken(calls, dnc)).containsExactly(List.of(), List.of("US-DNC"));
    }

    @Test
    void noCallAfterTheLeadAskedNotToBeCalled() {
        String ny = "(212) 555-0147";
        List<RuleEvaluator.Call> calls = List.of(call(ny, "2026-06-15T14:00:00Z", "Callback"),
                call(ny, "2026-06-15T15:00:00Z", "DNC"), call(ny, "2026-06-15T16:00:00Z", null));
        assertThat(broken(calls, Map.of())).containsExactly(List.of(), List.of(), List.of("US-OPTED-OUT"));
    }
}
