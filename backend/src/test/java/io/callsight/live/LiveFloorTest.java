package io.callsight.live;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.common.GraphQLWs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The live views against the real server: a subscriber sees a committed event within a second, the
 * polling twin gives the same numbers, agent state events become current states and per-day times,
 * and an advertiser's feed activity shows a lead entering its feed.
 */
@QuarkusTest
class LiveFloorTest extends DatabaseTest {

    private static String run() {
        return "LV" + Long.toString(System.nanoTime() % 100_000_000L, 36) + ThreadLocalRandom.current().nextInt(100);
    }

    private static Map<String, Object> call(String campaign, int n, String status, String leadStatus) {
        return Map.of("call_id", campaign + "~" + n, "lead_id", campaign + "-L" + n, "campaign_id", campaign,
                "advertiser_id", campaign + "-ADV", "agent_id", campaign + "-AG", "call_status", status, "lead_status",
                leadStatus, "agent_call_duration", 90, "customer_call_duration", 60, "dial_time",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static long post(Object body, String path) {
        long sent = System.nanoTime();
        given().contentType(ContentType.JSON).body(body).when().post(path).then().statusCode(200);
        return System.nanoTime() - sent;
    }

    /** The next liveFloor value of subscription {@code id}, or null after {@code timeout}. */
    private static JsonNode nextFloor(GraphQLWs ws, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            GraphQLWs.Message m = ws.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (m == null) {
                return null;
            }
            assertThat(m.type()).as("%s", m.body()).isEqualTo("next");
            assertThat(m.payload().has("errors")).as("%s", m.body()).isFalse();
            return m.payload().path("data").path("liveFloor");
        }
        return null;
    }

    @Test
    void aSubscriberSeesACommittedEventWithinASecond() throws Exception {
        String cmp = run();
        try (GraphQLWs ws = GraphQLWs.connect("ApiKey " + Auth.ADMIN_KEY)) {
            assertThat(ws.acknowledged(Duration.ofSeconds(10))).isTrue();
            ws.subscribe("subscription($f: CallFilter) { liveFloor(filter: $f) { asOf day timeZone today { totalCalls "
                    + "callsConnected leadsConverted qualifiedLeads connectRate conversionRate } last15Minutes { totalCalls } "
                    + "campaigns { campaignId advertiserId today { totalCalls } } sparkline { minute totalCalls } "
                    + "latestLeads { callId campaignId } } }", Map.of("f", Map.of("campaignIds", List.of(cmp))));
            JsonNode first = nextFloor(ws, Duration.ofSeconds(10));
            assertThat(first).as("the current value right after subscribing").isNotNull();
            assertThat(first.path("today").path("totalCalls").asLong()).isZero();
            assertThat(first.path("today").path("connectRate").isNull()).isTrue();
            assertThat(first.path("sparkline")).hasSize(16);
            assertThat(first.path("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            // nothing changed: nothing pushed
            assertThat(ws.next(Duration.ofMillis(1500))).isNull();

            for (int n = 1; n <= 3; n++) {
                post(List.of(call(cmp, n, "Answered", n == 2 ? "Interested" : "Not Interested")), "/api/events/calls");
                long answered = System.nanoTime();
                // the first push that counts it (a push of other changes, e.g. the minute turning, may come first)
                JsonNode update;
                do {
                    update = nextFloor(ws, Duration.ofSeconds(5));
                    assertThat(update).as("an update counting event %d", n).isNotNull();
                } while (update.path("today").path("totalCalls").asLong() < n);
                long ms = (System.nanoTime() - answered) / 1_000_000;
                assertThat(update.path("today").path("totalCalls").asLong()).isEqualTo(n);
                assertThat(ms).as("ms from the event's 2xx to the subscriber's update").isLessThan(1000);
                Thread.sleep(1100); // the next event finds the view outside its once-a-second limit
            }
            JsonNode last = nextFloor(ws, Duration.ofMillis(300));
            JsonPath now = GraphQL.query("query($f: CallFilter) { liveFloorNow(filter: $f) { today { totalCalls "
                    + "callsConnected leadsConverted qualifiedLeads connectRate conversionRate } campaigns { campaignId "
                    + "advertiserId } latestLeads { callId } } }", Map.of("f", Map.of("campaignIds", List.of(cmp))));
            assertThat(now.getLong("data.liveFloorNow.today.totalCalls")).isEqualTo(3);
            assertThat(now.getLong("data.liveFloorNow.today.callsConnected")).isEqualTo(3);
            assertThat(now.getLong("data.liveFloorNow.today.leadsConverted")).isEqualTo(1);
            assertThat(now.getDouble("data.liveFloorNow.today.conversionRate")).isEqualTo(1.0 / 3);
            assertThat(now.getString("data.liveFloorNow.campaigns[0].advertiserId")).isEqualTo(cmp + "-ADV");
            assertThat(now.getList("data.liveFloorNow.latestLeads.callId")).containsExactly(cmp + "~2");
            assertThat(last == null || last.path("today").path("totalCalls").asLong() == 3).isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFloorAgreesWithTheReportsForTodayAndARecountForTheWindow() throws Exception {
        String run = run();
        String a = run + "A";
        String b = run + "B";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant dayStart = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String[] statuses = { "Answered", "No Answer", "Busy" };
        String[] leadStatuses = { "Interested", "Not Interested", "" };
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            // half within the last half hour, so the 15-minute window has calls on both sides
            long span = i % 2 == 0 ? 1800 : 3 * 3600;
            long back = rnd.nextLong(Math.max(1, Math.min(span, now.getEpochSecond() - dayStart.getEpochSecond())));
            int agentS = 20 + rnd.nextInt(300);
            calls.add(Map.ofEntries(Map.entry("call_id", (i % 3 == 0 ? b : a) + "~" + i), Map.entry("lead_id", run + "-L" + rnd.nextInt(40)),
                    Map.entry("campaign_id", i % 3 == 0 ? b : a), Map.entry("advertiser_id", run + "-ADV"),
                    Map.entry("agent_id", run + "-AG"), Map.entry("call_status", statuses[rnd.nextInt(3)]),
                    Map.entry("lead_status", leadStatuses[rnd.nextInt(3)]), Map.entry("agent_call_duration", agentS),
                    Map.entry("customer_call_duration", rnd.nextInt(agentS)), Map.entry("attempt_no", 1 + rnd.nextInt(4)),
                    Map.entry("dial_time", now.minusSeconds(back).toString())));
        }
        String metrics = "totalCalls uniqueLeads callsConnected leadsConverted qualifiedLeads connectRate conversionRate";
        Map<String, Object> f = Map.of("campaignIds", List.of(a, b));
        String floorQuery = "query($f: CallFilter) { liveFloorNow(filter: $f) { asOf today { " + metrics
                + " } last15Minutes { " + metrics + " } campaigns { campaignId today { " + metrics + " } last15Minutes { "
                + metrics + " } } } }";
        // The floor is kept call by call: a first half, a read, a change of criteria, the second half
        post(calls.subList(0, 60), "/api/events/calls");
        io.callsight.events.EventTestingAccess.awaitCampaignCalls(List.of(a, b), 60, Duration.ofSeconds(15));
        assertThat(GraphQL.query(floorQuery, Map.of("f", f)).getLong("data.liveFloorNow.today.totalCalls")).isEqualTo(60);
        GraphQL.query("mutation($a: String!) { setAdvertiserCriteria(advertiserId: $a, criteria: {minCustomerTalkSeconds: 60, "
                + "maxAttemptNo: 3}) { advertiserId } }", Map.of("a", run + "-ADV"));
        post(calls.subList(60, 120), "/api/events/calls");
        io.callsight.events.EventTestingAccess.awaitCampaignCalls(List.of(a, b), 120, Duration.ofSeconds(15));

        JsonPath floor = GraphQL.query(floorQuery, Map.of("f", f));
        Instant asOf = Instant.parse(floor.getString("data.liveFloorNow.asOf"));
        assertThat(floor.getLong("data.liveFloorNow.last15Minutes.totalCalls")).isPositive();
        agreesWithReports(floor, "today", a, b, dayStart, metrics);
        // the window against a recount of the posted calls (the criteria: talk >= 60 s, attempt <= 3)
        Instant windowStart = asOf.minus(15, ChronoUnit.MINUTES);
        List<Map<String, Object>> recent = calls.stream()
                .filter(m -> !Instant.parse((String) m.get("dial_time")).isBefore(windowStart)).toList();
        assertRecount(floor.getMap("data.liveFloorNow.last15Minutes"), recent, "last 15 minutes");
        for (String campaign : List.of(a, b)) {
            Map<String, Object> mine = floor.<Map<String, Object>>getList("data.liveFloorNow.campaigns").stream()
                    .filter(c -> campaign.equals(c.get("campaignId"))).findFirst().orElseThrow();
            assertRecount((Map<String, Object>) mine.get("last15Minutes"),
                    recent.stream().filter(m -> campaign.equals(m.get("campaign_id"))).toList(), "last 15 minutes of " + campaign);
        }
        Map<String, Object> total = floor.getMap("data.liveFloorNow.today");
        assertThat(((Number) total.get("qualifiedLeads")).longValue()).isLessThan(((Number) total.get("leadsConverted")).longValue() + 1);
    }

    /** The metrics of {@code calls} (posted maps) recounted here, against the floor's {@code shown}. */
    private static void assertRecount(Map<String, Object> shown, List<Map<String, Object>> calls, String what) {
        long total = calls.size();
        long connected = calls.stream().filter(m -> "Answered".equals(m.get("call_status"))).count();
        long leads = calls.stream().map(m -> m.get("lead_id")).distinct().count();
        long converted = calls.stream().filter(m -> "Interested".equals(m.get("lead_status"))).map(m -> m.get("lead_id"))
                .distinct().count();
        long qualified = calls.stream().filter(m -> "Interested".equals(m.get("lead_status"))
                && ((Number) m.get("customer_call_duration")).intValue() >= 60 && ((Number) m.get("attempt_no")).intValue() <= 3)
                .map(m -> m.get("lead_id")).distinct().count();
        assertThat(List.of(num(shown, "totalCalls"), num(shown, "callsConnected"), num(shown, "uniqueLeads"),
                num(shown, "leadsConverted"), num(shown, "qualifiedLeads"))).as(what)
                .containsExactly(total, connected, leads, converted, qualified);
        if (total > 0) {
            assertThat(((Number) shown.get("connectRate")).doubleValue()).as(what).isCloseTo((double) connected / total,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(((Number) shown.get("conversionRate")).doubleValue()).as(what).isCloseTo((double) converted / leads,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    /** The floor's {@code window} numbers equal the report engine's from {@code from} to the end of today. */
    private static void agreesWithReports(JsonPath floor, String window, String a, String b, Instant from, String metrics) {
        Instant dayEnd = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Object> f = Map.of("campaignIds", List.of(a, b), "from", from.toString(), "to", dayEnd.toString());
        JsonPath perf = GraphQL.query("query($f: CallFilter) { campaignPerformance(filter: $f) { campaignId " + metrics
                + " } callMetrics(filter: $f, groupBy: []) { edges { node { " + metrics + " } } } }", Map.of("f", f));
        assertThat(floor.<String, Object>getMap("data.liveFloorNow." + window)).as(window)
                .isEqualTo(perf.getMap("data.callMetrics.edges[0].node"));
        List<Map<String, Object>> rows = perf.getList("data.campaignPerformance");
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            Map<String, Object> expected = new java.util.HashMap<>(row);
            Object id = expected.remove("campaignId");
            Map<String, Object> mine = floor.<Map<String, Object>>getList("data.liveFloorNow.campaigns").stream()
                    .filter(c -> id.equals(c.get("campaignId"))).findFirst().orElseThrow();
            assertThat(mine.get(window)).as("%s of campaign %s", window, id).isEqualTo(expected);
        }
    }

    @Test
    void agentStateEventsBecomeCurrentStatesAndDailyTimes() throws Exception {
        String agent = run();
        Instant t0 = Instant.now().minus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> states = new ArrayList<>();
        states.add(Map.of("agentId", agent, "agentName", "Ann " + agent, "state", "READY", "at", t0.toString()));
        states.add(Map.of("agentId", agent, "state", "ON_CALL", "at", t0.plusSeconds(600).toString(), "campaignId", "C1"));
        states.add(Map.of("agentId", agent, "state", "WRAP_UP", "at", t0.plusSeconds(900).toString()));
        states.add(Map.of("agentId", agent, "state", "PAUSED", "at", t0.plusSeconds(1000).toString(), "reason", "break"));
        states.add(Map.of("agentId", agent, "state", "READY", "at", t0.plusSeconds(1600).toString()));
        JsonPath r = given().contentType(ContentType.JSON).body(states).when().post("/api/events/agent-states").then()
                .statusCode(200).extract().jsonPath();
        assertThat(r.getList("events.outcome", String.class)).containsOnly("accepted");
        // resent: duplicates; a bad one: rejected with its field
        JsonPath again = given().contentType("application/x-ndjson").body(("{\"agentId\":\"" + agent
                + "\",\"state\":\"READY\",\"at\":\"" + t0 + "\"}\n{\"agentId\":\"" + agent + "\",\"state\":\"LUNCH\",\"at\":\""
                + t0 + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/events/agent-states")
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("events.outcome", String.class)).containsExactly("duplicate", "rejected");
        assertThat(again.getString("events[1].field")).isEqualTo("state");

        JsonPath now = GraphQL.query("{ agentStatesNow { agentId agentName state since secondsInState campaignId "
                + "pauseSecondsToday } }");
        List<Map<String, Object>> mine = now.<Map<String, Object>>getList("data.agentStatesNow").stream()
                .filter(a -> agent.equals(a.get("agentId"))).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("state")).isEqualTo("READY");
        assertThat(mine.get(0).get("agentName")).isEqualTo("Ann " + agent);
        boolean pauseToday = t0.plusSeconds(1000).atOffset(ZoneOffset.UTC).toLocalDate()
                .equals(LocalDate.now(ZoneOffset.UTC)) && t0.plusSeconds(1000).isAfter(
                        LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(600));
        if (pauseToday) {
            assertThat(((Number) mine.get(0).get("pauseSecondsToday")).longValue()).isEqualTo(600);
        }
        assertThat(((Number) mine.get(0).get("secondsInState")).longValue()).isBetween(1300L, 1500L);

        LocalDate from = t0.atOffset(ZoneOffset.UTC).toLocalDate();
        JsonPath days = GraphQL.query("query($f: Date!, $t: Date!, $a: [String]) { agentStateDays(from: $f, to: $t, "
                + "agentIds: $a) { day agentId readySeconds onCallSeconds wrapUpSeconds pausedSeconds loggedInSeconds "
                + "occupancy } }", Map.of("f", from.toString(), "t", LocalDate.now(ZoneOffset.UTC).toString(), "a",
                        List.of(agent)));
        double onCall = 0;
        double wrap = 0;
        double paused = 0;
        for (Map<String, Object> d : days.<Map<String, Object>>getList("data.agentStateDays")) {
            onCall += ((Number) d.get("onCallSeconds")).doubleValue();
            wrap += ((Number) d.get("wrapUpSeconds")).doubleValue();
            paused += ((Number) d.get("pausedSeconds")).doubleValue();
        }
        assertThat(onCall).isEqualTo(300.0);
        assertThat(wrap).isEqualTo(100.0);
        assertThat(paused).isEqualTo(600.0);
    }

    @Test
    void anAdvertisersFeedActivityShowsALeadEnteringItsFeed() throws Exception {
        String cmp = run();
        // the advertiser must exist to be followed: its first call creates it
        post(List.of(call(cmp, 1, "No Answer", "")), "/api/events/calls");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (GraphQL.failing("query($a: String!) { advertiserSettings(advertiserId: $a) { advertiserId } }",
                Map.of("a", cmp + "-ADV")).get("errors") != null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        try (GraphQLWs ws = GraphQLWs.connect("ApiKey " + Auth.ADMIN_KEY)) {
            assertThat(ws.acknowledged(Duration.ofSeconds(10))).isTrue();
            ws.subscribe("subscription($a: String!) { feedActivity(advertiserId: $a) { advertiserId leadId callId status "
                    + "attempts verifiedAt changedAt } }", Map.of("a", cmp + "-ADV"));
            Thread.sleep(300);
            post(List.of(call(cmp, 2, "Answered", "Interested")), "/api/events/calls");
            GraphQLWs.Message m = ws.next(Duration.ofSeconds(10));
            assertThat(m).as("a feed activity message").isNotNull();
            assertThat(m.payload().has("errors")).as("%s", m.body()).isFalse();
            JsonNode a = m.payload().path("data").path("feedActivity");
            assertThat(a.path("advertiserId").asText()).isEqualTo(cmp + "-ADV");
            assertThat(a.path("callId").asText()).isEqualTo(cmp + "~2");
            assertThat(a.path("status").asText()).isEqualTo("PENDING");
        }
    }
}
