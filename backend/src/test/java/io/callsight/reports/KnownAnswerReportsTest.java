package io.callsight.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;

/**
 * The three seed reports on a hand-built fixture (fixtures/known-answers.csv, 10 calls) whose every
 * metric is worked out below. Status spellings differ in case, spaces and underscores on purpose.
 *
 * <pre>
 * call  lead campaign agent call status  lead status     agent s cust s att dial (UTC)
 * ka-1  LA   C1       AG1   Answered     Interested      300     240    1   06-02 09:00
 * ka-2  LB   C1       AG1   " no answer" Not Answered     30       0    1   06-02 09:10
 * ka-3  LB   C1       AG2   ANSWERED     not interested  120      90    2   06-02 10:00
 * ka-4  LC   C1       AG2   NO_ANSWER    Not Answered     25       0    1   06-02 10:30
 * ka-5  LC   C1       AG2   Answered     INTERESTED      200      50    3   06-03 09:00
 * ka-6  LD   C1       AG1   "answered "  "  Interested " 400     300    2   06-03 10:00
 * ka-7  LE   C2       AG3   Busy         Busy             20       0    1   06-03 11:00
 * ka-8  LE   C2       AG3   No Answer    Not Answered      -       -    2   06-04 11:00
 * ka-9  LF   C2       AG3   Voicemail    voicemail        35       0    1   06-04 12:00
 * ka-10 LA   C1       AG1   Answered     Callback        100      60    2   06-05 09:00
 * </pre>
 * Advertiser KA-ADV1 (campaign C1) requires customer talk >= 60 s and attempt <= 2; KA-ADV2 has no criteria.
 */
@QuarkusTest
class KnownAnswerReportsTest extends DatabaseTest {

    private static final double EPS = 1e-9;
    private static final String BOTH = "campaignIds: [\"KA-C1\", \"KA-C2\"]";

