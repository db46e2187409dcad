package io.callsight.forecast;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.demo.DemoDataService;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.SQLException;

/** The refresh job end to end on generated demo data in the real database. */
@QuarkusTest
class ForecastRefreshTest extends DatabaseTest {

    private static boolean loaded;

    @Inject
    DemoDataService demo;

    @Inject
    ForecastRefreshService refresh;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeEach
    void load() {
        if (!loaded) {
            // 90 days ending far after any other test's calls, so this data is the recent history
            demo.generate(4242, 25_000, 90, LocalDate.of(2027, 6, 30));
            loaded = true;
        }
    }

    private static final String FORECAST = """
            query($series: ForecastSeriesKind!, $campaign: String) {
              forecast(series: $series, campaignId: $campaign, horizonDays: 30) {
                series scope scopeId model generatedAt asOf
                points { date value lo80 hi80 lo95 hi95 } actuals { date value }
                accuracy { mase smape relativeMaeVsSeasonalNaive coverage80 coverage95 backtestOrigins } } }""";

    @Test
    void refreshMaterialisesEveryScope() {
        JsonPath run = GraphQL.query("mutation { refreshForecasts { id status seriesRefreshed models error } }");
        assertThat(run.getString("data.refreshForecasts.status")).isEqualTo("COMPLETED");
        refreshed = true;
        assertThat(run.getInt("data.refreshForecasts.seriesRefreshed")).isGreaterThanOrEqualTo(2 * (1 + 8 + 3));

        JsonPath total = GraphQL.query(FORECAST, Map.of("series", "CALL_VOLUME"));
        List<Map<String, Object>> points = total.getList("data.forecast.points");
        assertThat(points).hasSize(30);
        // the newest call is on 2027-06-30 (a partial day): history ends the day before, forecasts start on it
        assertThat(points.get(0).get("date")).isEqualTo("2027-06-30");
        assertThat(total.getString("data.forecast.asOf")).startsWith("2027-06-30");
        assertThat(total.getList("data.forecast.actuals")).hasSize(60);
        assertThat(total.getInt("data.forecast.accuracy.backtestOrigins")).isGreaterThan(1);
        for (Map<String, Object> p : points) {
            double v = ((Number) p.get("value")).doubleValue();
            assertThat(((Number) p.get("lo95")).doubleValue()).isLessThanOrEqualTo(v + 1e-9).isNotNegative();
            assertThat(((Number) p.get("hi95")).doubleValue()).isGreaterThanOrEqualTo(v - 1e-9);
        }
        JsonPath campaign = GraphQL.query(FORECAST, Map.of("series", "LEAD_CONVERSIONS", "campaign", "CMP-01"));
        assertThat(campaign.getString("data.forecast.scope")).isEqualTo("CAMPAIGN");
        assertThat(campaign.getList("data.forecast.points")).hasSize(30);
        JsonPath runs = GraphQL.query("{ forecastRuns(last: 1) { id status dataAsOf models } }");
        assertThat(runs.getString("data.forecastRuns[0].status")).isEqualTo("COMPLETED");
    }

    /** Whether a refresh of this class's data completed: tests that only read its results reuse it. */
    private static boolean refreshed;

