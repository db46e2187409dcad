package io.callsight.operations;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.GraphQLWs;
import io.callsight.common.IngestMetrics;
import io.callsight.forecast.ForecastRefreshService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The metrics docs/operations.md names, scraped from /q/metrics after the action each one counts: every ingest kind,
 * feed delivery, forecast refresh, subscriptions.
 */
@QuarkusTest
class OperationsMetricsTest extends DatabaseTest {

    @Inject
    ForecastRefreshService forecasts;

    private static String scrape() {
        return RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series (labels as Prometheus writes them, sorted by name); NaN when absent. */
    static double value(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}"))
                + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static double requests(String metrics, String kind) {
        double sum = 0;
        for (String outcome : List.of("completed", "refused", "failed")) {
            double v = value(metrics, "callsight_ingest_requests_total", "kind=\"" + kind + "\",outcome=\"" + outcome + "\"");
            assertThat(v).as("%s %s in%n%s", kind, outcome, metrics).isNotNaN();
            sum += v;
        }
        return sum;
    }

    @Test
    void everyIngestKindIsCountedWhenItRuns() {
        String before = scrape();
        Fixtures.ingestCsv("call_id,lead_id,campaign_id,call_status,dial_time\nom-1,OM-L1,OM-C1,Answered,2024-01-02T10:00:00Z\n");
        post("/api/events/calls", "application/json", "{\"call_id\":\"om-ev-1\",\"lead_id\":\"OM-L1\",\"campaign_id\":\"OM-C1\","
                + "\"call_status\":\"Answered\",\"dial_time\":\"2024-01-02T10:05:00Z\"}");
        post("/api/events/agent-states", "application/json", "{\"agent_id\":\"OM-AG1\",\"state\":\"AVAILABLE\","
                + "\"at\":\"2024-01-02T10:00:00Z\"}");
        post("/api/ingest/leads", "text/csv", "lead_id,email_hash,phone_hash,campaign_id,advertiser_id,delivered_at\n"
                + "OM-L1,,,OM-C1,OM-A1,2024-01-02T09:00:00Z\n");
        post("/api/ingest/crm-snapshots?reportDate=2024-01-02", "text/csv", "Lead Number,Status\nOM-L1,Sold\n");
        post("/api/ingest/service-metrics", "text/csv", "Month,CallsAnswered\n2024-01,100\n");
        post("/api/ingest/inbound-calls", "text/csv", "queue,arrived_at,answered_at,ended_at\nOM-Q,2024-01-02T10:00:00Z,,\n");
        post("/api/ingest/agent-kpis", "text/csv", "agent_id,agent_name,team,date,adherence\nOM-K1,Om,Alpha,2024-01-02,0.9\n");
        String after = scrape();
        for (String kind : IngestMetrics.KINDS) {
            assertThat(requests(after, kind) - requests(before, kind)).as(kind).isEqualTo(1.0);
        }
        String calls = "kind=\"calls\",outcome=\"";
        assertThat(value(after, "callsight_ingest_requests_total", calls + "completed\"")
                - value(before, "callsight_ingest_requests_total", calls + "completed\"")).isEqualTo(1.0);
        assertThat(value(after, "callsight_ingest_records_total", calls + "stored\"")
                - value(before, "callsight_ingest_records_total", calls + "stored\"")).isEqualTo(1.0);
        assertThat(value(after, "callsight_ingest_duration_seconds_count", "kind=\"agent-kpis\"")
                - value(before, "callsight_ingest_duration_seconds_count", "kind=\"agent-kpis\"")).isEqualTo(1.0);
    }

    private static void post(String path, String contentType, String body) {
        int status = given().contentType(contentType).body(body).when().post(path).then().extract().statusCode();
        assertThat(status).as(path).isIn(200, 400);
    }

    @Test
    void feedDeliveryForecastRefreshAndSubscriptionsHaveTheirMetrics() throws Exception {
        String before = scrape();
        forecasts.refresh("MANUAL");
        try (GraphQLWs ws = GraphQLWs.connect("ApiKey " + Auth.ADMIN_KEY)) {
            assertThat(ws.acknowledged(Duration.ofSeconds(10))).isTrue();
            ws.subscribe("subscription { agentStates { agentId } }", Map.of());
            assertThat(ws.next(Duration.ofSeconds(20))).isNotNull();
            String during = scrape();
            assertThat(value(during, "callsight_subscriptions_active", "subscription=\"agentStates\"")).isGreaterThanOrEqualTo(1.0);
            assertThat(value(during, "callsight_subscriptions_started_total", "subscription=\"agentStates\"")
                    - value(before, "callsight_subscriptions_started_total", "subscription=\"agentStates\"")).isEqualTo(1.0);
            String refreshed = "status=\"COMPLETED\"";
            assertThat(value(during, "callsight_forecast_refresh_seconds_count", refreshed)
                    - value(before, "callsight_forecast_refresh_seconds_count", refreshed)).isEqualTo(1.0);
            // a gauge read from the database is up to DatabaseGauges.MAX_AGE_MILLIS old
            double lastSuccess = 0;
            for (long end = System.nanoTime() + 15_000_000_000L; lastSuccess == 0 && System.nanoTime() < end;) {
                lastSuccess = value(scrape(), "callsight_forecast_last_success_timestamp_seconds", "");
                if (lastSuccess == 0) {
                    Thread.sleep(500);
                }
            }
            assertThat(lastSuccess).isGreaterThan(System.currentTimeMillis() / 1000.0 - 600);
            assertThat(value(during, "callsight_feed_pending_leads", "")).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(value(during, "callsight_feed_oldest_pending_age_seconds", "")).isNotNaN().isGreaterThanOrEqualTo(0);
            for (String outcome : List.of("delivered", "rejected", "failed")) {
                assertThat(value(during, "callsight_feed_delivery_batches_total", "outcome=\"" + outcome + "\"")).isNotNaN();
                assertThat(value(during, "callsight_feed_delivery_leads_total", "outcome=\"" + outcome + "\"")).isNotNaN();
            }
        }
    }
}
