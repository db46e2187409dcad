package io.callsight.scorecards;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.common.PersonalData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Agent KPIs and scorecards on hand-built days; every expected value is worked out in the comments. */
@QuarkusTest
class ScorecardsTest extends DatabaseTest {

    private static final String KPIS = """
            [
              {"agent_id": "SC-A1", "agent_name": "Ann", "team": "Alpha", "date": "2030-03-04", "adherence": "95%", "quality_score": 90,
               "csat": 4.5, "fcr": 0.8, "aht": 300, "acw": 60, "notes": "call me at +1 (555) 123-4567 or jane.doe@example.com"},
              {"agent_id": "SC-A1", "agent_name": "Ann", "team": "Alpha", "date": "2030-03-05", "adherence": 0.95, "quality_score": "90%",
               "csat": 90, "fcr": "80%", "aht": "5:00", "acw": 60},
              {"agent_id": "SC-A2", "agent_name": "Bo", "team": "Alpha", "date": "2030-03-04", "adherence": 0.9, "quality_score": 80, "aht": 310, "acw": 30},
              {"agent_id": "SC-A3", "agent_name": "Cy", "team": "Alpha", "date": "2030-03-04", "adherence": 0.9, "quality_score": 80, "aht": 290, "acw": 30},
              {"agent_id": "SC-A4", "agent_name": "Di", "team": "Alpha", "date": "2030-03-04", "adherence": 0.9, "quality_score": 80, "aht": 900, "acw": 30},
              {"agent_id": "SC-B1", "agent_name": "Ed", "team": "Beta", "date": "2030-03-04", "adherence": "150%", "aht": 300},
              {"agent_id": "SC-A2", "agent_name": "Bo", "team": "Alpha", "date": "2030-03-04", "adherence": 0.5}
            ]
            """;

    private static final String FILTER = "filter: {from: \"2030-03-01\", to: \"2030-04-01\", agentIds: [\"SC-A1\", \"SC-A2\", \"SC-A3\", \"SC-A4\", \"SC-B1\"]}";

    @Test
    void kpisScoresTiersAndBottlenecks() {
        JsonPath r = given().contentType("application/json").body(KPIS).when().post("/api/ingest/agent-kpis")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("rowsRead")).isEqualTo(7);
        assertThat(r.getInt("accepted")).isEqualTo(5);
        assertThat(r.getList("rejects.reason", String.class)).containsExactly("outside 0-100%",
                "duplicate agent and day in this file: first on line 3");
        // One phone number and one e-mail address masked in the notes before storage.
        assertThat(r.getInt("maskedPhoneNumbers")).isEqualTo(1);
        assertThat(r.getInt("maskedEmailAddresses")).isEqualTo(1);

        JsonPath cards = GraphQL.query("{ agentScorecards(" + FILTER + ") { agentId team days adherence qualityScore csat fcr ahtSeconds acwSeconds compositeScore tier } }");
        Map<String, Object> ann = cards.getMap("data.agentScorecards.find { it.agentId == 'SC-A1' }");
        // Both of Ann's days read the same whatever the spelling: 95%, 90, CSAT 4.5 of 5 = 90, FCR 80%, AHT 300 s (= 5:00), ACW 60 s.
        assertThat(ann).containsEntry("days", 2).containsEntry("ahtSeconds", 300.0).containsEntry("csat", 90.0).containsEntry("qualityScore", 90.0);
        assertThat(((Number) ann.get("adherence")).doubleValue()).isCloseTo(0.95, within(1e-9));
        // Composite, weights 0.2 / 0.25 / 0.2 / 0.2 / 0.1 / 0.05: 0.2*95 + 0.25*90 + 0.2*90 + 0.2*80 + 0.1*100 + 0.05*100 = 90.5.
        assertThat(((Number) ann.get("compositeScore")).doubleValue()).isCloseTo(90.5, within(1e-9));
        assertThat(ann).containsEntry("tier", "Exceeds Expectations");
        // Di: adherence 90, quality 80, AHT 900 s -> 100 x 300/900, ACW 30 s -> 100; weights present 0.2, 0.25, 0.1, 0.05:
        // (0.2*90 + 0.25*80 + 0.1*33.333 + 0.05*100) / 0.6 = 77.222 -> Meets Expectations.
        Map<String, Object> di = cards.getMap("data.agentScorecards.find { it.agentId == 'SC-A4' }");
        assertThat(((Number) di.get("compositeScore")).doubleValue()).isCloseTo((18 + 20 + 10.0 / 3 + 5) / 0.6, within(1e-9));
        assertThat(di).containsEntry("tier", "Meets Expectations");

