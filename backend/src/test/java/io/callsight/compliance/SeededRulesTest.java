package io.callsight.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every seeded rule (as the application loads it from the database: {@link ComplianceChecker#evaluator}) with at
 * least one violating and one compliant call, evaluated with that rule alone. A seeded rule without both cases fails
 * the test, so a new seed needs its known answers here. "Seeded" = never written through the API (setComplianceRule
 * always records who). Daylight-saving changes of 2026: the US clocks go forward on Sunday 8 March and back on
 * Sunday 1 November; the same UTC instant is then an hour later/earlier locally.
 */
@QuarkusTest
class SeededRulesTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ComplianceChecker checker;

    /** A lead's calls (the last one is judged), the do-not-call list, and whether the last call breaks the rule. */
    private record Case(String code, String what, List<RuleEvaluator.Call> calls, Map<String, Instant> dnc,
            boolean violates) {
    }

    private static long key;

    private static RuleEvaluator.Call call(String number, String utc, String leadStatus) {
        key++;
        return new RuleEvaluator.Call(key, "seeded-" + key, 1, 1, 1, 1, Instant.parse(utc), number, null, leadStatus,
                "Answered");
    }

    /** A call of a lead whose ZIP code is on another clock than its number. */
    private static List<RuleEvaluator.Call> zipAt(String number, String zip, String utc) {
        key++;
        return List.of(new RuleEvaluator.Call(key, "seeded-" + key, 1, 1, 1, 1, Instant.parse(utc), number, zip,
                "Callback", "Answered"));
    }

    private static List<RuleEvaluator.Call> at(String number, String... utc) {
        List<RuleEvaluator.Call> out = new ArrayList<>();
        for (String t : utc) {
            out.add(call(number, t, "Callback"));
        }
        return out;
    }

    private static Case hit(String code, String what, List<RuleEvaluator.Call> calls) {
        return new Case(code, what, calls, Map.of(), true);
    }

    private static Case ok(String code, String what, List<RuleEvaluator.Call> calls) {
        return new Case(code, what, calls, Map.of(), false);
    }

    /** Four dials within 24 h (the fourth breaks a 3-per-24-h limit) and the fourth moved 24.5 h after the first. */
    private static List<Case> attempts(String code, String number, String day, String nextDay) {
        return List.of(
                hit(code, "4th dial in 24 h", at(number, day + "T14:00:00Z", day + "T16:00:00Z", day + "T18:00:00Z",
                        day + "T20:00:00Z")),
                ok(code, "3rd dial in 24 h", at(number, day + "T14:00:00Z", day + "T16:00:00Z", day + "T18:00:00Z")),
                ok(code, "4th dial 24.5 h after the 1st", at(number, day + "T14:00:00Z", day + "T16:00:00Z",
                        day + "T18:00:00Z", nextDay + "T14:30:00Z")));
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // federal 08:00-21:00, New York (212): 21:01 and 20:59 EDT; 07:30 EST on Friday 6 March, the same UTC time
        // 08:30 EDT on Monday 9 March
        c.add(hit("US-HOURS", "21:01 EDT", at("(212) 555-0147", "2026-06-16T01:01:00Z")));
        c.add(ok("US-HOURS", "20:59 EDT", at("(212) 555-0147", "2026-06-16T00:59:00Z")));
        c.add(hit("US-HOURS", "07:30 EST before the March change", at("(212) 555-0147", "2026-03-06T12:30:00Z")));
        c.add(ok("US-HOURS", "08:30 EDT after it", at("(212) 555-0147", "2026-03-09T12:30:00Z")));
        // the internal list: the number went on it on 1 May
        Map<String, Instant> dnc = Map.of("+12125550101", Instant.parse("2026-05-01T00:00:00Z"));
        c.add(new Case("US-DNC", "dialled after it was listed", at("+12125550101", "2026-05-02T15:00:00Z"), dnc, true));
        c.add(new Case("US-DNC", "dialled before it was listed", at("+12125550101", "2026-04-30T15:00:00Z"), dnc, false));
        // a do-not-call request on an earlier call
        c.add(hit("US-OPTED-OUT", "a call after the lead asked not to be called", List.of(
                call("+12125550102", "2026-05-01T15:00:00Z", "DNC"), call("+12125550102", "2026-05-03T15:00:00Z", null))));
        c.add(ok("US-OPTED-OUT", "the earlier call was a callback", List.of(
                call("+12125550102", "2026-05-01T15:00:00Z", "Callback"), call("+12125550102", "2026-05-03T15:00:00Z", null))));
        // Florida 08:00-20:00: Miami (305) Eastern; Pensacola's exchanges of 850 on Central
        c.add(hit("FL-HOURS", "20:01 EDT", at("+1 305 555 0101", "2026-06-16T00:01:00Z")));
        c.add(ok("FL-HOURS", "19:59 EDT", at("+1 305 555 0101", "2026-06-15T23:59:00Z")));
        c.add(hit("FL-HOURS", "Pensacola (850-432) 07:30 CDT", at("+1 850 432 0101", "2026-06-15T12:30:00Z")));
        c.add(ok("FL-HOURS", "Pensacola 08:30 CDT", at("+1 850 432 0101", "2026-06-15T13:30:00Z")));
        c.addAll(attempts("FL-ATTEMPTS", "+1 305 555 0102", "2026-06-15", "2026-06-16"));
        // Oklahoma 08:00-20:00 Central (405)
        c.add(hit("OK-HOURS", "20:01 CDT", at("+1 405 555 0101", "2026-06-16T01:01:00Z")));
        c.add(ok("OK-HOURS", "19:59 CDT", at("+1 405 555 0101", "2026-06-16T00:59:00Z")));
        c.addAll(attempts("OK-ATTEMPTS", "+1 918 555 0102", "2026-06-15", "2026-06-16"));
        // Maryland 08:00-20:00 Eastern (410)
        c.add(hit("MD-HOURS", "20:01 EDT", at("+1 410 555 0101", "2026-06-16T00:01:00Z")));
        c.add(ok("MD-HOURS", "19:59 EDT", at("+1 410 555 0101", "2026-06-15T23:59:00Z")));
        c.add(hit("MD-HOURS", "07:59 EDT", at("+1 301 555 0101", "2026-06-15T11:59:00Z")));
        c.addAll(attempts("MD-ATTEMPTS", "+1 301 555 0102", "2026-06-15", "2026-06-16"));
        // Texas Monday-Saturday 09:00-21:00, Dallas (214): 14:30Z is 08:30 CST on Friday 6 March, 09:30 CDT on Monday
        // 9 March; 09:30 CDT on Friday 30 October, 08:30 CST on Monday 2 November
        c.add(hit("TX-HOURS", "08:30 CST before the March change", at("214-555-0101", "2026-03-06T14:30:00Z")));
        c.add(ok("TX-HOURS", "09:30 CDT after it", at("214-555-0101", "2026-03-09T14:30:00Z")));
        c.add(ok("TX-HOURS", "09:30 CDT before the November change", at("214-555-0101", "2026-10-30T14:30:00Z")));
        c.add(hit("TX-HOURS", "08:30 CST after it", at("214-555-0101", "2026-11-02T14:30:00Z")));
        c.add(hit("TX-HOURS", "Monday 21:01 CDT", at("214-555-0101", "2026-06-16T02:01:00Z")));
        c.add(ok("TX-HOURS", "Sunday 10:00 CDT is not a Monday-Saturday call", at("214-555-0101", "2026-06-14T15:00:00Z")));
        // Texas Sunday 12:00-21:00: 17:30Z is 11:30 CST on 1 March, 12:30 CDT on 8 March (the clocks went forward at 02:00)
        c.add(hit("TX-HOURS-SUN", "Sunday 11:30 CST", at("214-555-0101", "2026-03-01T17:30:00Z")));
        c.add(ok("TX-HOURS-SUN", "Sunday 12:30 CDT, the day of the change", at("214-555-0101", "2026-03-08T17:30:00Z")));
        // El Paso (915) is in Texas on Mountain time: Sunday 12:30 CDT is 11:30 MDT there
        c.add(hit("TX-HOURS-SUN", "Sunday 11:30 MDT in El Paso", at("915-555-0101", "2026-03-08T17:30:00Z")));
        // Washington 08:00-20:00 Pacific: Tacoma (253) 03:30Z is 20:30 PDT on Friday 30 October, 19:30 PST on Monday
        // 2 November
        c.add(hit("WA-HOURS", "20:30 PDT before the November change", at("(253) 555-0147", "2026-10-31T03:30:00Z")));
        c.add(ok("WA-HOURS", "19:30 PST after it", at("(253) 555-0147", "2026-11-03T03:30:00Z")));
        c.add(hit("WA-HOURS", "Bellevue (425) 20:01 PDT", at("+1 425 555 0100", "2026-06-16T03:01:00Z")));
        c.add(ok("WA-HOURS", "Spokane (509) 08:01 PDT", at("+1 509 555 0100", "2026-06-15T15:01:00Z")));
        // Rhode Island: Monday-Friday 09:00-18:00, Saturday 10:00-17:00, no call on Sundays or legal holidays
        c.add(hit("RI-HOURS", "Monday 18:01 EDT", at("+1 401 555 0101", "2026-06-15T22:01:00Z")));
        c.add(ok("RI-HOURS", "Monday 17:59 EDT", at("+1 401 555 0101", "2026-06-15T21:59:00Z")));
        c.add(hit("RI-HOURS", "Monday 08:30 EST after the November change", at("+1 401 555 0101", "2026-11-02T13:30:00Z")));
        c.add(hit("RI-HOURS-SAT", "Saturday 09:30 EDT", at("+1 401 555 0101", "2026-06-13T13:30:00Z")));
        c.add(ok("RI-HOURS-SAT", "Saturday 10:30 EDT", at("+1 401 555 0101", "2026-06-13T14:30:00Z")));
        c.add(hit("RI-NO-CALL-DAYS", "Thanksgiving, Thursday 26 November, 10:00 EST",
                at("+1 401 555 0101", "2026-11-26T15:00:00Z")));
        c.add(ok("RI-NO-CALL-DAYS", "the day after Thanksgiving", at("+1 401 555 0101", "2026-11-27T15:00:00Z")));
        c.add(hit("RI-NO-CALL-DAYS", "Victory Day, second Monday of August", at("+1 401 555 0101", "2026-08-10T15:00:00Z")));
        c.add(hit("RI-NO-CALL-DAYS", "a Sunday", at("+1 401 555 0101", "2026-06-14T15:00:00Z")));
        c.add(ok("RI-NO-CALL-DAYS", "Independence Day 2026 is a Saturday: Rhode Island keeps no Friday for it",
                at("+1 401 555 0101", "2026-07-03T15:00:00Z")));
        // near midnight in two zones: a Rhode Island number (Eastern) of a lead with a Dallas ZIP (Central).
        // 05:30Z on 27 November is 00:30 Friday in Providence but still 23:30 Thanksgiving in Dallas; 05:30Z on 26
        // November is already Thanksgiving in Providence (00:30) and 23:30 Wednesday in Dallas; 06:30Z on 27 November
        // is Friday in both.
        c.add(hit("RI-NO-CALL-DAYS", "23:30 on Thanksgiving on the Central clock", zipAt("+1 401 555 0102", "75201",
                "2026-11-27T05:30:00Z")));
        c.add(hit("RI-NO-CALL-DAYS", "00:30 on Thanksgiving on the Eastern clock", zipAt("+1 401 555 0102", "75201",
                "2026-11-26T05:30:00Z")));
        c.add(ok("RI-NO-CALL-DAYS", "after midnight on both clocks", zipAt("+1 401 555 0102", "75201",
                "2026-11-27T06:30:00Z")));
        // Louisiana: 08:00-20:00 Central, no call on Sundays or legal holidays (New Orleans, 504)
        c.add(hit("LA-HOURS", "20:01 CDT", at("+1 504 555 0101", "2026-06-16T01:01:00Z")));
        c.add(ok("LA-HOURS", "19:59 CDT", at("+1 504 555 0101", "2026-06-16T00:59:00Z")));
        c.add(hit("LA-NO-CALL-DAYS", "Friday 3 July, Independence Day observed", at("+1 504 555 0101",
                "2026-07-03T16:00:00Z")));
        c.add(ok("LA-NO-CALL-DAYS", "Monday 6 July", at("+1 504 555 0101", "2026-07-06T16:00:00Z")));
        c.add(hit("LA-NO-CALL-DAYS", "Christmas Day", at("+1 504 555 0101", "2026-12-25T16:00:00Z")));
        c.add(ok("LA-NO-CALL-DAYS", "the day after Christmas", at("+1 504 555 0101", "2026-12-26T16:00:00Z")));
        c.add(hit("LA-NO-CALL-DAYS", "Shreveport's new overlay 457 on a Sunday", at("+1 457 555 0101",
                "2026-06-14T16:00:00Z")));
        return c;
    }

    @Test
    void everySeededRuleHasAViolatingAndACompliantCall() throws Exception {
        RuleEvaluator loaded;
        Set<String> seeded = new TreeSet<>();
        try (Connection c = dataSource.getConnection()) {
            loaded = checker.evaluator(c);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT code FROM compliance_rule WHERE updated_by IS NULL AND enabled")) {
                while (rs.next()) {
                    seeded.add(rs.getString(1));
                }
            }
        }
        assertThat(seeded).as("the seeded rules").contains("US-HOURS", "WA-HOURS", "RI-NO-CALL-DAYS").hasSizeGreaterThanOrEqualTo(17);
        Map<String, RuleEvaluator.Rule> byCode = new HashMap<>();
        for (RuleEvaluator.Rule r : loaded.rules()) {
            byCode.put(r.code(), r);
        }
        List<String> wrong = new ArrayList<>();
        Set<String> violating = new TreeSet<>();
        Set<String> compliant = new TreeSet<>();
        for (Case k : cases()) {
            RuleEvaluator.Rule rule = byCode.get(k.code());
            assertThat(rule).as("rule %s is loaded", k.code()).isNotNull();
            RuleEvaluator.Call judged = k.calls().get(k.calls().size() - 1);
            List<RuleEvaluator.Found> found = loaded.only(rule).evaluateLead(k.calls(),
                    x -> ComplianceChecker.place(x.zip(), x.toNumber()), k.dnc()::get);
            boolean violates = found.stream().anyMatch(f -> f.call().equals(judged));
            if (violates != k.violates()) {
                wrong.add(k.code() + " " + k.what() + ": expected " + (k.violates() ? "a violation" : "compliant")
                        + ", found " + found.stream().map(RuleEvaluator.Found::detail).toList());
            }
            (k.violates() ? violating : compliant).add(k.code());
        }
        assertThat(wrong).isEmpty();
        assertThat(violating).as("seeded rules with a violating call").containsAll(seeded);
        assertThat(compliant).as("seeded rules with a compliant call").containsAll(seeded);
    }
}
