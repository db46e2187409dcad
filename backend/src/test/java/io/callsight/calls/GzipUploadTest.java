package io.callsight.calls;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A gzip upload equals the plain one, whether it says so (Content-Encoding: gzip) or is a .gz file sent as it is:
 * the same file sent again compressed reads the same rows, every one a duplicate of the plain upload's; a file
 * that starts like gzip but is damaged is refused by name. Calls (streamed) and agent KPIs (read whole).
 */
@QuarkusTest
class GzipUploadTest extends DatabaseTest {

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static JsonPath post(String path, byte[] body, boolean declared) {
        var request = given().contentType("text/csv").body(body);
        if (declared) {
            request = request.header("Content-Encoding", "gzip");
        }
        Response r = request.when().post(path);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    @Test
    void aCompressedCallFileReadsAsThePlainOne() throws IOException {
        String run = "gz" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Lead Status,Call Dial Time\n");
        for (int i = 0; i < 40; i++) {
            csv.append(run).append("-c").append(i).append(',').append(run).append("-L").append(i % 13).append(",GZ-C,GZ-A,")
                    .append(i % 3 == 0 ? "Answered,Interested," : "No Answer,,").append("2024-05-0").append(1 + i % 9)
                    .append(" 10:").append(10 + i).append(":00\n");
        }
        csv.append(run).append("-bad,,GZ-C,GZ-A,Answered,,2024-05-01 10:00:00\n"); // no lead id: rejected alike
        JsonPath plain = post("/api/ingest/calls", csv.toString().getBytes(StandardCharsets.UTF_8), false);
        assertThat(plain.getInt("accepted")).isEqualTo(40);
        assertThat(plain.getInt("rejected")).isEqualTo(1);
        for (boolean declared : new boolean[] {true, false}) {
            JsonPath again = post("/api/ingest/calls", gzip(csv.toString()), declared);
            assertThat(again.getInt("rowsRead")).as("declared " + declared).isEqualTo(plain.getInt("rowsRead"));
            assertThat(again.getInt("duplicates")).as("declared " + declared).isEqualTo(40);
            assertThat(again.getInt("accepted")).as("declared " + declared).isZero();
            assertThat(again.getInt("rejected")).as("declared " + declared).isEqualTo(1);
        }
    }

    @Test
    void aDamagedGzipFileIsRefusedByName() throws IOException {
        byte[] gz = gzip("Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\nx,y,z,Answered,2024-05-01 10:00:00\n");
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        Response r = given().contentType("text/csv").body(cut).when().post("/api/ingest/calls");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(r.asString()).contains("gzip");
    }
}
