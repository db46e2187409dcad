package io.callsight.events;

import static io.callsight.common.Auth.anonymous;
import static io.callsight.common.Auth.asKey;
import static io.callsight.common.Auth.given;
import static io.callsight.events.EventTesting.awaitCalls;
import static io.callsight.events.EventTesting.postCalls;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The call event API against the real server: per-event outcomes and reasons, the three body forms,
 * idempotent resends, events of earlier days, the dialer GET webhook with a field mapping, the INGEST
 * role, and the same calls giving the same reports through a file and through events.
 */
@QuarkusTest
class CallEventsTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static String run() {
        return Long.toString(System.nanoTime() % 100_000_000L, 36) + ThreadLocalRandom.current().nextInt(1000);
    }

    private static Map<String, Object> call(String campaign, String id, String lead, String status, String leadStatus,
            Instant dial) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", campaign + "~" + id);
        m.put("lead_id", campaign + "-L" + lead);
        m.put("campaign_id", campaign);
        m.put("advertiser_id", campaign + "-ADV");
        m.put("agent_id", campaign + "-AG1");
        m.put("call_status", status);
        m.put("lead_status", leadStatus);
        m.put("agent_call_duration", 120);
        m.put("customer_call_duration", 100);
        m.put("dial_time", dial.toString());
        return m;
    }

    @Test
    void everyEventGetsItsOutcomeAndRejectsKeepTheirReason() throws Exception {
        String cmp = "EVO" + run();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> good = call(cmp, "1", "1", "answered", "interested", now);
        Map<String, Object> again = new LinkedHashMap<>(good);
        Map<String, Object> noId = call(cmp, "2", "2", "Answered", "", now);
        noId.remove("call_id");
        Map<String, Object> badTime = call(cmp, "3", "3", "Answered", "", now);
        badTime.put("dial_time", "yesterday-ish");
        Map<String, Object> longer = call(cmp, "4", "4", "Answered", "", now);
        longer.put("customer_call_duration", 500);
        List<Object> body = new ArrayList<>(List.of(good, again, noId, badTime, longer));
        body.add("not an object");

        JsonPath r = postCalls(body);
        assertThat(r.getInt("received")).isEqualTo(6);
        assertThat(r.getList("events.outcome", String.class)).containsExactly("accepted", "duplicate", "rejected",
                "rejected", "rejected", "rejected");
        assertThat(r.getList("events.index", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(r.getString("events[2].field")).isEqualTo("call_id");
        assertThat(r.getString("events[2].reason")).isEqualTo("call_id is required");
        assertThat(r.getString("events[3].field")).isEqualTo("dial_time");
        assertThat(r.getString("events[3].value")).isEqualTo("yesterday-ish");
        assertThat(r.getString("events[4].field")).isEqualTo("customer_call_duration_s");
        assertThat(r.getString("events[4].reason")).contains("longer than the agent call duration");
        assertThat(r.getString("events[5].reason")).contains("not a JSON object");
        assertThat(r.getInt("accepted")).isEqualTo(1);
        assertThat(r.getInt("duplicates")).isEqualTo(1);
        assertThat(r.getInt("rejected")).isEqualTo(4);

        // the rejects are kept with the group's batch, like a file's
        long batchId = r.getLong("batchId");
        JsonPath rejects = GraphQL.query("query($b: ID!) { ingestBatch(id: $b) { source rejected rejects(first: 50) { "
                + "edges { node { field reason } } } } }", Map.of("b", Long.toString(batchId)));
        assertThat(rejects.getString("data.ingestBatch.source")).isEqualTo("events");
        assertThat(rejects.getList("data.ingestBatch.rejects.edges.node.field")).contains("call_id", "dial_time",
                "customer_call_duration_s");

        awaitCalls(List.of(cmp + "~1"), Duration.ofSeconds(10));
        // the status was normalised as a file row's is
        JsonPath perf = GraphQL.query("query($c: [String!]) { campaignPerformance(filter: {campaignIds: $c}) { "
                + "totalCalls callsConnected leadsConverted } }", Map.of("c", List.of(cmp)));
        assertThat(perf.getLong("data.campaignPerformance[0].totalCalls")).isEqualTo(1);
        assertThat(perf.getLong("data.campaignPerformance[0].callsConnected")).isEqualTo(1);
        assertThat(perf.getLong("data.campaignPerformance[0].leadsConverted")).isEqualTo(1);
    }

    @Test
    void ndjsonAndSingleObjectsAreAcceptedAndResendsAreDuplicates() throws Exception {
        String cmp = "EVN" + run();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String nd = toJson(call(cmp, "1", "1", "Answered", "Interested", now)) + "\n\n"
                + toJson(call(cmp, "2", "1", "No Answer", "", now)) + "\n{broken json\n";
        JsonPath r = postCalls("application/x-ndjson", nd);
        assertThat(r.getList("events.outcome", String.class)).containsExactly("accepted", "accepted", "rejected");
        assertThat(r.getString("events[2].reason")).contains("line 4 is not valid JSON");

        JsonPath single = postCalls(call(cmp, "3", "2", "Answered", "", now));
        assertThat(single.getList("events.outcome", String.class)).containsExactly("accepted");

        // resent before and after they reached the fact: duplicates, stored once
        assertThat(postCalls("application/x-ndjson", nd).getList("events.outcome", String.class))
                .containsExactly("duplicate", "duplicate", "rejected");
        awaitCalls(List.of(cmp + "~1", cmp + "~2", cmp + "~3"), Duration.ofSeconds(10));
        assertThat(postCalls(call(cmp, "3", "2", "Answered", "", now)).getList("events.outcome", String.class))
                .containsExactly("duplicate");
        JsonPath perf = GraphQL.query("query($c: [String!]) { campaignPerformance(filter: {campaignIds: $c}) { "
                + "totalCalls uniqueLeads } }", Map.of("c", List.of(cmp)));
        assertThat(perf.getLong("data.campaignPerformance[0].totalCalls")).isEqualTo(3);
        assertThat(perf.getLong("data.campaignPerformance[0].uniqueLeads")).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsAWhole() {
        given().contentType(ContentType.JSON).body("call_id,lead_id\n1,2").when().post("/api/events/calls").then()
                .statusCode(400);
        given().contentType(ContentType.JSON).body("[{\"call_id\": 1,").when().post("/api/events/calls").then()
                .statusCode(400);
        anonymous().contentType(ContentType.JSON).body("{}").when().post("/api/events/calls").then().statusCode(401);
    }

    @Test
    void eventsOfEarlierDaysLandInTheirDay() throws Exception {
        String cmp = "EVD" + run();
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        postCalls(List.of(call(cmp, "1", "1", "Answered", "Interested", threeDaysAgo)));
        awaitCalls(List.of(cmp + "~1"), Duration.ofSeconds(10));
        JsonPath day = GraphQL.query("query($c: [String!], $f: DateTime, $t: DateTime) { campaignPerformance(filter: "
                + "{campaignIds: $c, from: $f, to: $t}) { totalCalls } }", Map.of("c", List.of(cmp), "f",
                        threeDaysAgo.truncatedTo(ChronoUnit.DAYS).toString(),
                        "t", threeDaysAgo.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).toString()));
        assertThat(day.getLong("data.campaignPerformance[0].totalCalls")).isEqualTo(1);
    }

    @Test
    void aDialerCallsAGetUrlWithItsOwnNamesAndAnIngestKey() throws Exception {
        String cmp = "EVG" + run();
        GraphQL.query("mutation { setEventSource(source: \"vicidial\", mappings: [{parameter: \"uniqueid\", field: "
                + "\"call_id\"}, {parameter: \"lead\", field: \"lead_id\"}, {parameter: \"campaign\", field: \"campaign_id\"}, "
                + "{parameter: \"dispo\", field: \"call_status\"}, {parameter: \"call_date\", field: \"dial_time\"}]) { source } }");
        String key = GraphQL.query("mutation { createApiKey(name: \"dialer " + cmp + "\", role: INGEST) { key } }")
                .getString("data.createApiKey.key");
        String when = LOCAL.format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        JsonPath r = anonymous().queryParam("api_key", key).queryParam("uniqueid", cmp + "~1").queryParam("lead", "L1")
                .queryParam("campaign", cmp).queryParam("dispo", "ANSWERED").queryParam("call_date", when)
                .queryParam("lead_status", "Interested").when().get("/api/events/calls/dialer/vicidial").then().log()
                .ifValidationFails().statusCode(200).extract().jsonPath();
        assertThat(r.getList("events.outcome", String.class)).containsExactly("accepted");
        awaitCalls(List.of(cmp + "~1"), Duration.ofSeconds(10));

        // an unknown mapping target is refused with the field named
        JsonPath bad = GraphQL.failing("mutation { setEventSource(source: \"x1\", mappings: [{parameter: \"a\", "
                + "field: \"colour\"}]) { source } }", Map.of());
        assertThat(bad.getString("errors[0].message")).contains("mappings[1].field");

        // the INGEST key posts events and files, and reads nothing
        asKey(key).contentType(ContentType.JSON).body(call(cmp, "2", "2", "Answered", "", Instant.now()))
                .when().post("/api/events/calls").then().statusCode(200);
        asKey(key).contentType("text/csv").body("Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\n" + cmp
                + "~3,L3," + cmp + ",Answered," + when + "\n").when().post("/api/ingest/calls").then().statusCode(200);
        JsonPath refused = asKey(key).contentType(ContentType.JSON).body(Map.of("query", "{ campaigns { campaignId } }"))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("FORBIDDEN");
        asKey(key).when().get("/api/auth/me").then().statusCode(200);
        asKey(key).when().get("/api/feeds/leads.csv").then().statusCode(403);
        // a key in the URL is read on the event endpoints only
        anonymous().queryParam("api_key", key).when().get("/api/feeds/leads.csv").then().statusCode(401);
        // users cannot be INGEST
        JsonPath user = GraphQL.failing("mutation { createUser(username: \"ing-" + cmp.toLowerCase() + "\", password: "
                + "\"long-enough-1\", role: INGEST) { id } }", Map.of());
        assertThat(user.getString("errors[0].message")).contains("INGEST is for API keys only");
    }

    @Test
    void theSameCallsGiveTheSameReportsThroughAFileAndThroughEvents() throws Exception {
        String run = run();
        String file = "EVF" + run;
        String events = "EVE" + run;
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String[] statuses = { "Answered", "no answer", "ANSWERED", "Busy", "answered " };
        String[] leadStatuses = { "Interested", "not interested", "", "INTERESTED", "Call Back" };
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Agent Name,Call Status,"
                + "Lead Status,Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time\n");
        List<Map<String, Object>> posted = new ArrayList<>();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 1; i <= 80; i++) {
            String status = statuses[rnd.nextInt(statuses.length)];
            String leadStatus = leadStatuses[rnd.nextInt(leadStatuses.length)];
            int lead = rnd.nextInt(25);
            int agent = rnd.nextInt(3);
            int agentS = 30 + rnd.nextInt(300);
            int custS = rnd.nextInt(agentS);
            int attempt = 1 + rnd.nextInt(4);
            String sub = i % 2 == 0 ? "A" : "B";
            String dial = LOCAL.format(start.plusSeconds(37L * i).atOffset(ZoneOffset.UTC));
            csv.append(file).append(sub).append('~').append(i).append(',').append(file).append("-L").append(lead)
                    .append(',').append(file).append(sub).append(',').append(file).append("-ADV,").append(file)
                    .append("-AG").append(agent).append(",Agent ").append(agent).append(',').append(status).append(',')
                    .append(leadStatus).append(',').append(agentS).append(',').append(custS).append(',').append(attempt)
                    .append(',').append(dial).append('\n');
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Call ID", events + sub + "~" + i);
            e.put("Lead ID", events + "-L" + lead);
            e.put("Campaign ID", events + sub);
            e.put("Advertiser ID", events + "-ADV");
            e.put("Agent ID", events + "-AG" + agent);
            e.put("Agent Name", "Agent " + agent);
            e.put("Call Status", status);
            e.put("Lead Status", leadStatus);
            e.put("Agent Call Duration", agentS);
            e.put("Customer Call Duration", custS);
            e.put("Attempt No", attempt);
            e.put("Call Dial Time", dial);
            posted.add(e);
        }
        assertThat(Fixtures.ingestCsv(csv.toString()).getInt("accepted")).isEqualTo(80);
        // events in several requests of several forms, some sent twice
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < posted.size(); from += 20) {
            List<Map<String, Object>> part = posted.subList(from, from + 20);
            JsonPath r = from % 40 == 0 ? postCalls(part)
                    : postCalls("application/x-ndjson", String.join("\n", part.stream().map(CallEventsTest::toJson).toList()));
            assertThat(r.getInt("accepted")).isEqualTo(20);
            postCalls(part.subList(0, 5));
            part.forEach(p -> ids.add((String) p.get("Call ID")));
        }
        awaitCalls(ids, Duration.ofSeconds(15));

        for (String q : List.of(
                "campaignPerformance(filter: $f) { totalCalls uniqueLeads callsConnected uniqueCallsConnected leadsConverted "
                        + "qualifiedLeads leadsLost avgAgentCallDuration avgCustomerCallDuration connectRate conversionRate }",
                "agentPerformance(filter: $f) { agentName callsMade callsConnected leadsConverted avgAgentCallDuration "
                        + "successRate aht callsPerHour }",
                "leadDisposition(filter: $f, field: LEAD_STATUS) { status count }",
                "leadDisposition(filter: $f, field: CALL_STATUS) { status count }")) {
            String doc = "query($f: CallFilter) { r: " + q + " }";
            String name = q.substring(0, q.indexOf('('));
            Object viaFile = GraphQL.query(doc, Map.of("f", Map.of("advertiserIds", List.of(file + "-ADV")))).get("data.r");
            Object viaEvents = GraphQL.query(doc, Map.of("f", Map.of("advertiserIds", List.of(events + "-ADV")))).get("data.r");
            assertThat(viaEvents).as(name).isEqualTo(viaFile);
            assertThat(viaFile.toString()).as(name).isNotEqualTo("[]");
        }
    }

    @Test
    void aFileHoldingTheIngestLockDoesNotHoldEventsUp() throws Exception {
        String cmp = "EVL" + run();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // what a file batch holds for its whole transaction (calls.CallStaging.INGEST_LOCK, "CALLS")
                st.execute("SELECT pg_advisory_xact_lock(" + 0x43414C4C53L + ")");
            }
            long started = System.nanoTime();
            JsonPath r = postCalls(List.of(call(cmp, "1", "1", "Answered", "Interested", Instant.now())));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.getList("events.outcome", String.class)).containsExactly("accepted");
            assertThat(ms).as("ms to answer while a file holds the ingest lock").isLessThan(2000);
            Thread.sleep(500);
            assertThat(EventTesting.stored(cmp + "~1")).as("applied only when the file commits").isFalse();
            // resent meanwhile: still one call, answered as a duplicate
            assertThat(postCalls(List.of(call(cmp, "1", "1", "Answered", "Interested", Instant.now())))
                    .getList("events.outcome", String.class)).containsExactly("duplicate");
            c.commit();
        }
        awaitCalls(List.of(cmp + "~1"), Duration.ofSeconds(10));
    }

    static String toJson(Map<String, Object> m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