    @BeforeEach
    void load() {
        Fixtures.ingestCsv(Fixtures.read("known-answers.csv")); // idempotent: a second load adds nothing
        GraphQL.query("""
                mutation { setAdvertiserCriteria(advertiserId: "KA-ADV1",
                  criteria: {minCustomerTalkSeconds: 60, maxAttemptNo: 2}) { advertiserId } }""");
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String key, String value) {
        return rows.stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + key + " = " + value + " in " + rows));
    }

    private static double num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    @Test
    void campaignPerformanceFullRange() {
        JsonPath json = GraphQL.query("{ campaignPerformance(filter: {" + BOTH + "}) { campaignId campaignName "
                + "advertiserId totalCalls uniqueLeads callsConnected uniqueCallsConnected leadsConverted qualifiedLeads "
                + "leadsLost avgAgentCallDuration avgCustomerCallDuration connectRate conversionRate } }");
        List<Map<String, Object>> rows = json.getList("data.campaignPerformance");
        assertThat(rows).hasSize(2);
        Map<String, Object> c1 = row(rows, "campaignId", "KA-C1");
        assertThat(c1.get("campaignName")).isEqualTo("Solar Leads");
        assertThat(c1.get("advertiserId")).isEqualTo("KA-ADV1");
        assertThat(num(c1, "totalCalls")).isEqualTo(7);             // ka-1..6, ka-10
        assertThat(num(c1, "uniqueLeads")).isEqualTo(4);            // LA LB LC LD
        assertThat(num(c1, "callsConnected")).isEqualTo(5);         // ka-1 3 5 6 10
        assertThat(num(c1, "uniqueCallsConnected")).isEqualTo(4);   // LA LB LC LD
        assertThat(num(c1, "leadsConverted")).isEqualTo(3);         // LA LC LD
        assertThat(num(c1, "qualifiedLeads")).isEqualTo(2);         // LA (240 s, att 1), LD (300 s, att 2); LC fails both
        assertThat(num(c1, "leadsLost")).isEqualTo(1);              // LB
        assertThat(num(c1, "avgAgentCallDuration")).isCloseTo(1175.0 / 7, within(EPS));
        assertThat(num(c1, "avgCustomerCallDuration")).isCloseTo(740.0 / 7, within(EPS));
        assertThat(num(c1, "connectRate")).isCloseTo(5.0 / 7, within(EPS));
        assertThat(num(c1, "conversionRate")).isCloseTo(3.0 / 4, within(EPS));

        Map<String, Object> c2 = row(rows, "campaignId", "KA-C2");
        assertThat(num(c2, "totalCalls")).isEqualTo(3);
        assertThat(num(c2, "uniqueLeads")).isEqualTo(2);
        assertThat(num(c2, "callsConnected")).isEqualTo(0);
        assertThat(num(c2, "uniqueCallsConnected")).isEqualTo(0);
        assertThat(num(c2, "leadsConverted")).isEqualTo(0);
        assertThat(num(c2, "qualifiedLeads")).isEqualTo(0);
        assertThat(num(c2, "leadsLost")).isEqualTo(0);
        assertThat(num(c2, "avgAgentCallDuration")).isCloseTo(27.5, within(EPS)); // ka-8 has no durations
        assertThat(num(c2, "avgCustomerCallDuration")).isCloseTo(0.0, within(EPS));
        assertThat(num(c2, "connectRate")).isCloseTo(0.0, within(EPS));            // 0 / 3, not null
        assertThat(num(c2, "conversionRate")).isCloseTo(0.0, within(EPS));
    }

    @Test
    void campaignPerformanceInAWindow() {
        // [06-03 00:00, 06-04 00:00) holds ka-5, ka-6 (C1) and ka-7 (C2); `to` is exclusive.
        JsonPath json = GraphQL.query("{ campaignPerformance(filter: {" + BOTH + ", from: \"2025-06-03T00:00:00Z\", "
                + "to: \"2025-06-04T00:00:00Z\"}) { campaignId totalCalls uniqueLeads callsConnected "
                + "uniqueCallsConnected leadsConverted qualifiedLeads leadsLost avgAgentCallDuration "
                + "avgCustomerCallDuration connectRate conversionRate } }");
        List<Map<String, Object>> rows = json.getList("data.campaignPerformance");
        assertThat(rows).hasSize(2);
        Map<String, Object> c1 = row(rows, "campaignId", "KA-C1");
        assertThat(num(c1, "totalCalls")).isEqualTo(2);
        assertThat(num(c1, "uniqueLeads")).isEqualTo(2);
        assertThat(num(c1, "callsConnected")).isEqualTo(2);
        assertThat(num(c1, "leadsConverted")).isEqualTo(2);
        assertThat(num(c1, "qualifiedLeads")).isEqualTo(1); // LD only
        assertThat(num(c1, "leadsLost")).isEqualTo(0);
        assertThat(num(c1, "avgAgentCallDuration")).isCloseTo(300.0, within(EPS));
        assertThat(num(c1, "avgCustomerCallDuration")).isCloseTo(175.0, within(EPS));
        assertThat(num(c1, "connectRate")).isCloseTo(1.0, within(EPS));
        assertThat(num(c1, "conversionRate")).isCloseTo(1.0, within(EPS));
        Map<String, Object> c2 = row(rows, "campaignId", "KA-C2");
        assertThat(num(c2, "totalCalls")).isEqualTo(1);
        assertThat(num(c2, "avgAgentCallDuration")).isCloseTo(20.0, within(EPS));
    }

    @Test
    void emptyWindowGivesNoRows() {
        JsonPath json = GraphQL.query("{ campaignPerformance(filter: {" + BOTH + ", from: \"2025-07-01T00:00:00Z\", "
                + "to: \"2025-07-02T00:00:00Z\"}) { campaignId totalCalls } }");
        assertThat(json.getList("data.campaignPerformance")).isEmpty();
    }

    @Test
    void agentPerformance() {
        JsonPath json = GraphQL.query("{ agentPerformance(filter: {" + BOTH + "}) { agentId agentName callsMade "
                + "callsConnected leadsConverted avgAgentCallDuration avgCustomerCallDuration callsPerHour successRate "
                + "aht } }");
        List<Map<String, Object>> rows = json.getList("data.agentPerformance");
        assertThat(rows).extracting(r -> r.get("agentId")).containsExactly("KA-AG1", "KA-AG2", "KA-AG3");

        Map<String, Object> alice = row(rows, "agentId", "KA-AG1");
        assertThat(alice.get("agentName")).isEqualTo("Alice");
        assertThat(num(alice, "callsMade")).isEqualTo(4);         // ka-1 2 6 10
        assertThat(num(alice, "callsConnected")).isEqualTo(3);    // ka-1 6 10
        assertThat(num(alice, "leadsConverted")).isEqualTo(2);    // LA LD
        assertThat(num(alice, "avgAgentCallDuration")).isCloseTo(830.0 / 4, within(EPS));
        assertThat(num(alice, "avgCustomerCallDuration")).isCloseTo(600.0 / 4, within(EPS));
        assertThat(num(alice, "successRate")).isCloseTo(2.0 / 3, within(EPS));
        assertThat(num(alice, "aht")).isCloseTo(800.0 / 3, within(EPS));
        // active: 06-02 09:00 -> 09:10:30 (630 s), 06-03 400 s, 06-05 100 s = 1130 s
        assertThat(num(alice, "callsPerHour")).isCloseTo(4 * 3600.0 / 1130, within(1e-6));

        Map<String, Object> bob = row(rows, "agentId", "KA-AG2");
        assertThat(num(bob, "callsMade")).isEqualTo(3);
        assertThat(num(bob, "callsConnected")).isEqualTo(2);
        assertThat(num(bob, "leadsConverted")).isEqualTo(1);
        assertThat(num(bob, "avgAgentCallDuration")).isCloseTo(115.0, within(EPS));
        assertThat(num(bob, "avgCustomerCallDuration")).isCloseTo(140.0 / 3, within(EPS));
        assertThat(num(bob, "successRate")).isCloseTo(0.5, within(EPS));
        assertThat(num(bob, "aht")).isCloseTo(160.0, within(EPS));
        // active: 06-02 10:00 -> 10:30:25 (1825 s), 06-03 200 s = 2025 s
        assertThat(num(bob, "callsPerHour")).isCloseTo(3 * 3600.0 / 2025, within(1e-6));

        Map<String, Object> carol = row(rows, "agentId", "KA-AG3");
        assertThat(num(carol, "callsMade")).isEqualTo(3);
        assertThat(num(carol, "callsConnected")).isEqualTo(0);
        assertThat(num(carol, "leadsConverted")).isEqualTo(0);
        assertThat(carol.get("successRate")).isNull();   // 0 connected calls: null, not 0 or NaN
        assertThat(carol.get("aht")).isNull();
        assertThat(num(carol, "avgAgentCallDuration")).isCloseTo(27.5, within(EPS));
        // active: 06-03 20 s; 06-04 11:00 -> 12:00:35 (3635 s) = 3655 s
        assertThat(num(carol, "callsPerHour")).isCloseTo(3 * 3600.0 / 3655, within(1e-6));
    }

    @Test
    void leadDispositionByLeadAndCallStatus() {
        JsonPath lead = GraphQL.query("{ leadDisposition(filter: {" + BOTH + "}, field: LEAD_STATUS) { status count share } }");
        List<Map<String, Object>> rows = lead.getList("data.leadDisposition");
        assertThat(rows).extracting(r -> r.get("status"))
                .containsExactlyInAnyOrder("Interested", "Not Answered", "Not Interested", "Busy", "Voicemail", "Callback");
        assertThat(num(row(rows, "status", "Interested"), "count")).isEqualTo(3);
        assertThat(num(row(rows, "status", "Interested"), "share")).isCloseTo(0.3, within(EPS));
        assertThat(num(row(rows, "status", "Not Answered"), "count")).isEqualTo(3);
        assertThat(num(row(rows, "status", "Not Interested"), "count")).isEqualTo(1);
        assertThat(num(row(rows, "status", "Voicemail"), "share")).isCloseTo(0.1, within(EPS));

        JsonPath call = GraphQL.query("{ leadDisposition(filter: {" + BOTH + "}, field: CALL_STATUS) { status count share } }");
        List<Map<String, Object>> callRows = call.getList("data.leadDisposition");
        assertThat(callRows).extracting(r -> r.get("status"))
                .containsExactly("Answered", "No Answer", "Busy", "Voicemail");
        assertThat(num(row(callRows, "status", "Answered"), "count")).isEqualTo(5);
        assertThat(num(row(callRows, "status", "Answered"), "share")).isCloseTo(0.5, within(EPS));
        assertThat(num(row(callRows, "status", "No Answer"), "count")).isEqualTo(3);
    }

    @Test
    void statusFiltersAreNormalisedToo() {
        JsonPath json = GraphQL.query("{ campaignPerformance(filter: {" + BOTH + ", callStatuses: [\"answered\"]}) "
                + "{ campaignId totalCalls } }");
        List<Map<String, Object>> rows = json.getList("data.campaignPerformance");
        assertThat(rows).hasSize(1);
        assertThat(num(row(rows, "campaignId", "KA-C1"), "totalCalls")).isEqualTo(5);
    }

    @Test
    void callMetricsGroupsBucketsAndPages() {
        String q = """
                query($after: String) { callMetrics(filter: {campaignIds: ["KA-C1", "KA-C2"]}, groupBy: [CAMPAIGN],
                  bucket: DAY, timeZone: "UTC", first: 3, after: $after) {
                  totalCount edges { cursor node { bucketStart campaignId totalCalls uniqueLeads connectRate } }
                  pageInfo { hasNextPage endCursor } } }""";
        // C1 on 06-02 (4), 06-03 (2), 06-05 (1); C2 on 06-03 (1), 06-04 (2): 5 groups
        JsonPath page1 = GraphQL.query(q, new HashMap<>());
        assertThat(page1.getInt("data.callMetrics.totalCount")).isEqualTo(5);
        List<Map<String, Object>> first = page1.getList("data.callMetrics.edges.node");
        assertThat(first).hasSize(3);
        assertThat(first.get(0).get("bucketStart")).asString().startsWith("2025-06-02T00:00");
        assertThat(first.get(0).get("campaignId")).isEqualTo("KA-C1");
        assertThat(num(first.get(0), "totalCalls")).isEqualTo(4);
        assertThat(num(first.get(0), "uniqueLeads")).isEqualTo(3); // LA LB LC
        assertThat(page1.getBoolean("data.callMetrics.pageInfo.hasNextPage")).isTrue();
        String cursor = page1.getString("data.callMetrics.pageInfo.endCursor");
        JsonPath page2 = GraphQL.query(q, Map.of("after", cursor));
        List<Map<String, Object>> second = page2.getList("data.callMetrics.edges.node");
        assertThat(second).hasSize(2);
        assertThat(second.get(1).get("campaignId")).isEqualTo("KA-C1");
        assertThat(second.get(1).get("bucketStart")).asString().startsWith("2025-06-05T00:00");
        assertThat(page2.getBoolean("data.callMetrics.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void callMetricsHourOfDayInATimeZoneAndOrderByMeasure() {
        // In New York (UTC-4 in June) ka-1 at 09:00Z is 05:00 local.
        JsonPath json = GraphQL.query("""
                { callMetrics(filter: {campaignIds: ["KA-C1"]}, groupBy: [HOUR_OF_DAY], timeZone: "America/New_York",
                  orderBy: [{measure: TOTAL_CALLS, direction: DESC}]) { edges { node { hourOfDay totalCalls } } } }""");
        List<Map<String, Object>> rows = json.getList("data.callMetrics.edges.node");
        // local hours: 05 (ka-1, ka-5, ka-10), 06 (ka-3, ka-4, ka-6), 05:10 (ka-2) -> 05: 4 calls, 06: 3 calls
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("hourOfDay")).isEqualTo(5);
        assertThat(num(rows.get(0), "totalCalls")).isEqualTo(4);
        assertThat(rows.get(1).get("hourOfDay")).isEqualTo(6);
    }
}
