package io.callsight.compliance;

import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Violations as calls arrive (a file, the same file again, a live event), the report over a CallFilter with
 * numbers masked for ANALYST, a rule edited by ADMIN re-checking the stored calls, and the do-not-call list
 * kept as keyed hashes only. One data set, campaign CMPL-CMP.
 */
@QuarkusTest
class ComplianceFlowTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Call Dial Time,To Number\n";
    private static final String REPORT = "query($r: [String!]) { complianceReport(filter: {campaignIds: [\"CMPL-CMP\"]}, "
            + "rules: $r, first: 50) { violatingCalls violations locationUnknownCalls byRule { key calls violations } "
            + "byCampaign { key calls } byAgent { key calls } byDay { day calls } "
            + "calls { edges { node { callId rules details toNumber locationKnown } } } } }";

    private static String row(String call, String lead, String leadStatus, String dial, String number) {
        return call + "," + lead + ",CMPL-CMP,CMPL-ADV,CMPL-AG,Answered," + leadStatus + "," + dial + "," + number + "\n";
    }

    private static JsonPath report(List<String> rules) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (rules != null) {
            vars.put("r", rules);
        }
        return GraphQL.query(REPORT, vars);
    }

    @Test
    void violationsAreFoundOnceReportedAndRecheckedWhenARuleChanges() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        // c1 Miami at 02:30Z: 22:30 EDT / 21:30 EST the evening before -> US-HOURS and FL-HOURS.
        // c2 New York at 17:00Z: compliant. c3 New York at 13:30Z: 09:30 EDT / 08:30 EST, compliant federally.
        String file = HEADER + row("cmpl-1", "CMPL-L1", "Not Interested", day + " 02:30:00", "+13055550101")
                + row("cmpl-2", "CMPL-L2", "Callback", day + " 17:00:00", "+12125550147")
                + row("cmpl-3", "CMPL-L3", "Callback", day + " 13:30:00", "+12125550148");
        given().contentType("text/csv").body(file).when().post("/api/ingest/calls").then().statusCode(200);
        JsonPath r = report(null);
        assertThat(r.getLong("data.complianceReport.violatingCalls")).isEqualTo(1);
        assertThat(r.getLong("data.complianceReport.violations")).isEqualTo(2);
        assertThat(r.getList("data.complianceReport.byRule.key")).containsExactlyInAnyOrder("FL-HOURS", "US-HOURS");
        assertThat(r.getList("data.complianceReport.byCampaign.key")).containsExactly("CMPL-CMP");
        assertThat(r.getList("data.complianceReport.byAgent.key")).containsExactly("CMPL-AG");
        assertThat(r.getList("data.complianceReport.byDay.calls", Long.class)).containsExactly(1L);
        assertThat(r.getList("data.complianceReport.calls.edges.node.callId")).containsExactly("cmpl-1");
        assertThat(r.getString("data.complianceReport.calls.edges[0].node.toNumber")).isEqualTo("+13055550101");
        assertThat(r.getBoolean("data.complianceReport.calls.edges[0].node.locationKnown")).isTrue();

        // the same file again: nothing doubles
        given().contentType("text/csv").body(file).when().post("/api/ingest/calls").then().statusCode(200);
        assertThat(report(null).getLong("data.complianceReport.violations")).isEqualTo(2);

        // a live event: Miami again, 03:00Z; flagged as it is applied, and on the live floor's list if it is today's
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("call_id", "cmpl-4");
        event.put("lead_id", "CMPL-L4");
        event.put("campaign_id", "CMPL-CMP");
        event.put("advertiser_id", "CMPL-ADV");
        event.put("agent_id", "CMPL-AG");
        event.put("call_status", "Answered");
        event.put("lead_status", "Callback");
        event.put("to_number", "+13055550104");
        event.put("dial_time", day.atTime(3, 0).toInstant(ZoneOffset.UTC).toString());
        given().contentType(ContentType.JSON).body(event).when().post("/api/events/calls").then().statusCode(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (report(null).getLong("data.complianceReport.violatingCalls") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(report(null).getList("data.complianceReport.calls.edges.node.callId"))
                .containsExactly("cmpl-4", "cmpl-1");

        // ANALYST: the same numbers, masked; no mutation
        GraphQL.query("mutation { createUser(username: \"cmpl-analyst\", password: \"cmpl-password-1\", role: ANALYST) { id } }");
        String analyst = Auth.token("cmpl-analyst", "cmpl-password-1");
        JsonPath masked = asToken(analyst).contentType(ContentType.JSON).body(Map.of("query", REPORT, "variables", Map.of()))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(masked.getList("data.complianceReport.calls.edges.node.toNumber"))
                .containsExactly("+1******0104", "+1******0101");
        JsonPath refused = asToken(analyst).contentType(ContentType.JSON).body(Map.of("query",
                "mutation { recomputeCompliance }")).when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");

        // ADMIN adds a stricter (made-up) New York rule: 10:00-18:00. c3 (09:30 or 08:30 local) now breaks it
        String set = "mutation($in: ComplianceRuleInput!) { setComplianceRule(rule: $in) { code startTime endTime source } }";
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("code", "ny-test-hours");
        rule.put("jurisdiction", "ny");
        rule.put("kind", "CALLING_HOURS");
        rule.put("startTime", "10:00");
        rule.put("endTime", "18:00");
        rule.put("source", "test rule");
        JsonPath created = GraphQL.query(set, Map.of("in", rule));
        assertThat(created.getString("data.setComplianceRule.code")).isEqualTo("NY-TEST-HOURS");
        JsonPath ny = report(List.of("NY-TEST-HOURS"));
        assertThat(ny.getList("data.complianceReport.calls.edges.node.callId")).containsExactly("cmpl-3");
        assertThat(ny.getString("data.complianceReport.calls.edges[0].node.details[0]")).contains("permitted 10:00-18:00");
        JsonPath audit = GraphQL.query("{ auditLog(first: 20, action: \"setComplianceRule\") { edges { node { detail outcome } } } }");
        assertThat(audit.getString("data.auditLog.edges[0].node.detail")).contains("ny-test-hours");

        // a wrong rule is refused naming the field
        rule.put("maxAttempts", 3);
        assertThat(GraphQL.failing(set, Map.of("in", rule)).getString("errors[0].message"))
                .contains("rule.maxAttempts: does not belong");
        rule.remove("maxAttempts");
        rule.put("endTime", "25:00");
        assertThat(GraphQL.failing(set, Map.of("in", rule)).getString("errors[0].message")).contains("rule.endTime");

        GraphQL.query("mutation { deleteComplianceRule(code: \"NY-TEST-HOURS\") }");
        assertThat(report(List.of("NY-TEST-HOURS")).getLong("data.complianceReport.violatingCalls")).isZero();
        assertThat(report(null).getLong("data.complianceReport.violatingCalls")).isEqualTo(2);
    }

    @Test
    void theDoNotCallListKeepsKeyedHashesOnlyAndFlagsLaterCalls() throws Exception {
        String number = "+1 212 555 0199";
        JsonPath added = GraphQL.query("mutation { addDoNotCall(numbers: [\"(212) 555-0199\", \"not a number\"]) "
                + "{ added alreadyListed rejected rejects } }");
        assertThat(added.getInt("data.addDoNotCall.added")).isEqualTo(1);
        assertThat(added.getInt("data.addDoNotCall.rejected")).isEqualTo(1);
        assertThat(added.getString("data.addDoNotCall.rejects[0]")).startsWith("numbers[1]: not a phone number");
        assertThat(GraphQL.query("{ onDoNotCallList(number: \"+12125550199\") }").getBoolean("data.onDoNotCallList")).isTrue();

        // what is stored: 32-byte keyed hashes, neither the number nor its plain SH-256
        byte[] plain = MessageDigest.getInstance("SHA-256").digest("+12125550199".getBytes(StandardCharsets.UTF_8));
        List<String> stored = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT number_hash, to_jsonb(d)::text FROM dnc_number d")) {
            while (rs.next()) {
                assertThat(rs.getBytes(1)).hasSize(32).isNotEqualTo(plain);
                stored.add(rs.getString(2));
            }
        }
        assertThat(stored).isNotEmpty().noneMatch(s -> s.contains("2125550199") || s.contains("555-0199"));
        assertThat(stored).noneMatch(s -> s.contains(HexFormat.of().formatHex(plain)));

        // a call after the number was listed breaks US-DNC; one dialled before it would not
        String dial = Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0).toString()
                .replace('T', ' ');
        given().contentType("text/csv").body(HEADER + "dnc-1,DNC-L1,DNC-CMP,DNC-ADV,DNC-AG,Answered,Callback," + dial + ","
                + number + "\n").when().post("/api/ingest/calls").then().statusCode(200);
        JsonPath r = GraphQL.query("{ complianceReport(filter: {campaignIds: [\"DNC-CMP\"]}, rules: [\"US-DNC\"]) "
                + "{ violatingCalls calls { edges { node { callId details } } } } }");
        assertThat(r.getList("data.complianceReport.calls.edges.node.callId")).containsExactly("dnc-1");

        // an upload: line errors kept; removal by number clears the violation
        JsonPath upload = given().contentType("text/csv").body("name,phone\nA,+1 312 555 0100\nB,12\nC,\n").when()
                .post("/api/compliance/do-not-call").then().statusCode(200).extract().jsonPath();
        assertThat(upload.getInt("rowsRead")).isEqualTo(3);
        assertThat(upload.getInt("added")).isEqualTo(1);
        assertThat(upload.getList("rejects")).containsExactly("line 3, phone: not a phone number",
                "line 4, phone: missing phone number");
        given().contentType("text/csv").body("name\nA\n").when().post("/api/compliance/do-not-call").then().statusCode(400);

        JsonPath removed = GraphQL.query("mutation { removeDoNotCall(numbers: [\"+12125550199\"]) { removed } }");
        assertThat(removed.getInt("data.removeDoNotCall.removed")).isEqualTo(1);
        assertThat(GraphQL.query("{ complianceReport(filter: {campaignIds: [\"DNC-CMP\"]}, rules: [\"US-DNC\"]) "
                + "{ violatingCalls } }").getLong("data.complianceReport.violatingCalls")).isZero();
    }
}