        JsonPath team = GraphQL.query("{ agentScorecards(" + FILTER + ", groupBy: TEAM) { team days ahtSeconds } }");
        // Alpha: 5 agent-days, AHT (300 + 300 + 310 + 290 + 900) / 5 = 420.
        assertThat(team.getMap("data.agentScorecards.find { it.team == 'Alpha' }")).containsEntry("days", 5).containsEntry("ahtSeconds", 420.0);

        JsonPath trend = GraphQL.query("{ agentScorecards(" + FILTER + ", groupBy: OVERALL, bucket: DAY) { periodStart days } }");
        assertThat(trend.getList("data.agentScorecards.periodStart", String.class)).containsExactly("2030-03-04", "2030-03-05");
        assertThat(trend.getList("data.agentScorecards.days", Integer.class)).containsExactly(4, 1);

        // Di's AHT: team means 300, 310, 290, 900 -> median 305, MAD 10, robust z (900 - 305) / 14.826 = 40.1 > 3.5.
        JsonPath b = GraphQL.query("{ agentBottlenecks(" + FILTER + ") { agentId day metric value teamMedian robustZ reason } }");
        List<Map<String, Object>> found = b.getList("data.agentBottlenecks");
        assertThat(found).extracting(m -> m.get("agentId") + " " + m.get("metric") + " " + m.get("day"))
                .containsExactlyInAnyOrder("SC-A4 AHT null", "SC-A4 AHT 2030-03-04");
        Map<String, Object> agentLevel = found.stream().filter(m -> m.get("day") == null).findFirst().orElseThrow();
        assertThat(((Number) agentLevel.get("robustZ")).doubleValue()).isCloseTo(595 / 14.826, within(1e-9));
        assertThat((String) agentLevel.get("reason")).isEqualTo("AHT 900 s against the team's median 305 s (robust z 40.1)");

        // The same file again: nothing new; a restated day replaces the stored one.
        JsonPath again = given().contentType("application/json").body(KPIS).when().post("/api/ingest/agent-kpis").then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("accepted")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(5);
        JsonPath restated = given().contentType("text/csv").body("agent,team,date,AHT\nSC-A2,Alpha,2030-03-04,320\n")
                .when().post("/api/ingest/agent-kpis").then().statusCode(200).extract().jsonPath();
        assertThat(restated.getInt("restated")).isEqualTo(1);
    }

    @Test
    void tiersAndWeightsAreTheConfiguredOnes() {
        JsonPath t = GraphQL.query("{ agentTiers { tiers { name minScore } weights { kpi weight } targetAhtSeconds } }");
        assertThat(t.getList("data.agentTiers.tiers.name", String.class))
                .containsExactly("Top Performer", "Exceeds Expectations", "Meets Expectations", "Needs Coaching");
        assertThat(t.getList("data.agentTiers.tiers.minScore", Double.class)).containsExactly(92.0, 85.0, 75.0, 0.0);
        assertThat(t.getDouble("data.agentTiers.targetAhtSeconds")).isEqualTo(300.0);
    }

    @Test
    void masking() {
        PersonalData.Scan m = new PersonalData.Scan("US");
        assertThat(m.scan("notes", "call +44 20 7946 0958, (415) 555-2671 or a.b@c.io; ticket 12345 stays"))
                .isEqualTo("call +44*********0958, **********2671 or a***@c.io; ticket 12345 stays");
        assertThat(m.findings()).extracting(f -> f.kind() + " " + f.count()).containsExactly("EMAIL 1", "PHONE 2");
    }
}
