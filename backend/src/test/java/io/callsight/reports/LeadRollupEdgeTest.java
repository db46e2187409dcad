package io.callsight.reports;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.events.EventTestingAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Windows whose edges cut leads, answered through lead_rollup (leads wholly inside the window) plus
 * the call fact (leads straddling an edge), must count every call and lead in [from, to) exactly
 * once. lead_rollup has one row per lead <em>and campaign and advertiser</em>: a lead called under two
 * campaigns has two rows, one of which may straddle {@code from} while the other lies inside the
 * window. Such a lead once was counted twice (its inside row by the rollup, all its calls again by
 * the edge query), which showed as a few extra calls and leads in reports over the last minutes.
 * The calls arrive as events in separate batches and apply passes (a lead's earlier call after its
 * later one); the bounds have sub-second and sub-microsecond precision (the latter once rounded half
 * up by the driver). The expected numbers are counted from the posted calls themselves.
 */
@QuarkusTest
class LeadRollupEdgeTest extends DatabaseTest {

    /** One posted call: campaign, lead, advertiser, dial time. */
    private record Posted(String callId, String campaign, String lead, String advertiser, Instant dial) {
    }

    /** Builds the posted calls of one run: lead ids and call ids unique to it, dial times from base. */
    private static final class Calls {
        private final String run;
        private final String advertiser;
        private final Instant base;
        private int n;

        Calls(String run, String advertiser, Instant base) {
            this.run = run;
            this.advertiser = advertiser;
            this.base = base;
        }

        /** A call of {@code lead} under {@code campaign} dialled {@code seconds} after base. */
        Posted call(String campaign, String lead, int seconds) {
            return new Posted(campaign + "~" + (++n), campaign, run + "-" + lead, advertiser, base.plusSeconds(seconds));
        }
    }

    private static String run() {
        return "LRE" + Long.toString(System.nanoTime() % 100_000_000L, 36) + ThreadLocalRandom.current().nextInt(100);
    }

    private static Map<String, Object> event(Posted p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_id", p.callId());
        m.put("lead_id", p.lead());
        m.put("campaign_id", p.campaign());
        m.put("advertiser_id", p.advertiser());
        m.put("agent_id", p.campaign() + "-AG");
        m.put("call_status", "Answered");
        m.put("lead_status", "Not Interested");
        m.put("agent_call_duration", 90);
        m.put("customer_call_duration", 60);
        m.put("dial_time", p.dial().toString());
        return m;
    }

    /** Posts the calls as one event batch and waits until the campaigns hold {@code expectTotal} calls. */
    private static void postBatch(List<Posted> batch, List<String> campaigns, long expectTotal) throws Exception {
        given().contentType(ContentType.JSON).body(batch.stream().map(LeadRollupEdgeTest::event).toList()).when()
                .post("/api/events/calls").then().statusCode(200);
        EventTestingAccess.awaitCampaignCalls(campaigns, expectTotal, Duration.ofSeconds(15));
    }

    /** Calls and distinct leads in [from, to) (null: open), in total and per campaign, from the posted calls. */
    private static Map<String, long[]> expected(List<Posted> calls, Instant from, Instant to) {
        Map<String, Set<String>> leads = new TreeMap<>();
        Map<String, long[]> out = new TreeMap<>();
        for (Posted p : calls) {
            if ((from == null || !p.dial().isBefore(from)) && (to == null || p.dial().isBefore(to))) {
                for (String key : List.of("*", p.campaign())) {
                    out.computeIfAbsent(key, k -> new long[2])[0]++;
                    leads.computeIfAbsent(key, k -> new TreeSet<>()).add(p.lead());
                }
            }
        }
        leads.forEach((key, l) -> out.get(key)[1] = l.size());
        return out;
    }

