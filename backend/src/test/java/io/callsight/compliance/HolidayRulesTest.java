package io.callsight.compliance;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Holidays in calling rules, as data: the seeded federal calendar (known dates of 2026 and 2027, observed days
 * included), a call on a Rhode Island holiday found as it is ingested, and an ADMIN's audited holiday edits checking
 * the calls around the date again. Campaign HOL-CMP.
 */
@QuarkusTest
class HolidayRulesTest extends DatabaseTest {

    private static final String HOLIDAYS = "query($j: String, $y: Int) { complianceHolidays(jurisdiction: $j, year: $y) "
            + "{ jurisdiction day name source } }";
    private static final String REPORT = "{ complianceReport(filter: {campaignIds: [\"HOL-CMP\"]}, first: 20) { byRule { key calls } "
            + "calls { edges { node { callId rules details } } } } }";
    private static final String SET_RULE = "mutation($in: ComplianceRuleInput!) { setComplianceRule(rule: $in) { code holidays } }";

    private static JsonPath holidays(String jurisdiction, int year) {
        return GraphQL.query(HOLIDAYS, Map.of("j", jurisdiction, "y", year));
    }

    @Test
    void theFederalCalendarIsSeededWithItsObservedDays() {
        // 5 U.S.C. 6103 in 2026: Independence Day falls on a Saturday, observed Friday 3 July
        assertThat(holidays("US", 2026).getList("data.complianceHolidays.day", String.class)).containsExactly(
                "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-07-04",
                "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25");
        // 2027: Juneteenth and Christmas on Saturdays (Fridays 18 June and 24 December), Independence Day on a Sunday
        // (Monday 5 July), and New Year's Day 2028 on a Saturday, observed Friday 31 December 2027
        List<String> y2027 = holidays("us", 2027).getList("data.complianceHolidays.day", String.class);
        assertThat(y2027).contains("2027-06-18", "2027-07-05", "2027-12-24", "2027-12-31").hasSize(15);
        // Rhode Island's Victory Day, second Monday of August
        assertThat(holidays("RI", 2030).getList("data.complianceHolidays.name", String.class)).contains("Victory Day");
        assertThat(holidays("RI", 2030).getString("data.complianceHolidays.find { it.name == 'Victory Day' }.day"))
                .isEqualTo("2030-08-12");
    }

