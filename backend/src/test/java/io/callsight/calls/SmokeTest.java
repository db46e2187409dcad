package io.callsight.calls;

import static io.callsight.common.Auth.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest extends DatabaseTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusShowsIngestCounters() {
        csvIngestLands();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .containsPattern("callsight_ingest_rows_total\\{outcome=\"accepted\"[^}]*\\} [1-9]")
                .contains("callsight_ingest_batches_total{status=\"COMPLETED\"");
    }

    @Test
    void csvIngestLands() {
        String csv = """
                Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time,Agent ID,Agent Name
                smoke-1,L1,C1,A1,answered,Interested,100,80,1,2026-01-05 10:00:00,ag1,Ann
                smoke-2,L1,C1,A1,No Answer,,5,0,2,2026-01-05 11:00:00,ag1,Ann
                """;
        // idempotent: the second call (from the metrics test) finds both rows stored
        given().contentType("text/csv").body(csv).when().post("/api/ingest/calls").then().log().ifValidationFails()
                .statusCode(200).body("rowsRead", equalTo(2)).body("rejected", equalTo(0));
    }
}
