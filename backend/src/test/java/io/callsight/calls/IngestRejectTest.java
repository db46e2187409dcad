package io.callsight.calls;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One test per reject reason: each file has two good rows around one bad row (line 3); the bad
 * row is rejected with line, field, value and reason, and the good rows land.
 */
@QuarkusTest
class IngestRejectTest extends DatabaseTest {

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time\n";

    private static String good(String prefix, int n) {
        return prefix + "-ok" + n + ",RJ-L" + n + ",RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1,2025-05-0" + n
                + "T10:00:00Z\n";
    }

    /** Ingests good row, {@code badRow}, good row; asserts the reject and that 2 rows landed. */
    private static Map<String, Object> rejectOf(String prefix, String badRow) {
        String csv = HEADER + good(prefix, 1) + badRow + "\n" + good(prefix, 2);
        JsonPath r = Fixtures.ingestCsv(csv);
        assertThat(r.getInt("rowsRead")).isEqualTo(3);
        assertThat(r.getInt("accepted")).as("good rows land").isEqualTo(2);
        assertThat(r.getInt("rejected")).isEqualTo(1);
        List<Map<String, Object>> rejects = r.getList("rejects");
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).get("line")).isEqualTo(3);
        JsonPath landed = GraphQL.query("{ calls(filter: {campaignIds: [\"RJ-C1\"]}, first: 1000) { edges { node { callId } } } }");
        assertThat(landed.getList("data.calls.edges.node.callId", String.class))
                .contains(prefix + "-ok1", prefix + "-ok2");
        return rejects.get(0);
    }

    @Test
    void badNumber() {
        Map<String, Object> r = rejectOf("num", "num-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,abc,60,1,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("agent_call_duration_s");
        assertThat(r.get("value")).isEqualTo("abc");
        assertThat(r.get("reason")).isEqualTo("agent_call_duration_s is not a number");
        assertThat(r.get("callId")).isEqualTo("num-bad");
    }

    @Test
    void negativeDuration() {
        Map<String, Object> r = rejectOf("neg", "neg-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,-5,1,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("customer_call_duration_s");
        assertThat(r.get("value")).isEqualTo("-5");
        assertThat(r.get("reason")).isEqualTo("customer_call_duration_s must not be negative");
    }

    @Test
    void badTimestamp() {
        Map<String, Object> r = rejectOf("ts", "ts-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1,yesterday noon");
        assertThat(r.get("field")).isEqualTo("dial_time");
        assertThat(r.get("value")).isEqualTo("yesterday noon");
        assertThat((String) r.get("reason")).startsWith("dial_time is not a timestamp");
    }

    @Test
    void impossibleDate() {
        Map<String, Object> r = rejectOf("date", "date-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1,2025-02-30 10:00:00");
        assertThat(r.get("field")).isEqualTo("dial_time");
        assertThat((String) r.get("reason")).startsWith("dial_time is not");
    }

    @Test
    void missingCallId() {
        Map<String, Object> r = rejectOf("cid", ",RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("call_id");
        assertThat(r.get("reason")).isEqualTo("call_id is required");
    }

    @Test
    void badAttemptNumber() {
        Map<String, Object> r = rejectOf("att", "att-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,0,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("attempt_no");
        assertThat(r.get("value")).isEqualTo("0");
        assertThat(r.get("reason")).isEqualTo("attempt number must be 1 or more");
        Map<String, Object> frac = rejectOf("att2", "att2-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1.5,2025-05-03T10:00:00Z");
        assertThat(frac.get("reason")).isEqualTo("attempt number not a whole number");
    }

    @Test
    void duplicateCallIdInTheFile() {
        Map<String, Object> r = rejectOf("dup", "dup-ok1,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,120,60,1,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("call_id");
        assertThat(r.get("value")).isEqualTo("dup-ok1");
        assertThat(r.get("reason")).isEqualTo("duplicate call_id in this file: first seen on line 2");
    }

    @Test
    void customerLongerThanAgent() {
        Map<String, Object> r = rejectOf("cust", "cust-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,60,120,1,2025-05-03T10:00:00Z");
        assertThat(r.get("field")).isEqualTo("customer_call_duration_s");
        assertThat((String) r.get("reason")).contains("longer than the agent call duration");
    }

    @Test
    void wrongFieldCount() {
        Map<String, Object> r = rejectOf("cols", "cols-bad,RJ-L9,RJ-C1,RJ-A1");
        assertThat(r.get("reason")).isEqualTo("row has 4 fields, the header has 11");
    }

    @Test
    void lineNumbersCountPhysicalLinesOfQuotedFields() {
        // line 2 holds a quoted field with a line break and a comma: the next record starts on line 4
        String csv = "call_id,lead_id,campaign_id,campaign_name,call_status,dial_time\n"
                + "ql-1,QL-L1,QL-C1,\"Solar, \nphase 2\",Answered,2025-05-01T10:00:00Z\n"
                + "ql-2,QL-L2,QL-C1,plain,Answered,not-a-date\n";
        JsonPath r = Fixtures.ingestCsv(csv);
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getInt("rejects[0].line")).isEqualTo(4);
        JsonPath calls = GraphQL.query("{ calls(filter: {campaignIds: [\"QL-C1\"]}) { edges { node { campaignName } } } }");
        assertThat(calls.getString("data.calls.edges[0].node.campaignName")).isEqualTo("Solar, \nphase 2");
    }

    @Test
    void allRejectsAreQueryableThroughGraphQL() {
        String csv = HEADER + good("gq", 1) + "gq-bad,RJ-L9,RJ-C1,RJ-A1,RJ-AG1,Answered,Interested,xyz,60,1,2025-05-03T10:00:00Z\n";
        long batchId = Fixtures.ingestCsv(csv).getLong("batchId");
        JsonPath json = GraphQL.query("query($id: ID!) { ingestBatch(id: $id) { id status rowsRead accepted "
                + "rejected rejects(first: 10) { totalCount edges { node { line callId field value reason rawRow } } } } }",
                Map.of("id", batchId));
        assertThat(json.getString("data.ingestBatch.status")).isEqualTo("COMPLETED");
        assertThat(json.getInt("data.ingestBatch.rejected")).isEqualTo(1);
        Map<String, Object> node = json.getMap("data.ingestBatch.rejects.edges[0].node");
        assertThat(node.get("line")).isEqualTo(3);
        assertThat(node.get("field")).isEqualTo("agent_call_duration_s");
        assertThat((String) node.get("rawRow")).startsWith("gq-bad,RJ-L9");
    }

    @Test
    void missingRequiredColumnRefusesTheFileWithAClearMessage() {
        given().contentType("text/csv").body("Call ID,Lead ID,Call Status\nx,y,Answered\n")
                .when().post("/api/ingest/calls")
                .then().statusCode(400)
                .body("code", equalTo("BAD_INPUT"))
                .body("error", containsString("required column(s) missing: campaign_id, dial_time"));
    }

    @Test
    void badTimeZoneIsRefused() {
        given().contentType("text/csv").body(HEADER + good("tz", 1)).queryParam("timeZone", "Mars/Olympus")
                .when().post("/api/ingest/calls")
                .then().statusCode(400).body("code", equalTo("BAD_INPUT")).body("error", containsString("Mars/Olympus"));
    }
}
