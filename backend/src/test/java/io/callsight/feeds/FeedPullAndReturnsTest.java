package io.callsight.feeds;

import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.GraphQL;
import io.callsight.common.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The feed's admission rule (a converted lead meeting its advertiser's criteria enters the feed
 * once, with its verifying call), the pull side (GraphQL pages, CSV since a seq) and returns,
 * with leadsReturned / returnRate in the campaign and agent reports. Known answers in comments.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class FeedPullAndReturnsTest {

    private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Agent Name,Call Status,"
            + "Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Lead Created At,Call Dial Time,To Number\n";

    private static String row(String call, String lead, String status, double talk, int attempt, LocalDateTime dial) {
        return call + "," + lead + ",FP-CMP,FP-ADV,FP-AG,Fay,Answered," + status + ",300," + talk + "," + attempt + ","
                + dial.minusHours(1).format(F) + "," + dial.format(F) + ",+15557771" + lead.substring(lead.length() - 3)
                + "\n";
    }

    private static JsonPath ingest(String csv) {
        return given().contentType("text/csv").body(csv).when().post("/api/ingest/calls").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath feed(String after) {
        return GraphQL.query("query($a: String) { verifiedLeads(advertiserId: \"FP-ADV\", after: $a) { edges { cursor "
                + "node { seq leadId callId agentId talkSeconds attempt phone deliveryStatus returnedAt returnReason "
                + "idempotencyKey } } pageInfo { hasNextPage endCursor } } }", after == null ? Map.of() : Map.of("a", after));
    }

    @Test
    void qualifiedLeadsEnterOnceAndCanBeReturned() {
        LocalDateTime t = LocalDateTime.now(ZoneOffset.UTC).minusHours(6).truncatedTo(ChronoUnit.MINUTES);
        // the advertiser arrives with a first (unanswered) call; its criteria: at least 60 s of customer talk
        ingest(HEADER + row("fp-0", "FP-L000", "", 0, 1, t.minusMinutes(5)).replace("Answered", "No Answer"));
        GraphQL.query("mutation { setAdvertiserCriteria(advertiserId: \"FP-ADV\", criteria: {minCustomerTalkSeconds: 60}) "
                + "{ advertiserId } }");
        // FP-L001 converts with 120 s (qualified), FP-L002 with 30 s (not qualified), FP-L003 converts twice
        // (attempt 1 at t+2, attempt 2 at t+3: the first qualifying call verifies it), FP-L004 is lost.
        String batch1 = HEADER
                + row("fp-1", "FP-L001", "Interested", 120, 1, t)
                + row("fp-2", "FP-L002", "Interested", 30, 1, t.plusMinutes(1))
                + row("fp-3", "FP-L003", "Interested", 200, 1, t.plusMinutes(2))
                + row("fp-4", "FP-L003", "Interested", 250, 2, t.plusMinutes(3))
                + row("fp-5", "FP-L004", "Not Interested", 90, 1, t.plusMinutes(4));
        ingest(batch1);
        JsonPath page = feed(null);
        assertThat(page.getList("data.verifiedLeads.edges.node.leadId")).containsExactly("FP-L001", "FP-L003");
        assertThat(page.getList("data.verifiedLeads.edges.node.callId")).containsExactly("fp-1", "fp-3");
        assertThat(page.getList("data.verifiedLeads.edges.node.phone")).containsExactly("+15557771001", "+15557771003");
        List<Number> seqs = page.getList("data.verifiedLeads.edges.node.seq");
        assertThat(seqs.get(0).longValue()).isLessThan(seqs.get(1).longValue());
        List<String> keys = page.getList("data.verifiedLeads.edges.node.idempotencyKey");

        // the same file again, and a later converting call of FP-L001: nothing new, keys unchanged
        ingest(batch1);
        ingest(HEADER + row("fp-6", "FP-L001", "Interested", 500, 2, t.plusMinutes(10)));
        JsonPath again = feed(null);
        assertThat(again.getList("data.verifiedLeads.edges.node.leadId")).containsExactly("FP-L001", "FP-L003");
        assertThat(again.getList("data.verifiedLeads.edges.node.idempotencyKey")).isEqualTo(keys);

        // the CSV after the first lead's seq holds only the second
        String csv = given().when().get("/api/feeds/leads.csv?advertiserId=FP-ADV&since=" + seqs.get(0)).then()
                .statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).startsWith("\uFEFFseq,lead_id,advertiser_id").contains("FP-L003").doesNotContain("FP-L001");
        given().when().get("/api/feeds/leads.csv?since=abc").then().statusCode(400);

        // an advertiser user returns FP-L003 with a reason; twice is refused
        GraphQL.query("mutation { createUser(username: \"fp-adv\", password: \"fp-password-1\", role: ADVERTISER, "
                + "advertiserId: \"FP-ADV\") { id } }");
        String token = Auth.token("fp-adv", "fp-password-1");
        String ret = "mutation($s: BigInteger!, $r: String!) { returnLead(seq: $s, reason: $r) { leadId returnedAt returnReason } }";
        JsonPath returned = asToken(token).contentType(ContentType.JSON)
                .body(Map.of("query", ret, "variables", Map.of("s", seqs.get(1), "r", "Customer says they never asked")))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(returned.getString("data.returnLead.leadId")).isEqualTo("FP-L003");
        assertThat(returned.getString("data.returnLead.returnedAt")).isNotNull();
        JsonPath twice = asToken(token).contentType(ContentType.JSON)
                .body(Map.of("query", ret, "variables", Map.of("s", seqs.get(1), "r", "again")))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(twice.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(twice.getString("errors[0].message")).contains("already returned");
        JsonPath noReason = asToken(token).contentType(ContentType.JSON)
                .body(Map.of("query", ret, "variables", Map.of("s", seqs.get(0), "r", "  ")))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(noReason.getString("errors[0].message")).contains("reason");

        // reports: 2 leads entered the feed from FP-CMP / agent FP-AG, 1 returned -> returnRate 0.5
        JsonPath reports = GraphQL.query("{ campaignPerformance(filter: {campaignIds: [\"FP-CMP\"]}) { leadsReturned "
                + "returnRate qualifiedLeads } agentPerformance(filter: {campaignIds: [\"FP-CMP\"]}) { agentId "
                + "leadsReturned returnRate } }");
        assertThat(reports.getLong("data.campaignPerformance[0].leadsReturned")).isEqualTo(1);
        assertThat(reports.getDouble("data.campaignPerformance[0].returnRate")).isEqualTo(0.5);
        assertThat(reports.getLong("data.agentPerformance[0].leadsReturned")).isEqualTo(1);
        assertThat(reports.getDouble("data.agentPerformance[0].returnRate")).isEqualTo(0.5);
        // a window before the verifying calls: nothing entered, so the rate is null, not 0
        JsonPath before = GraphQL.query("query($to: DateTime) { campaignPerformance(filter: {campaignIds: [\"FP-CMP\"], "
                + "to: $to}) { leadsReturned returnRate } }", Map.of("to", t.minusDays(30).atOffset(ZoneOffset.UTC).toString()));
        assertThat(before.getList("data.campaignPerformance")).isEmpty();

        // the return window: 0 days -> the first lead can no longer be returned
        GraphQL.query("mutation { setAdvertiserSettings(advertiserId: \"FP-ADV\", returnWindowDays: 0) { returnWindowDays } }");
        JsonPath late = asToken(token).contentType(ContentType.JSON)
                .body(Map.of("query", ret, "variables", Map.of("s", seqs.get(0), "r", "too late")))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(late.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(late.getString("errors[0].message")).contains("return window ended");
        GraphQL.query("mutation { setAdvertiserSettings(advertiserId: \"FP-ADV\", returnWindowDays: 7) { returnWindowDays } }");
    }
}