    /** The same numbers from callMetrics (groupBy none) and campaignPerformance over the window. */
    private static Map<String, long[]> reported(List<String> campaigns, Instant from, Instant to) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("campaignIds", campaigns);
        filter.put("from", from.toString());
        if (to != null) {
            filter.put("to", to.toString());
        }
        JsonPath r = GraphQL.query("query($f: CallFilter) { callMetrics(filter: $f, groupBy: []) { edges { node { "
                + "totalCalls uniqueLeads } } } campaignPerformance(filter: $f) { campaignId totalCalls uniqueLeads } }",
                Map.of("f", filter));
        Map<String, long[]> out = new TreeMap<>();
        for (Map<String, Object> node : r.<Map<String, Object>>getList("data.callMetrics.edges.node")) {
            long calls = ((Number) node.get("totalCalls")).longValue();
            if (calls > 0) {
                out.put("*", new long[] {calls, ((Number) node.get("uniqueLeads")).longValue()});
            }
        }
        for (Map<String, Object> row : r.<Map<String, Object>>getList("data.campaignPerformance")) {
            out.put((String) row.get("campaignId"), new long[] {((Number) row.get("totalCalls")).longValue(),
                    ((Number) row.get("uniqueLeads")).longValue()});
        }
        return out;
    }

    private static Map<String, List<Long>> readable(Map<String, long[]> m) {
        Map<String, List<Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    @Test
    void leadsCutByAWindowEdgeAreCountedOnceAcrossCampaignsBatchesAndSubSecondBounds() throws Exception {
        String run = run();
        String a = run + "A";
        String b = run + "B";
        String adv = run + "-ADV";
        List<String> campaigns = List.of(a, b);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(15, ChronoUnit.MINUTES);
        Instant from = base.plusNanos(908_113_402); // as an Instant.now() gives it: nanoseconds
        Calls at = new Calls(run, adv, base);

        // first batch: the calls inside the window
        List<Posted> inside = List.of(
                at.call(a, "L1", 300), at.call(b, "L1", 120), // L1: A straddles from, B inside
                at.call(b, "L2", 240), at.call(a, "L2", 60), // L2: B straddles from, A inside
                at.call(a, "L3", 90), // L3: one campaign, its earlier call comes later
                at.call(a, "L4", 1), at.call(b, "L4", 30), // L4: 0.09 s after from
                at.call(b, "L6", 500), // L6: A wholly before the window, B inside
                at.call(a, "L8", 10), at.call(a, "L8", 20)); // L8: wholly inside
        // second batch, another apply pass: the same leads' calls before the window
        List<Posted> before = List.of(
                at.call(a, "L1", -35),
                at.call(b, "L2", -50),
                at.call(a, "L3", -20),
                at.call(a, "L5", 0), // L5: 0.908 s before from ...
                at.call(a, "L6", -500),
                at.call(b, "L7", -600), at.call(b, "L7", -300)); // L7: wholly before
        // third batch: more calls of leads seen before, on both sides
        List<Posted> later = List.of(
                at.call(a, "L5", 180), // ... and 179 s after it
                at.call(b, "L1", 200),
                at.call(a, "L7", 400)); // L7: B wholly before, now A inside
        List<Posted> all = new ArrayList<>();
        all.addAll(inside);
        postBatch(inside, campaigns, all.size());
        all.addAll(before);
        postBatch(before, campaigns, all.size());
        all.addAll(later);
        postBatch(later, campaigns, all.size());

        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant[][] windows = {
            {from, tomorrow}, // the observed report: the last 15 minutes up to the end of the day
            {from, null},
            {from, base.plusSeconds(250).plusNanos(500_000)}, // L1 under A spans both edges
            {base.minusSeconds(100).plusNanos(250_000), base.plusSeconds(95)},
            // bounds 400 ns after a call (L4 at 1 s out, L3 at 90 s in): PostgreSQL keeps microseconds
            {base.plusSeconds(1).plusNanos(400), base.plusSeconds(90).plusNanos(400)},
        };
        for (Instant[] w : windows) {
            Map<String, long[]> expected = expected(all, w[0], w[1]);
            assertThat(expected.get("*")[0]).as("the window holds calls").isPositive();
            assertThat(readable(reported(campaigns, w[0], w[1])))
                    .as("calls and leads in [%s, %s) (total under *), per campaign", w[0], w[1])
                    .isEqualTo(readable(expected));
        }
        // the first window in numbers, worked out by hand: A has L1 300, L2 60, L3 90, L4 1, L5 180, L7 400,
        // L8 10 and 20; B has L1 120 and 200, L2 240, L4 30, L6 500
        assertThat(readable(reported(campaigns, from, tomorrow))).isEqualTo(Map.of(
                "*", List.of(13L, 8L), a, List.of(8L, 7L), b, List.of(5L, 4L)));
    }

    @Test
    void aLeadUnderOneCampaignWithTwoAdvertisersCountsOnceForTheCampaign() throws Exception {
        String run = run();
        String a = run + "A";
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.MINUTES);
        // lead_rollup has a row per lead, campaign and advertiser: L1 has two under campaign A.
        List<Posted> calls = List.of(new Posted(a + "~1", a, run + "-L1", run + "-ADV1", base.plusSeconds(10)),
                new Posted(a + "~2", a, run + "-L1", run + "-ADV2", base.plusSeconds(20)),
                new Posted(a + "~3", a, run + "-L2", run + "-ADV1", base.plusSeconds(30)));
        postBatch(calls, List.of(a), calls.size());
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (Instant from : List.of(base.minus(1, ChronoUnit.HOURS), base.plusSeconds(15))) {
            assertThat(readable(reported(List.of(a), from, tomorrow))).as("from %s", from)
                    .isEqualTo(readable(expected(calls, from, tomorrow)));
        }
        assertThat(readable(reported(List.of(a), base.minus(1, ChronoUnit.HOURS), tomorrow)))
                .isEqualTo(Map.of("*", List.of(3L, 2L), a, List.of(3L, 2L)));
    }
}
