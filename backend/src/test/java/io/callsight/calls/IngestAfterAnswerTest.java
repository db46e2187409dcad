package io.callsight.calls;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A call file completed after its answer ({@code ?complete=after-answer}; large files by default): the
 * answer says LOADED with its rejects final (a bad row, an in-file repeat) while its rows wait durably in
 * the batch's landing table; the batch then becomes READY with the calls in the fact once each (a call
 * stored before counts as a duplicate), the landing table gone, and the reports show the whole file. A
 * LOADED batch whose instance stopped before completing it (made here by hand, as a crash leaves it) is
 * completed by the sweep. A bad {@code complete} value is a clear error.
 */
@QuarkusTest
class IngestAfterAnswerTest extends DatabaseTest {

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time\n";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallIngestService ingest;

    private static String row(String id, String lead, String at) {
        return id + "," + lead + ",AA-C1,AA-A1,AA-AG1,Answered,Interested,120,60,1," + at + "\n";
    }

    @Test
    void answersWhenDurableAndReportsTheFileWhenReady() throws Exception {
        // a call stored before: the later file's copy of it is a duplicate
        assertThat(Fixtures.ingestCsv(HEADER + row("aa-1", "AA-L1", "2025-07-01T10:00:00Z")).getInt("accepted"))
                .isEqualTo(1);
        String csv = HEADER + row("aa-1", "AA-L1", "2025-07-01T10:00:00Z") + row("aa-2", "AA-L2", "2025-07-01T11:00:00Z")
                + "aa-bad,AA-L3,AA-C1,AA-A1,AA-AG1,Answered,Interested,abc,60,1,2025-07-01T12:00:00Z\n"
                + row("aa-3", "AA-L3", "2025-07-02T09:00:00Z") + row("aa-2", "AA-L2", "2025-07-03T09:00:00Z");
        JsonPath answer = given().contentType("text/csv").body(csv).when()
                .post("/api/ingest/calls?complete=after-answer").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("status")).isEqualTo("LOADED");
        assertThat(answer.getInt("rowsRead")).isEqualTo(5);
        assertThat(answer.getInt("rejected")).as("rejects final at the answer").isEqualTo(2);
        assertThat(answer.getList("rejects.line", Integer.class)).containsExactly(4, 6);
        assertThat(answer.getList("rejects.reason", String.class).get(1)).startsWith("duplicate call_id in this file");
        assertThat(answer.getInt("accepted")).as("provisional: the validated rows").isEqualTo(3);
        long batchId = answer.getLong("batchId");

        String status = awaitStatus(batchId, "READY");
        assertThat(status).isEqualTo("READY");
        JsonPath batch = GraphQL.query("{ ingestBatch(id: \"" + batchId + "\") { status accepted rejected duplicates } }");
        assertThat(batch.getString("data.ingestBatch.status")).isEqualTo("READY");
        assertThat(batch.getInt("data.ingestBatch.accepted")).isEqualTo(2);
        assertThat(batch.getInt("data.ingestBatch.duplicates")).isEqualTo(1);
        assertThat(batch.getInt("data.ingestBatch.rejected")).isEqualTo(2);
        try (Connection c = dataSource.getConnection()) {
            assertThat(strings(c, "SELECT call_id || ' ' || count(*) FROM call WHERE call_id LIKE 'aa-%' GROUP BY call_id ORDER BY 1"))
                    .containsExactly("aa-1 1", "aa-2 1", "aa-3 1");
            assertThat(strings(c, "SELECT to_regclass('" + CallStaging.landingTable(batchId) + "')::text"))
                    .containsExactly((String) null);
            assertThat(strings(c, "SELECT count(*)::text FROM ingest_reject WHERE batch_id = " + batchId))
                    .containsExactly("2");
        }
        JsonPath report = GraphQL.query("{ campaignPerformance(filter: {campaignIds: [\"AA-C1\"]}) { totalCalls uniqueLeads } }");
        assertThat(report.getInt("data.campaignPerformance[0].totalCalls")).isEqualTo(3);
        assertThat(report.getInt("data.campaignPerformance[0].uniqueLeads")).isEqualTo(3);
    }

    @Test
    void aLoadedBatchLeftByAStoppedInstanceIsCompletedByTheSweep() throws Exception {
        long batchId;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("INSERT INTO ingest_batch (source, file_name, status, rows_read, accepted, "
                    + "rejected, checksum_sha256) VALUES ('api', 'left.csv', 'LOADED', 1, 1, 0, 'aa-left') RETURNING batch_id")) {
                rs.next();
                batchId = rs.getLong(1);
            }
            String table = CallStaging.landingTable(batchId);
            st.execute(CallStaging.CREATE_STAGE_TABLE.replace("CREATE TEMP TABLE stage_call", "CREATE TABLE " + table)
                    .replace(" ON COMMIT DROP", ""));
            st.execute("INSERT INTO " + table + " (line, ok, call_id, lead_id, campaign_id, call_status, dial_time) "
                    + "VALUES (2, true, 'left-aa-1', 'AA-L9', 'AA-C2', 'Answered', '2025-07-05T10:00:00Z')");
        }
        ingest.completeLoadedBatches();
        assertThat(awaitStatus(batchId, "READY")).isEqualTo("READY");
        try (Connection c = dataSource.getConnection()) {
            assertThat(strings(c, "SELECT count(*)::text FROM call WHERE call_id = 'left-aa-1'")).containsExactly("1");
        }
        assertThat(ingest.completeLoaded(batchId)).as("completed once").isFalse();
    }

    @Test
    void aBadCompleteValueIsAClearError() {
        given().contentType("text/csv").body(HEADER + row("aa-x", "AA-LX", "2025-07-01T10:00:00Z")).when()
                .post("/api/ingest/calls?complete=later").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("complete must be before-answer or after-answer"));
    }

    private String awaitStatus(long batchId, String wanted) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection()) {
                status = strings(c, "SELECT status FROM ingest_batch WHERE batch_id = " + batchId).get(0);
            }
            if (wanted.equals(status)) {
                return status;
            }
            Thread.sleep(100);
        }
        return status;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        return CallsSql.strings(c, sql);
    }
}
