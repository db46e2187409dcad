package io.callsight.calls;

import jakarta.inject.Inject;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Idempotency, header synonyms, JSON and multipart bodies, time zones. */
@QuarkusTest
class IngestFormatsTest extends DatabaseTest {

    private static long totalCalls(String campaign) {
        JsonPath json = GraphQL.query("{ campaignPerformance(filter: {campaignIds: [\"" + campaign + "\"]}) "
                + "{ totalCalls uniqueLeads callsConnected } }");
        List<Map<String, Object>> rows = json.getList("data.campaignPerformance");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("totalCalls")).longValue();
    }

    @Test
    void theSameFileTwiceChangesNothing() {
        String csv = """
                call_sid,lead,campaign,advertiser,agent,status,disposition,agent duration,customer duration,attempt,dial time
                idem-1,ID-L1,ID-C1,ID-A1,ID-AG1,Answered,Interested,100,50,1,2025-04-01T09:00:00Z
                idem-2,ID-L2,ID-C1,ID-A1,ID-AG1,Busy,Busy,20,0,1,2025-04-01T09:05:00Z
                idem-3,ID-L2,ID-C1,ID-A1,ID-AG1,Answered,Not Interested,90,70,2,2025-04-02T09:05:00Z
                """;
        JsonPath first = Fixtures.ingestCsv(csv);
        assertThat(first.getInt("accepted")).isEqualTo(3);
        assertThat(first.getInt("duplicates")).isEqualTo(0);
        JsonPath before = GraphQL.query("{ campaignPerformance(filter: {campaignIds: [\"ID-C1\"]}) { totalCalls "
                + "uniqueLeads callsConnected leadsConverted leadsLost avgAgentCallDuration } }");

        JsonPath second = Fixtures.ingestCsv(csv);
        assertThat(second.getInt("rowsRead")).isEqualTo(3);
        assertThat(second.getInt("accepted")).isEqualTo(0);
        assertThat(second.getInt("duplicates")).isEqualTo(3);
        assertThat(second.getLong("sameFileAsBatchId")).isEqualTo(first.getLong("batchId"));
        JsonPath after = GraphQL.query("{ campaignPerformance(filter: {campaignIds: [\"ID-C1\"]}) { totalCalls "
                + "uniqueLeads callsConnected leadsConverted leadsLost avgAgentCallDuration } }");
        assertThat(after.getList("data.campaignPerformance")).isEqualTo(before.getList("data.campaignPerformance"));
        assertThat(totalCalls("ID-C1")).isEqualTo(3);
    }

    @Test
    void aCallIdAlreadyStoredIsNotStoredAgain() {
        Fixtures.ingestCsv("call_id,lead_id,campaign_id,call_status,dial_time\nonce-1,ON-L1,ON-C1,Answered,2025-04-03T10:00:00Z\n");
        JsonPath r = Fixtures.ingestCsv("call_id,lead_id,campaign_id,call_status,dial_time\n"
                + "once-1,ON-L1,ON-C1,Answered,2025-04-03T10:00:00Z\nonce-2,ON-L1,ON-C1,No Answer,2025-04-04T10:00:00Z\n");
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getInt("duplicates")).isEqualTo(1);
        assertThat(totalCalls("ON-C1")).isEqualTo(2);
    }

    @Test
    void jsonArrayBody() {
        String json = """
                [{"Call ID": "js-1", "Lead ID": "JS-L1", "Campaign ID": "JS-C1", "Call Status": "ANSWERED",
                  "Lead Status": "interested", "Agent Call Duration": 60, "Customer Call Duration": 30,
                  "Call Dial Time": "2025-04-05T10:00:00+02:00", "extra": "ignored"},
                 {"Call ID": "js-2", "Lead ID": "JS-L2", "Campaign ID": "JS-C1", "Call Status": "No Answer",
                  "Call Dial Time": "not a time"}]""";
        JsonPath r = given().contentType("application/json").body(json).when().post("/api/ingest/calls")
                .then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getInt("rejected")).isEqualTo(1);
        assertThat(r.getInt("rejects[0].line")).isEqualTo(3);
        assertThat(r.getString("rejects[0].field")).isEqualTo("dial_time");
        assertThat(r.getList("ignoredColumns", String.class)).containsExactly("extra");
        JsonPath calls = GraphQL.query("{ calls(filter: {campaignIds: [\"JS-C1\"]}) { edges { node { callId callStatus "
                + "leadStatus dialTime } } } }");
        assertThat(calls.getString("data.calls.edges[0].node.callStatus")).isEqualTo("Answered");
        assertThat(calls.getString("data.calls.edges[0].node.leadStatus")).isEqualTo("Interested");
        assertThat(calls.getString("data.calls.edges[0].node.dialTime")).startsWith("2025-04-05T08:00");
    }

    @Test
    void multipartUploadAndLocalTimesInAZone() {
        String csv = "Call ID;Lead ID;Campaign ID;Call Status;Call Dial Time\r\nmp-1;MP-L1;MP-C1;Answered;04/06/2025 9:30 AM\r\n";
        JsonPath r = given().multiPart("file", "calls.csv", csv.getBytes(), "text/csv")
                .queryParam("timeZone", "America/New_York")
                .when().post("/api/ingest/calls").then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("accepted")).isEqualTo(1);
        JsonPath calls = GraphQL.query("{ calls(filter: {campaignIds: [\"MP-C1\"]}) { edges { node { dialTime } } } }");
        // 09:30 in New York on 2025-04-06 (EDT, UTC-4) is 13:30Z
        assertThat(calls.getString("data.calls.edges[0].node.dialTime")).startsWith("2025-04-06T13:30");
    }

    @Inject
    CallIngestService ingestService;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void aBatchLeftRunningByAKilledRunIsMarkedFailedAtStart() throws Exception {
        long id;
        try (var c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("INSERT INTO ingest_batch (source, file_name) VALUES ('api', 'killed.csv') "
                        + "RETURNING batch_id")) {
            rs.next();
            id = rs.getLong(1);
        }
        assertThat(ingestService.failInterruptedBatches()).isGreaterThanOrEqualTo(1); // what StartupSequence runs
        JsonPath batch = GraphQL.query("query($id: ID!) { ingestBatch(id: $id) { status error } }",
                Map.of("id", id));
        assertThat(batch.getString("data.ingestBatch.status")).isEqualTo("FAILED");
        assertThat(batch.getString("data.ingestBatch.error")).startsWith("interrupted");
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType("application/json").body("[{\"Call ID\": ").when().post("/api/ingest/calls")
                .then().statusCode(400).extract().jsonPath();
    }
}
