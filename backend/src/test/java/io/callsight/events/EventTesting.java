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
        int found = -1;
        while (System.nanoTime() < deadline) {
            found = 0;
            for (String id : callIds) {
                found += stored(id) ? 1 : 0;
            }
            if (found == callIds.size()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("only " + found + " of " + callIds.size() + " calls reached the fact within " + max);
    }

    /** Whether a call is in the fact, through the public call list. */
    static boolean stored(String callId) {
        List<Object> ids = GraphQL.query("query($c: [String!]) { calls(filter: {campaignIds: $c}, first: 500) "
                + "{ edges { node { callId } } } }", Map.of("c", List.of(campaignOf(callId))))
                .getList("data.calls.edges.node.callId");
        return ids.contains(callId);
    }

    /** Test call ids are "<campaign>~<n>", so a lookup can narrow to the campaign. */
    static String campaignOf(String callId) {
        return callId.substring(0, callId.indexOf('~'));
    }
}
