package io.callsight.fuzz;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The files ParserFuzzTest found answering 500 (shrunk to what still failed), end to end: each now answers data
 * (the bad row rejected or its value read as unreadable) or a coded 400.
 */
@QuarkusTest
class FuzzFindingsTest extends DatabaseTest {

    private static Response post(String path, String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).when().post(path);
    }

    private static JsonPath ok(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    private static final String CALL_HEADER = "Call ID,Lead ID,Campaign ID,Agent Name,Call Status,Call Dial Time\n";

    @Test
    void callIdsTooLongForTheIndexAreRejectedRows() {
        JsonPath r = ok(post("/api/ingest/calls", "text/csv", CALL_HEADER + "ff-" + "9".repeat(3000)
                + ",FF-L1,FF-C1,Ann,Answered,2041-06-02 09:00:00\nff-ok,FF-L1,FF-C1,Ann,Answered,2041-06-02 09:00:00\n"));
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getString("rejects[0].reason")).isEqualTo("call_id is longer than 200 characters");
    }

    @Test
    void nulInAValueIsStoredAsTheReplacementCharacter() {
        JsonPath r = ok(post("/api/ingest/calls", "application/json", "[{\"Call ID\": \"ff-nul\", \"Lead ID\": \"FF-L2\", "
                + "\"Campaign ID\": \"FF-C1\", \"Agent Name\": \"A\\u0000n\", \"Call Status\": \"Answered\", "
                + "\"Call Dial Time\": \"2041-06-02 09:00:00\"}]"));
        assertThat(r.getInt("accepted")).isEqualTo(1);
        JsonPath m = ok(post("/api/ingest/service-metrics", "text/csv", "Month,CallsAnswered,\u0000"));
        assertThat(m.getList("unknownColumns", String.class)).containsExactly("\uFFFD");
    }

    @Test
    void filesOfBlankLinesAreRefused() {
        for (String path : new String[] {"/api/ingest/service-metrics", "/api/ingest/inbound-calls", "/api/ingest/agent-kpis"}) {
            Response r = post(path, "text/csv", "\r\n \r\n");
            assertThat(r.statusCode()).as(path + ": " + r.asString()).isEqualTo(400);
            assertThat(r.jsonPath().getString("code")).isEqualTo("BAD_INPUT");
        }
    }

    @Test
    void overlongRecordsAreRefusedWithACode() {
        Response r = post("/api/ingest/service-metrics", "text/csv", "Month,Calls Answered\n\"" + "x".repeat(1_100_000));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("code")).isEqualTo("BAD_INPUT");
        assertThat(r.asString()).doesNotContain("Exception");
    }

    @Test
    void overlongSnapshotValuesAreUnreadableNotFatal() {
        JsonPath r = ok(given().contentType("text/csv").queryParam("source", "fuzz-findings").queryParam("reportDate", "2050-01-01")
                .body("ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP\n02/05/2023,1" + "2".repeat(5000)
                        + ",3b7c33e84ea3ae8b249dc1e1578fc84cb4047ac4,,Bremerton,WA,98311\n")
                .when().post("/api/ingest/crm-snapshots"));
        assertThat(r.getInt("rowsLoaded")).isEqualTo(1);
        assertThat(r.getInt("unreadableValues")).isEqualTo(1);
    }

    @Test
    void overlongLeadAndInboundIdsAreRejectedRows() {
        JsonPath leads = ok(post("/api/ingest/leads", "text/csv", "lead_id,email_hash\nff-" + "1".repeat(300)
                + ",3b7c33e84ea3ae8b249dc1e1578fc84cb4047ac4\n"));
        assertThat(leads.getInt("rejected")).isEqualTo(1);
        JsonPath calls = ok(post("/api/ingest/inbound-calls", "text/tab-separated-values",
                "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\t"
                        + "outcome\tser_start\tser_exit\tser_time\tserver\r\nAA0101\t3" + "4".repeat(300)
                        + "\t0\t0\tPS\t770201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n"));
        assertThat(calls.getInt("rejected")).isEqualTo(1);
        assertThat(calls.getString("rejects[0].reason")).isEqualTo("longer than 200 characters");
    }
}
