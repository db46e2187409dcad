package io.callsight.uploads;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An upload sent with X-Upload-Id reports its rows while the server still reads it (a call file streamed
 * slowly: the count is seen before the answer), then DONE with every row or FAILED with the reason; each
 * upload page lists its own kind of batch, leads included (with their rejects).
 */
@QuarkusTest
class UploadProgressTest extends DatabaseTest {

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Lead Status,Call Dial Time\n";

    /** A call file sent in five parts; the last ones only once the server has reported rows of the first. */
    private static InputStream slowCalls(String run, int rowsPerPart, String uploadId) {
        List<byte[]> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder(HEADER);
        for (int p = 0; p < 5; p++) {
            for (int i = 0; i < rowsPerPart; i++) {
                int n = p * rowsPerPart + i;
                part.append(run).append("-c").append(n).append(',').append(run).append("-L").append(n % 50)
                        .append(",UP-C,UP-A,No Answer,,2024-05-02 10:").append(10 + n % 40).append(":00\n");
            }
            parts.add(part.toString().getBytes(StandardCharsets.UTF_8));
            part.setLength(0);
        }
        return new InputStream() {
            private int index;
            private int offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (index == parts.size()) {
                    return -1;
                }
                if (offset == 0 && index == 2) {
                    awaitRowsReported(uploadId);
                }
                byte[] current = parts.get(index);
                int n = Math.min(len, current.length - offset);
                System.arraycopy(current, offset, b, off, n);
                offset += n;
                if (offset == current.length) {
                    index++;
                    offset = 0;
                }
                return n;
            }
        };
    }

    /** The rows the progress showed before the last parts were sent (-1: none within 20 s). */
    private static final AtomicLong SEEN_BEFORE_THE_REST = new AtomicLong();

    private static void awaitRowsReported(String uploadId) {
        SEEN_BEFORE_THE_REST.set(-1);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response r = progress(uploadId);
            if (r.statusCode() == 200 && r.jsonPath().getLong("rowsRead") > 0) {
                assertThat(r.jsonPath().getString("phase")).isEqualTo("PROCESSING");
                SEEN_BEFORE_THE_REST.set(r.jsonPath().getLong("rowsRead"));
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Response progress(String uploadId) {
        return given().when().get("/api/ingest/progress/" + uploadId);
    }

    @Test
    void rowsAreCountedWhileTheFileIsReadThenTheUploadIsDone() throws Exception {
        String run = "up" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String uploadId = UUID.randomUUID().toString();
        assertThat(progress(uploadId).statusCode()).as("not sent yet").isEqualTo(404);
        // java.net.http streams the body as it is read (chunked): the server reads the rows as they come.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/ingest/calls"))
                .header("X-Api-Key", Auth.ADMIN_KEY).header("Content-Type", "text/csv").header("X-Upload-Id", uploadId)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowCalls(run, 400, uploadId))).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> done = answer.get();
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(SEEN_BEFORE_THE_REST.get()).as("rows reported before the rest of the file was sent")
                .isBetween(1L, 800L);
        JsonPath finished = progress(uploadId).jsonPath();
        assertThat(finished.getString("phase")).isEqualTo("DONE");
        assertThat(finished.getLong("rowsRead")).isEqualTo(2000);
        assertThat(finished.getString("kind")).isEqualTo("calls");
    }

    @Test
    void aRefusedUploadEndsFailedWithItsReason() {
        String uploadId = "refused-" + Long.toString(System.nanoTime(), 36);
        Response r = given().contentType("text/csv").header("X-Upload-Id", uploadId).body("\n\n")
                .when().post("/api/ingest/service-metrics");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonPath p = progress(uploadId).jsonPath();
        assertThat(p.getString("phase")).isEqualTo("FAILED");
        assertThat(p.getString("kind")).isEqualTo("service-metrics");
        assertThat(p.getString("error")).isNotBlank();
    }

    @Test
    void badAndUnknownIdsAreRefusedClearly() {
        Response bad = given().contentType("text/csv").header("X-Upload-Id", "no spaces allowed").body(HEADER)
                .when().post("/api/ingest/calls");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.asString()).contains("X-Upload-Id");
        Response unknown = progress("never-sent-" + Long.toString(System.nanoTime(), 36));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.asString()).contains("X-Upload-Id");
    }

    @Test
    void aLeadFileIsABatchOfKindLeadsWithItsRejects() {
        String run = "ul" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String csv = "lead_id,email_hash,phone_hash,campaign_id,advertiser_id\n"
                + run + "-1," + "a".repeat(40) + ",,C1,A1\n"
                + run + "-2,not-a-hash,,C1,A1\n";
        // a source of its own: leads without one count for every source (other tests count theirs)
        Response r = given().contentType("text/csv").body(csv).when().post("/api/ingest/leads?source=upload-test");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        long batchId = r.jsonPath().getLong("batchId");
        assertThat(batchId).isPositive();
        JsonPath batches = graphql("{ ingestBatches(kind: \"leads\", first: 5) { edges { node { id kind accepted rejected "
                + "rejects { totalCount edges { node { line field reason } } } } } } }");
        assertThat(batches.getString("data.ingestBatches.edges[0].node.id")).isEqualTo(Long.toString(batchId));
        assertThat(batches.getString("data.ingestBatches.edges[0].node.kind")).isEqualTo("leads");
        assertThat(batches.getInt("data.ingestBatches.edges[0].node.accepted")).isEqualTo(1);
        assertThat(batches.getInt("data.ingestBatches.edges[0].node.rejects.totalCount")).isEqualTo(1);
        assertThat(batches.getInt("data.ingestBatches.edges[0].node.rejects.edges[0].node.line")).isEqualTo(3);
        assertThat(batches.getString("data.ingestBatches.edges[0].node.rejects.edges[0].node.field")).isEqualTo("email_hash");
        JsonPath calls = graphql("{ ingestBatches(kind: \"calls\", first: 50) { edges { node { kind } } } }");
        assertThat(calls.getList("data.ingestBatches.edges.node.kind", String.class)).isNotEmpty().containsOnly("calls");
        JsonPath wrong = graphql("{ ingestBatches(kind: \"nonsense\") { edges { node { id } } } }");
        assertThat(wrong.getString("errors[0].message")).contains("kind must be one of");
    }

    private static JsonPath graphql(String query) {
        return given().contentType("application/json").body(java.util.Map.of("query", query)).when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }
}
