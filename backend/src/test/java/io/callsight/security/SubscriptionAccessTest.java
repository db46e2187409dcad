package io.callsight.security;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.common.Auth;
import io.callsight.common.GraphQL;
import io.callsight.common.GraphQLWs;
import io.callsight.common.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The access matrix over WebSocket: every subscription of the served schema (by introspection, so a
 * new one is covered without being listed) is refused to a connection without credentials and to an
 * INGEST key; advertiser A's subscriptions never carry B's data, even when it asks for B; roles are
 * checked when subscribing, as for queries.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class SubscriptionAccessTest {

    private SchemaOperations schema;

    @BeforeEach
    void load() {
        AccessFixture.load();
        schema = new SchemaOperations(GraphQL.query(SchemaOperations.INTROSPECTION));
    }

    /** The first answer of one subscription within {@code window}: a value, errors, an error or a close. */
    private static List<JsonNode> collect(String authorization, String document, Duration window) throws Exception {
        List<JsonNode> got = new ArrayList<>();
        try (GraphQLWs ws = GraphQLWs.connect(authorization)) {
            if (!ws.acknowledged(Duration.ofSeconds(10))) {
                got.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "refused"));
                return got;
            }
            String id = ws.subscribe(document, null);
            long deadline = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < deadline) {
                GraphQLWs.Message m = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (m == null) {
                    break;
                }
                if ("closed".equals(m.type())) {
                    got.add(m.body());
                    break;
                }
                if (!id.equals(m.id())) {
                    continue;
                }
                got.add(m.body());
                if (!"ka".equals(m.type())) { // the first answer decides: data, errors, error or complete
                    break;
                }
            }
        }
        return got;
    }

    /** Whether the messages refused the subscription (an error message or errors in the payload, no data). */
    private static boolean refused(List<JsonNode> messages, String code) {
        for (JsonNode m : messages) {
            if ("refused".equals(m.path("type").asText()) || "closed".equals(m.path("type").asText())) {
                return code == null;
            }
            JsonNode errors = "error".equals(m.path("type").asText()) ? m.path("payload") : m.path("payload").path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return code == null || errors.toString().contains(code);
            }
            if ("next".equals(m.path("type").asText()) && !m.path("payload").path("data").isNull()
                    && !m.path("payload").path("data").isMissingNode()) {
                return false;
            }
        }
        return false;
    }

    @Test
    void everySubscriptionIsRefusedWithoutCredentialsAndToAnIngestKey() throws Exception {
        List<SchemaOperations.Field> subs = schema.subscriptions();
        assertThat(subs).extracting(SchemaOperations.Field::name).contains("liveFloor", "agentStates", "feedActivity");
        String ingestKey = GraphQL.query("mutation { createApiKey(name: \"sub matrix ingest\", role: INGEST) { key } }")
                .getString("data.createApiKey.key");
        for (var f : subs) {
            var op = schema.operation("subscription", f, (n, t) -> n.equals("advertiserId") ? "\"" + AccessFixture.ADV_A + "\"" : null);
            assertThat(refused(collect(null, op.document(), Duration.ofSeconds(5)), "UNAUTHENTICATED"))
                    .as("anonymous %s", op).isTrue();
            assertThat(refused(collect("ApiKey " + ingestKey, op.document(), Duration.ofSeconds(5)), "FORBIDDEN"))
                    .as("INGEST %s", op).isTrue();
            // a wrong credential is refused at connection_init
            assertThat(refused(collect("Bearer not-a-token", op.document(), Duration.ofSeconds(5)), null))
                    .as("bad token %s", op).isTrue();
        }
    }

    @Test
    void anAdvertiserSubscriptionNeverCarriesAnotherAdvertisersData() throws Exception {
        // today's calls for both advertisers, so the live floor has something of each to leak
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map<String, Object>> events = new ArrayList<>();
        for (String x : new String[] { "A", "B" }) {
            events.add(Map.of("call_id", "mx-call-" + x.toLowerCase() + "-live-" + System.nanoTime(), "lead_id",
                    "MX-LEAD-" + x + "L", "campaign_id", "MX-CMP-" + x, "advertiser_id", "MX-ADV-" + x, "agent_id",
                    "MX-AG-" + x, "call_status", "Answered", "lead_status", "Interested", "dial_time", now,
                    "to_number", x.equals("A") ? "+15551110009" : "+15559990009"));
        }
        given().contentType(ContentType.JSON).body(events).when().post("/api/events/calls").then().statusCode(200);
        String adv = "Bearer " + AccessFixture.advertiserToken();
        String floor = "subscription { liveFloor(filter: %s) { today { totalCalls } campaigns { campaignId advertiserId "
                + "campaignName today { totalCalls qualifiedLeads } } agents { agentId } latestLeads { callId leadId "
                + "campaignId advertiserId agentId } } }";
        // B appears for an admin within a few seconds (the events were applied)
        String all = collectUntil("ApiKey " + Auth.ADMIN_KEY, String.format(floor, "{campaignIds: [\"MX-CMP-A\", \"MX-CMP-B\"]}"),
                "MX-CMP-B", Duration.ofSeconds(10));
        assertThat(all).contains("MX-CMP-B", "MX-CMP-A");

        for (String filter : List.of("null", "{advertiserIds: [\"MX-ADV-B\"]}", "{campaignIds: [\"MX-CMP-B\"]}",
                "{advertiserIds: [\"MX-ADV-A\", \"MX-ADV-B\"]}")) {
            String got = collect(adv, String.format(floor, filter), Duration.ofSeconds(2)).toString();
            assertThat(got).as("liveFloor(%s)", filter).contains("\"next\"");
            for (String marker : AccessFixture.B_MARKERS) {
                assertThat(got).as("liveFloor(%s) as advertiser A", filter).doesNotContain(marker);
            }
        }
        String own = collect(adv, String.format(floor, "null"), Duration.ofSeconds(2)).toString();
        assertThat(own).contains("MX-CMP-A").contains("\"agents\":[]");

        // its own feed yes, B's no; agent states are not an advertiser's to see
        assertThat(refused(collect(adv, "subscription { feedActivity(advertiserId: \"MX-ADV-B\") { leadId } }",
                Duration.ofSeconds(5)), "FORBIDDEN")).isTrue();
        assertThat(refused(collect(adv, "subscription { feedActivity(advertiserId: \"MX-ADV-A\") { leadId } }",
                Duration.ofSeconds(2)), null)).isFalse();
        assertThat(refused(collect(adv, "subscription { agentStates { agentId } }", Duration.ofSeconds(5)), "FORBIDDEN"))
                .isTrue();
        assertThat(refused(collect("Bearer " + AccessFixture.analystToken(), "subscription { agentStates { agentId } }",
                Duration.ofSeconds(2)), null)).isFalse();
    }

    /** Subscribes and returns the messages once one contains {@code marker} (or the window ends). */
    private static String collectUntil(String authorization, String document, String marker, Duration window)
            throws Exception {
        StringBuilder all = new StringBuilder();
        try (GraphQLWs ws = GraphQLWs.connect(authorization)) {
            assertThat(ws.acknowledged(Duration.ofSeconds(10))).isTrue();
            ws.subscribe(document, null);
            long deadline = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < deadline) {
                GraphQLWs.Message m = ws.next(Duration.ofMillis(500));
                if (m != null) {
                    all.append(m.body()).append('\n');
                    if (m.body().toString().contains(marker)) {
                        break;
                    }
                }
            }
        }
        return all.toString();
    }
}
