package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GraphQL errors carry a machine-readable code and a message a person understands, never a stack trace. */
@QuarkusTest
class GraphQLErrorsTest extends DatabaseTest {

    private static void assertError(JsonPath json, String code, String messagePart) {
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo(code);
        assertThat(json.getString("errors[0].message")).contains(messagePart);
        // no stack trace, no internal class names
        assertThat(json.prettify()).doesNotContain("at io.").doesNotContain("io.callsight").doesNotContain("stackTrace");
    }

    @Test
    void unknownBatchIsNotFound() {
        JsonPath json = GraphQL.failing("query($id: ID!) { ingestBatch(id: $id) { id } }", Map.of("id", 987654321));
        assertError(json, "NOT_FOUND", "Ingest batch 987654321 does not exist");
    }

    @Test
    void reversedWindowIsBadInput() {
        JsonPath json = GraphQL.failing("{ campaignPerformance(filter: {from: \"2025-02-01T00:00:00Z\", "
                + "to: \"2025-01-01T00:00:00Z\"}) { campaignId } }", Map.of());
        assertError(json, "BAD_INPUT", "must be before filter.to");
        // callMetrics answers on a worker thread (its aliases run side by side): the same error, the same code.
        JsonPath metrics = GraphQL.failing("{ a: callMetrics(filter: {from: \"2025-02-01T00:00:00Z\", "
                + "to: \"2025-01-01T00:00:00Z\"}) { totalCount } b: callMetrics { totalCount } }", Map.of());
        assertError(metrics, "BAD_INPUT", "must be before filter.to");
    }

    @Test
    void badTimeZoneIsBadInput() {
        JsonPath json = GraphQL.failing("{ callMetrics(timeZone: \"Nowhere/Land\") { totalCount } }", Map.of());
        assertError(json, "BAD_INPUT", "Nowhere/Land");
    }

    @Test
    void badPageSizeAndCursorAreBadInput() {
        assertError(GraphQL.failing("{ calls(first: 0) { edges { cursor } } }", Map.of()), "BAD_INPUT",
                "first must be between 1 and 1000");
        assertError(GraphQL.failing("{ calls(after: \"garbage!!\") { edges { cursor } } }", Map.of()), "BAD_INPUT",
                "is not a cursor");
    }

    @Test
    void criteriaForAnUnknownAdvertiserIsNotFound() {
        JsonPath json = GraphQL.failing("mutation { setAdvertiserCriteria(advertiserId: \"NOPE\", criteria: "
                + "{maxAttemptNo: 2}) { advertiserId } }", Map.of());
        assertError(json, "NOT_FOUND", "Advertiser 'NOPE' does not exist");
    }

    @Test
    void invalidCriteriaAreBadInput() {
        GraphQL.query("{ advertisers { advertiserId } }");
        Fixtures.ingestCsv("call_id,lead_id,campaign_id,advertiser_id,call_status,dial_time\n"
                + "err-1,ER-L1,ER-C1,ER-A1,Answered,2025-03-01T10:00:00Z\n");
        JsonPath json = GraphQL.failing("mutation { setAdvertiserCriteria(advertiserId: \"ER-A1\", criteria: "
                + "{maxAttemptNo: 0}) { advertiserId } }", Map.of());
        assertError(json, "BAD_INPUT", "maxAttemptNo must be 1 or more");
    }

    @Test
    void unknownFieldIsAValidationErrorWithoutInternals() {
        JsonPath json = GraphQL.failing("{ campaignPerformance { noSuchField } }", Map.of());
        assertThat(json.getString("errors[0].message")).contains("noSuchField");
        assertThat(json.prettify()).doesNotContain("at io.callsight");
    }
}
