package io.callsight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.callsight.calls.IngestResult;

/**
 * A small demo floor (seed fixed, 8 weeks ending Sunday 2026-03-01) loaded through the ingest path,
 * then read back through GraphQL: each test checks one shape the demo promises. Other test classes
 * share the database, so every query is filtered to the demo campaigns and window.
 */
@QuarkusTest
class DemoDataReportsTest extends DatabaseTest {

    private static final long SEED = 20260301L;
    private static final int CALLS = 40_000;
    private static final int DAYS = 56;
    private static final LocalDate END = LocalDate.of(2026, 3, 1);
    private static final List<String> CAMPAIGNS = List.of("CMP-01", "CMP-02", "CMP-03", "CMP-04", "CMP-05", "CMP-06",
            "CMP-07", "CMP-08");

    private static IngestResult loaded;

    @Inject
    DemoDataService demo;

    @BeforeEach
    void loadOnce() {
        if (loaded == null) {
            loaded = demo.generate(SEED, CALLS, DAYS, END);
        }
    }

    private static String zone() {
        return ConfigProvider.getConfig().getOptionalValue("callsight.reports.business-time-zone", String.class)
                .orElse("UTC");
    }

    private static Map<String, Object> filter() {
        ZoneId zone = ZoneId.of(zone());
        Map<String, Object> f = new HashMap<>();
        f.put("from", END.minusDays(DAYS - 1L).atStartOfDay(zone).toOffsetDateTime().toString());
        f.put("to", END.plusDays(1).atStartOfDay(zone).toOffsetDateTime().toString());
        f.put("campaignIds", CAMPAIGNS);
        return Map.of("f", f, "tz", zone());
    }

    /** callMetrics rows (nodes) grouped by the given dimensions and bucket. */
    private static List<Map<String, Object>> metrics(String groupBy, String bucket, String fields) {
        JsonPath json = GraphQL.query("""
                query($f: CallFilter, $tz: String) {
                  callMetrics(filter: $f, groupBy: [%s], bucket: %s, timeZone: $tz, first: 1000) {
                    totalCount edges { node { %s } }
                  }
                }""".formatted(groupBy, bucket, fields), filter());
        return json.getList("data.callMetrics.edges.node");
    }