    private static void ensureRefreshed() {
        if (!refreshed) {
            assertThat(GraphQL.query("mutation { refreshForecasts { id status } }").getString("data.refreshForecasts.status"))
                    .isEqualTo("COMPLETED");
            refreshed = true;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void agentEfficiencyIsForecastForEveryAgent() {
        ensureRefreshed();
        JsonPath json = GraphQL.query("""
                { agentEfficiencyForecast { agentId agentName team periodFrom periodTo historyDays generatedAt asOf
                    callsPerHour { value lo80 hi80 agentValue teamValue weight evidence }
                    successRate { value agentValue teamValue weight }
                    aht { value agentValue teamValue weight } } }""");
        List<Map<String, Object>> agents = json.getList("data.agentEfficiencyForecast");
        assertThat(agents).hasSizeGreaterThanOrEqualTo(25);
        Map<String, Object> first = agents.stream().filter(a -> "AG-01".equals(a.get("agentId"))).findFirst()
                .orElseThrow();
        assertThat(first.get("periodFrom")).isEqualTo("2027-06-30");
        assertThat((String) first.get("asOf")).startsWith("2027-06-30");
        assertThat((Integer) first.get("historyDays")).isBetween(1, 28);
        Map<String, Object> cph = (Map<String, Object>) first.get("callsPerHour");
        assertThat(((Number) cph.get("value")).doubleValue()).isBetween(1.0, 100.0);
        assertThat(((Number) cph.get("weight")).doubleValue()).isBetween(0.0, 1.0);
        Map<String, Object> success = (Map<String, Object>) first.get("successRate");
        assertThat(((Number) success.get("value")).doubleValue()).isBetween(0.0, 1.0);
        JsonPath one = GraphQL.query("{ agentEfficiencyForecast(agentIds: [\"AG-02\"]) { agentId } }");
        assertThat(one.getList("data.agentEfficiencyForecast.agentId")).containsExactly("AG-02");
    }

    private static final String PLAN = """
            query($mode: StaffingMode, $minutes: Int, $targets: StaffingTargets) {
              staffingPlan(intervalMinutes: $minutes, mode: $mode, targets: $targets) {
                mode intervalMinutes handleTimeSeconds serviceLevelTarget
                days { date expectedCalls peakAgents agentHours }
                intervals { start expectedCalls handleTimeSeconds agents agentsWithShrinkage serviceLevel occupancy
                            abandonRate } } }""";

    @Test
    void staffingPlanFromTheStoredForecast() {
        ensureRefreshed();
        JsonPath erlang = GraphQL.query(PLAN, Map.of("mode", "ERLANG_C", "minutes", 30));
        List<Map<String, Object>> days = erlang.getList("data.staffingPlan.days");
        List<Map<String, Object>> intervals = erlang.getList("data.staffingPlan.intervals");
        assertThat(days).hasSize(30);
        assertThat(intervals).hasSize(30 * 48);
        JsonPath total = GraphQL.query(FORECAST, Map.of("series", "CALL_VOLUME"));
        // the intraday profile spreads each day's forecast over its intervals without losing calls
        double day0 = intervals.subList(0, 48).stream().mapToDouble(i -> ((Number) i.get("expectedCalls")).doubleValue())
                .sum();
        double forecast0 = total.getDouble("data.forecast.points[0].value");
        assertThat(day0).isCloseTo(forecast0, org.assertj.core.api.Assertions.within(forecast0 * 1e-6 + 1e-6));
        for (Map<String, Object> i : intervals) {
            int agents = (Integer) i.get("agents");
            if (((Number) i.get("expectedCalls")).doubleValue() > 0) {
                assertThat(agents).isPositive();
                assertThat(((Number) i.get("serviceLevel")).doubleValue()).isGreaterThanOrEqualTo(0.8);
                assertThat(((Number) i.get("occupancy")).doubleValue()).isLessThanOrEqualTo(0.85 + 1e-9);
                assertThat((Integer) i.get("agentsWithShrinkage")).isEqualTo((int) Math.ceil(agents / 0.7 - 1e-9));
            } else {
                assertThat(agents).isZero();
            }
        }
        double hours = days.stream().mapToDouble(d -> ((Number) d.get("agentHours")).doubleValue()).sum();
        JsonPath stricter = GraphQL.query(PLAN, Map.of("mode", "ERLANG_C", "minutes", 30,
                "targets", Map.of("serviceLevel", 0.95, "answerWithinSeconds", 10)));
        double stricterHours = stricter.getList("data.staffingPlan.days", Map.class).stream()
                .mapToDouble(d -> ((Number) d.get("agentHours")).doubleValue()).sum();
        assertThat(stricterHours).isGreaterThan(hours);

        JsonPath workload = GraphQL.query(PLAN, Map.of("mode", "WORKLOAD", "minutes", 60));
        double handle = workload.getDouble("data.staffingPlan.handleTimeSeconds");
        for (Map<String, Object> i : workload.getList("data.staffingPlan.intervals", Map.class)) {
            double calls = ((Number) i.get("expectedCalls")).doubleValue();
            assertThat((Integer) i.get("agents")).isEqualTo((int) Math.ceil(calls * handle / 3600 / 0.85 - 1e-9));
        }
        // the refresh materialized the default plan (30-minute WORKLOAD) with the same numbers
        JsonPath defaultPlan = GraphQL.query(PLAN, Map.of("mode", "WORKLOAD", "minutes", 30));
        try (var c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*), sum(agents_required) FROM staffing_plan WHERE run_id = "
                        + "(SELECT max(run_id) FROM forecast_run WHERE status = 'COMPLETED')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(30 * 48);
            int expected = defaultPlan.getList("data.staffingPlan.intervals.agents", Integer.class).stream()
                    .mapToInt(Integer::intValue).sum();
            assertThat(rs.getInt(2)).isEqualTo(expected).isPositive();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        JsonPath bad = GraphQL.failing(PLAN, Map.of("mode", "ERLANG_A", "minutes", 20));
        assertThat(bad.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
        assertThat(bad.getString("errors[0].message")).contains("intervalMinutes must be 15, 30 or 60");
    }

    @Test
    void twoConcurrentRefreshesMakeOneRun() throws Exception {
        int before = GraphQL.query("{ forecastRuns(last: 1000) { id } }").getList("data.forecastRuns").size();
        CompletableFuture<ForecastRefreshService.RunOutcome> a = CompletableFuture.supplyAsync(() -> refresh.refresh("MANUAL"));
        CompletableFuture<ForecastRefreshService.RunOutcome> b = CompletableFuture.supplyAsync(() -> refresh.refresh("MANUAL"));
        ForecastRefreshService.RunOutcome ra = a.get();
        ForecastRefreshService.RunOutcome rb = b.get();
        int after = GraphQL.query("{ forecastRuns(last: 1000) { id } }").getList("data.forecastRuns").size();
        if (ra.alreadyRunning() || rb.alreadyRunning()) {
            assertThat(after - before).isEqualTo(1);
            assertThat(ra.alreadyRunning() != rb.alreadyRunning()).isTrue();
        } else {
            // the second started only after the first had finished: they ran one after the other, never together
            assertThat(after - before).isEqualTo(2);
        }
    }

    @Test
    void anotherInstanceRefreshingMeansThisOneDoesNot() throws Exception {
        int before = GraphQL.query("{ forecastRuns(last: 1000) { id } }").getList("data.forecastRuns").size();
        // another instance holds the refresh lock (a session-level advisory lock on its own connection)
        try (var other = dataSource.getConnection(); var st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + ForecastRefreshService.REFRESH_LOCK + ")");
            try {
                ForecastRefreshService.RunOutcome outcome = refresh.refresh("MANUAL");
                assertThat(outcome.alreadyRunning()).isTrue();
                assertThat(outcome.runId()).isNull();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + ForecastRefreshService.REFRESH_LOCK + ")");
            }
        }
        int after = GraphQL.query("{ forecastRuns(last: 1000) { id } }").getList("data.forecastRuns").size();
        assertThat(after).isEqualTo(before);
        assertThat(refresh.refresh("MANUAL").status()).isEqualTo("COMPLETED"); // free again
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodForecastsAndShowsInHealth() {
        ensureRefreshed(); // the last good run (each refresh reads all the history: seconds)
        JsonPath good = GraphQL.query(FORECAST, Map.of("series", "CALL_VOLUME"));
        refresh.failNextRefresh();
        JsonPath failed = GraphQL.query("mutation { refreshForecasts { id status error } }");
        assertThat(failed.getString("data.refreshForecasts.status")).isEqualTo("FAILED");
        assertThat(failed.getString("data.refreshForecasts.error")).contains("injected failure");
        JsonPath after = GraphQL.query(FORECAST, Map.of("series", "CALL_VOLUME"));
        assertThat(after.getList("data.forecast.points")).isEqualTo(good.getList("data.forecast.points"));
        assertThat(after.getString("data.forecast.generatedAt")).isEqualTo(good.getString("data.forecast.generatedAt"));
        given().when().get("/q/health/well").then().statusCode(503);
        GraphQL.query("mutation { refreshForecasts { id status } }");
        given().when().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void unknownScopeIsNotFound() {
        JsonPath json = GraphQL.failing(FORECAST, Map.of("series", "CALL_VOLUME", "campaign", "NO-SUCH"));
        assertThat(json.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    }
}