    @Test
    void aCallOnAHolidayIsFoundAndAnAdminsHolidayEditsRecheckIt() {
        // Thanksgiving 2026 (Thursday 26 November) at 10:00 EST to Providence; the next day at the same hour
        String file = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,Call Dial Time,To Number\n"
                + "hol-1,HOL-L1,HOL-CMP,HOL-ADV,HOL-AG,Answered,Callback,2026-11-26 15:00:00,+14015550111\n"
                + "hol-2,HOL-L2,HOL-CMP,HOL-ADV,HOL-AG,Answered,Callback,2026-11-27 15:00:00,+14015550112\n";
        given().contentType("text/csv").body(file).when().post("/api/ingest/calls").then().statusCode(200);
        JsonPath r = GraphQL.query(REPORT);
        assertThat(r.getList("data.complianceReport.calls.edges.node.callId")).containsExactly("hol-1");
        assertThat(r.getList("data.complianceReport.calls.edges[0].node.rules")).containsExactly("RI-NO-CALL-DAYS");
        assertThat(r.getString("data.complianceReport.calls.edges[0].node.details[0]"))
                .contains("2026-11-26").contains("Thanksgiving Day");

        // the ADMIN makes the day after Thanksgiving a holiday (made up for the test): hol-2 breaks the rule now
        String set = "mutation { setComplianceHoliday(jurisdiction: \"ri\", day: \"2026-11-27\", name: \"Test day\", "
                + "source: \"test\") { jurisdiction day name updatedBy } }";
        JsonPath added = GraphQL.query(set);
        assertThat(added.getString("data.setComplianceHoliday.jurisdiction")).isEqualTo("RI");
        assertThat(added.getString("data.setComplianceHoliday.updatedBy")).isNotBlank();
        assertThat(GraphQL.query(REPORT).getList("data.complianceReport.calls.edges.node.callId"))
                .containsExactly("hol-2", "hol-1");
        GraphQL.query("mutation { deleteComplianceHoliday(jurisdiction: \"RI\", day: \"2026-11-27\") }");
        assertThat(GraphQL.query(REPORT).getList("data.complianceReport.calls.edges.node.callId")).containsExactly("hol-1");
        for (String action : List.of("setComplianceHoliday", "deleteComplianceHoliday")) {
            JsonPath audit = GraphQL.query("{ auditLog(first: 5, action: \"" + action + "\") { edges { node { detail outcome } } } }");
            assertThat(audit.getString("data.auditLog.edges[0].node.detail")).as(action).contains("2026-11-27");
        }
        assertThat(GraphQL.failing("mutation { deleteComplianceHoliday(jurisdiction: \"RI\", day: \"2026-11-27\") }",
                Map.of()).getString("errors[0].message")).contains("No holiday of RI on 2026-11-27");
        assertThat(GraphQL.failing("mutation { setComplianceHoliday(jurisdiction: \"Rhode\", day: \"2026-11-27\", "
                + "name: \"x\") { day } }", Map.of()).getString("errors[0].message")).contains("jurisdiction:");
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallingPermission permission;

    @Test
    void theDialStrategyKeepsTheNoCallDays() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            CallingPermission.Rules rules = permission.load(c);
            // Rhode Island: no hour of a Sunday, noon on a Monday; Texas calls on Sunday afternoons
            assertThat(rules.hourPermitted("RI", DayOfWeek.SUNDAY, 12)).isFalse();
            assertThat(rules.hourPermitted("RI", DayOfWeek.MONDAY, 12)).isTrue();
            assertThat(rules.hourPermitted("TX", DayOfWeek.SUNDAY, 13)).isTrue();
            // a proposed call on Thanksgiving (10:00 EST) breaks the holiday rule, the day after does not
            assertThat(rules.wouldBreak(null, "+14015550133", List.of(), Instant.parse("2026-11-26T15:00:00Z")))
                    .anyMatch(b -> b.startsWith("RI-NO-CALL-DAYS: ") && b.contains("Thanksgiving Day"));
            assertThat(rules.wouldBreak(null, "+14015550133", List.of(), Instant.parse("2026-11-27T15:00:00Z"))).isEmpty();
        }
    }

    @Test
    void aNoCallDaysRuleIsCheckedAsTheOtherRuleKindsAre() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", "HOL-TEST");
        rule.put("jurisdiction", "RI");
        rule.put("kind", "NO_CALL_DAYS");
        rule.put("source", "test rule");
        assertThat(GraphQL.failing(SET_RULE, Map.of("in", rule)).getString("errors[0].message"))
                .contains("rule.weekdays: a no-call-days rule needs weekdays, holidays: true, or both");
        rule.put("kind", "CALLING_HOURS");
        rule.put("startTime", "09:00");
        rule.put("endTime", "18:00");
        rule.put("holidays", true);
        assertThat(GraphQL.failing(SET_RULE, Map.of("in", rule)).getString("errors[0].message"))
                .contains("rule.holidays: does not belong");
        JsonPath rules = GraphQL.query("{ complianceRules { code kind weekdays holidays startTime } }");
        assertThat(rules.getBoolean("data.complianceRules.find { it.code == 'RI-NO-CALL-DAYS' }.holidays")).isTrue();
        assertThat(rules.getList("data.complianceRules.find { it.code == 'RI-NO-CALL-DAYS' }.weekdays")).containsExactly(7);
        assertThat(rules.getBoolean("data.complianceRules.find { it.code == 'RI-HOURS' }.holidays")).isFalse();
    }
}
