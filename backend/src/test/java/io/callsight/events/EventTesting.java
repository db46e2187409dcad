package io.callsight.events;

import static io.callsight.common.Auth.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callsight.common.GraphQL;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Helpers of the event tests: post events, wait until the journal reached the fact. */
final class EventTesting {

    private EventTesting() {
    }

    /** POSTs a body to the call events endpoint as the test ADMIN; 200 asserted. */
    static JsonPath postCalls(String contentType, String body) {
        return given().contentType(contentType).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/events/calls").then().log()
                .ifValidationFails().statusCode(200).extract().jsonPath();
    }

    static JsonPath postCalls(Object json) {
        return given().contentType(ContentType.JSON).body(json).when().post("/api/events/calls").then().log()
                .ifValidationFails().statusCode(200).extract().jsonPath();
    }

    /** Waits until the calls listed are in the fact (the call list finds them); fails after {@code max}. */
    static void awaitCalls(List<String> callIds, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> campaigns = callIds.stream().map(EventTesting::campaignOf).distinct().toList();
        int found = -1;
        while (System.nanoTime() < deadline) {
            List<Object> stored = GraphQL.query("query($c: [String!]) { calls(filter: {campaignIds: $c}, first: 1000) "
                    + "{ edges { node { callId } } } }", Map.of("c", campaigns)).getList("data.calls.edges.node.callId");
            found = (int) callIds.stream().filter(stored::contains).count();
            if (found == callIds.size()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("only " + found + " of " + callIds.size() + " calls reached the fact within " + max);
    }

    /** Whether one call is in the fact. */
    static boolean stored(String callId) {
        return GraphQL.query("query($c: [String!]) { calls(filter: {campaignIds: $c}, first: 1000) { edges { node { "
                + "callId } } } }", Map.of("c", List.of(campaignOf(callId)))).getList("data.calls.edges.node.callId")
                .contains(callId);
    }

    /** Test call ids are "<campaign>~<n>", so a lookup can narrow to the campaign. */
    static String campaignOf(String callId) {
        return callId.substring(0, callId.indexOf('~'));
    }
}
