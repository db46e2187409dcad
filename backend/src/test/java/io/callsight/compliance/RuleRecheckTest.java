package io.callsight.compliance;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A rule edit re-checks that rule alone: its violations follow the new rule (stricter, looser, disabled) while the
 * other rules' violations of the same calls stand untouched. Campaign RCHK-CMP.
 */
@QuarkusTest
class RuleRecheckTest extends DatabaseTest {

    private static final String SET = "mutation($in: ComplianceRuleInput!) { setComplianceRule(rule: $in) { code } }";

    /** callId -> the rules it breaks, over campaign RCHK-CMP. */
    private static Map<String, List<String>> violations() {
        List<Map<String, Object>> edges = GraphQL.query("{ complianceReport(filter: {campaignIds: [\"RCHK-CMP\"]}, "
                + "first: 50) { calls { edges { node { callId rules } } } } }").getList("data.complianceReport.calls.edges.node");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, Object> e : edges) {
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) e.get("rules");
            out.put((String) e.get("callId"), rules.stream().sorted().toList());
        }
        return out;
    }

    private static void setRule(String start, boolean enabled) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", "RCHK-NY-HOURS");
        rule.put("jurisdiction", "NY");
        rule.put("kind", "CALLING_HOURS");
        rule.put("startTime", start);
        rule.put("endTime", "18:00");
        rule.put("source", "test rule");
        rule.put("enabled", enabled);
        assertThat(GraphQL.query(SET, Map.of("in", rule)).getString("data.setComplianceRule.code"))
                .isEqualTo("RCHK-NY-HOURS");
    }

    @Test
    void aRuleEditRechecksThatRuleAndLeavesTheOthers() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        // rchk-1: New York 13:30Z = 09:30 EDT (or 08:30 EST): federally fine. rchk-2: Miami 02:30Z, late evening:
        // US-HOURS and FL-HOURS
        given().contentType("text/csv").body("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,"
                + "Lead Status,Call Dial Time,To Number\n"
                + "rchk-1,RCHK-L1,RCHK-CMP,RCHK-ADV,RCHK-AG,Answered,Callback," + day + " 13:30:00,+12125550148\n"
                + "rchk-2,RCHK-L2,RCHK-CMP,RCHK-ADV,RCHK-AG,Answered,Callback," + day + " 02:30:00,+13055550101\n")
                .when().post("/api/ingest/calls").then().statusCode(200);
        assertThat(violations()).containsExactly(Map.entry("rchk-2", List.of("FL-HOURS", "US-HOURS")));

        setRule("10:00", true); // stricter than 09:30: rchk-1 breaks it
        assertThat(violations()).containsOnly(Map.entry("rchk-2", List.of("FL-HOURS", "US-HOURS")),
                Map.entry("rchk-1", List.of("RCHK-NY-HOURS")));

        setRule("08:00", true); // looser: rchk-1 keeps it; the others' violations stand
        assertThat(violations()).containsExactly(Map.entry("rchk-2", List.of("FL-HOURS", "US-HOURS")));

        setRule("10:00", false); // disabled: nothing of it, even though it would be broken
        assertThat(violations()).containsExactly(Map.entry("rchk-2", List.of("FL-HOURS", "US-HOURS")));

        setRule("10:00", true);
        assertThat(violations()).containsKey("rchk-1");
        GraphQL.query("mutation { deleteComplianceRule(code: \"RCHK-NY-HOURS\") }");
        assertThat(violations()).containsExactly(Map.entry("rchk-2", List.of("FL-HOURS", "US-HOURS")));
    }
    @Test
    void aNumberListedNowFlagsOnlyItsCallsDialledAfterwardsAndLeavingTheListClearsThem() {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        // the same New York number, dialled yesterday and (a scheduled, future-dated row) tomorrow, both at 15:00Z
        given().contentType("text/csv").body("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,"
                + "Lead Status,Call Dial Time,To Number\n"
                + "rchk-d1,RCHK-D1,RCHK-DNC,RCHK-ADV,RCHK-AG,No Answer,Not Answered," + yesterday + " 15:00:00,+12125550166\n"
                + "rchk-d2,RCHK-D1,RCHK-DNC,RCHK-ADV,RCHK-AG,No Answer,Not Answered," + tomorrow + " 15:00:00,+12125550166\n")
                .when().post("/api/ingest/calls").then().statusCode(200);
        String dnc = "{ complianceReport(filter: {campaignIds: [\"RCHK-DNC\"]}, rules: [\"US-DNC\"]) "
                + "{ calls { edges { node { callId } } } } }";
        assertThat(GraphQL.query(dnc).getList("data.complianceReport.calls.edges.node.callId")).isEmpty();

        GraphQL.query("mutation { addDoNotCall(numbers: [\"(212) 555-0166\"]) { added } }");
        assertThat(GraphQL.query(dnc).getList("data.complianceReport.calls.edges.node.callId")).containsExactly("rchk-d2");

        GraphQL.query("mutation { removeDoNotCall(numbers: [\"+1 212 555 0166\"]) { removed } }");
        assertThat(GraphQL.query(dnc).getList("data.complianceReport.calls.edges.node.callId")).isEmpty();
    }
}
