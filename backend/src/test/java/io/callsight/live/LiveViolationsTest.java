package io.callsight.live;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.events.EventTestingAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The live path of the compliance check: dialer events arrive (a lead asks not to be called, then it is dialled
 * again), the second call is flagged as its event is stored, and the live floor lists it in latestViolations, within
 * the floor's filter only. The opt-out rule is used because it does not depend on the hour the test runs at.
 */
@QuarkusTest
class LiveViolationsTest extends DatabaseTest {

    private static final String FLOOR = "query($f: CallFilter) { liveFloorNow(filter: $f) { latestViolations { callId "
            + "leadId campaignId agentId toNumber rules details locationKnown } } }";

    private static Map<String, Object> event(String campaign, String callId, String leadStatus, Instant dial) {
        return Map.of("call_id", callId, "lead_id", campaign + "-L1", "campaign_id", campaign, "advertiser_id",
                campaign + "-ADV", "agent_id", campaign + "-AG", "call_status", "Answered", "lead_status", leadStatus,
                "to_number", "+12125550190", "dial_time", dial.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aViolatingCallsEventShowsOnTheLiveFloor() throws Exception {
        String cmp = "LVV" + Long.toString(System.nanoTime() % 100_000_000L, 36);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        given().contentType(ContentType.JSON).body(List.of(event(cmp, cmp + "~1", "DNC", now.minusSeconds(2))))
                .when().post("/api/events/calls").then().statusCode(200);
        EventTestingAccess.awaitCampaignCalls(List.of(cmp), 1, Duration.ofSeconds(15));
        JsonPath before = GraphQL.query(FLOOR, Map.of("f", Map.of("campaignIds", List.of(cmp))));
        assertThat(before.getList("data.liveFloorNow.latestViolations.rules.flatten()")).doesNotContain("US-OPTED-OUT");

        given().contentType(ContentType.JSON).body(List.of(event(cmp, cmp + "~2", "Callback", now.minusSeconds(1))))
                .when().post("/api/events/calls").then().statusCode(200);
        EventTestingAccess.awaitCampaignCalls(List.of(cmp), 2, Duration.ofSeconds(15));
        JsonPath after = GraphQL.query(FLOOR, Map.of("f", Map.of("campaignIds", List.of(cmp))));
        Map<String, Object> flagged = after.getMap("data.liveFloorNow.latestViolations.find { it.callId == '" + cmp + "~2' }");
        assertThat(flagged).as("the second call on the live floor").isNotNull();
        assertThat((List<Object>) flagged.get("rules")).contains("US-OPTED-OUT");
        assertThat(flagged.get("leadId")).isEqualTo(cmp + "-L1");
        assertThat(flagged.get("campaignId")).isEqualTo(cmp);
        assertThat(flagged.get("agentId")).isEqualTo(cmp + "-AG");
        assertThat(flagged.get("toNumber")).as("the live floor carries no numbers").isNull();
        assertThat(flagged.get("locationKnown")).isEqualTo(true);
        assertThat(after.getList("data.liveFloorNow.latestViolations.details.flatten()").toString())
                .contains("the lead asked not to be called (DNC on call " + cmp + "~1");
        // another campaign's floor does not show it
        JsonPath other = GraphQL.query(FLOOR, Map.of("f", Map.of("campaignIds", List.of(cmp + "-OTHER"))));
        assertThat(other.getList("data.liveFloorNow.latestViolations")).isEmpty();
    }
}