    private static double num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }

    @Test
    void loadsThroughTheIngestPathWithoutRejects() {
        assertThat(loaded.status()).isEqualTo("COMPLETED");
        assertThat(loaded.rejected()).isZero();
        assertThat(loaded.rowsRead()).isBetween((int) (CALLS * 0.9), (int) (CALLS * 1.1));
        List<Map<String, Object>> all = metrics("", "null", "totalCalls uniqueLeads");
        assertThat(all).hasSize(1);
        // at least: another class may load more demo data into the same campaigns (other ids)
        assertThat(num(all.get(0), "totalCalls")).isGreaterThanOrEqualTo(loaded.rowsRead());
    }

    @Test
    void weekendDaysAreQuieterThanWeekdays() {
        // 56 days = 8 of each day of the week, so totals compare as daily means
        Map<Integer, Double> byDay = metrics("DAY_OF_WEEK", "null", "dayOfWeek totalCalls").stream()
                .collect(Collectors.toMap(r -> (Integer) r.get("dayOfWeek"), r -> num(r, "totalCalls")));
        double weekday = (byDay.get(1) + byDay.get(2) + byDay.get(3) + byDay.get(4) + byDay.get(5)) / 5;
        double weekend = (byDay.get(6) + byDay.getOrDefault(7, 0.0)) / 2;
        assertThat(weekend).as("weekend vs weekday mean calls, %s", byDay).isLessThan(weekday * 0.8);
    }

    @Test
    void connectRateFallsWithTheAttemptNumber() {
        Map<Integer, Double> rate = metrics("ATTEMPT_NUMBER", "null", "attemptNumber connectRate").stream()
                .collect(Collectors.toMap(r -> (Integer) r.get("attemptNumber"), r -> num(r, "connectRate")));
        assertThat(rate.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(rate.get(1)).as("%s", rate).isGreaterThan(rate.get(3));
        assertThat(rate.get(3)).as("%s", rate).isGreaterThan(rate.get(5));
    }

    @Test
    void connectRateVariesWithTheHourOfDay() {
        List<Map<String, Object>> rows = metrics("HOUR_OF_DAY", "null", "hourOfDay totalCalls connectRate").stream()
                .filter(r -> num(r, "totalCalls") >= 200).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10);
        double max = rows.stream().mapToDouble(r -> num(r, "connectRate")).max().orElseThrow();
        double min = rows.stream().mapToDouble(r -> num(r, "connectRate")).min().orElseThrow();
        assertThat(max / min).as("best / worst hour connect rate, %s", rows).isGreaterThan(1.2);
    }

    @Test
    void agentTimeExceedsCustomerTimeInEveryCampaign() {
        List<Map<String, Object>> rows = metrics("CAMPAIGN", "null",
                "campaignId avgAgentCallDuration avgCustomerCallDuration aht");
        assertThat(rows).hasSize(8);
        for (Map<String, Object> r : rows) {
            assertThat(num(r, "avgAgentCallDuration")).as("%s", r).isGreaterThan(num(r, "avgCustomerCallDuration"));
            assertThat(num(r, "aht")).as("AHT in seconds, %s", r).isBetween(120.0, 600.0);
        }
    }

    @Test
    void conversionRateIsPlausible() {
        List<Map<String, Object>> all = metrics("", "null", "conversionRate connectRate");
        assertThat(num(all.get(0), "conversionRate")).isBetween(0.02, 0.40);
        assertThat(num(all.get(0), "connectRate")).isBetween(0.15, 0.5);
    }

    @Test
    void agentsDifferInSuccessAndWorkAtAPlausiblePace() {
        JsonPath json = GraphQL.query("""
                query($f: CallFilter) {
                  agentPerformance(filter: $f) { agentId agentName callsMade callsConnected successRate callsPerHour aht }
                }""", Map.of("f", filter().get("f")));
        List<Map<String, Object>> agents = json.getList("data.agentPerformance");
        assertThat(agents).hasSize(25);
        double best = agents.stream().mapToDouble(r -> num(r, "successRate")).max().orElseThrow();
        double worst = agents.stream().mapToDouble(r -> num(r, "successRate")).min().orElseThrow();
        assertThat(best / worst).as("best / worst agent success rate").isGreaterThan(1.5);
        for (Map<String, Object> a : agents) {
            assertThat(num(a, "callsPerHour")).as("calls per active hour, %s", a).isBetween(3.0, 60.0);
        }
    }

    @Test
    void rawStatusSpellingsAreNormalised() {
        JsonPath json = GraphQL.query("""
                query($f: CallFilter) {
                  leadDisposition(filter: $f, field: CALL_STATUS) { status count share }
                }""", Map.of("f", filter().get("f")));
        List<String> statuses = json.getList("data.leadDisposition.status");
        assertThat(statuses).contains("Answered", "No Answer", "Busy", "Voicemail", "Failed")
                .doesNotContain("ANSWERED", "NO_ANSWER", "answered", "no answer", "No-Answer", "voice mail");
        assertThat(statuses).hasSize(5);
        List<String> leadStatuses = GraphQL.query("""
                query($f: CallFilter) {
                  leadDisposition(filter: $f, field: LEAD_STATUS) { status count share }
                }""", Map.of("f", filter().get("f"))).getList("data.leadDisposition.status");
        assertThat(leadStatuses).containsExactlyInAnyOrder("Interested", "Not Interested", "Callback", "Wrong Number",
                "DNC", "Not Answered", "Busy", "Voicemail");
    }

    @Test
    void volumeTrendsUpward() {
        List<Map<String, Object>> weeks = metrics("", "WEEK", "bucketStart totalCalls").stream()
                .sorted(Comparator.comparing(r -> (String) r.get("bucketStart"))).toList();
        assertThat(weeks).hasSize(8); // the window runs Monday 2026-01-05 to Sunday 2026-03-01
        double first = weeks.subList(0, 4).stream().mapToDouble(r -> num(r, "totalCalls")).sum();
        double last = weeks.subList(4, 8).stream().mapToDouble(r -> num(r, "totalCalls")).sum();
        assertThat(last).as("last 4 weeks vs first 4, %s", weeks).isGreaterThan(first);
    }
}
