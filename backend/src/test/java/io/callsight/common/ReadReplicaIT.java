package io.callsight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.events.ServiceProcess;

/**
 * The read replica end to end (issue 15 section 5): a primary and a real streaming standby of it
 * ({@link StreamingStandby}), the packaged service on the primary with {@code CALLSIGHT_REPLICA_URL}
 * pointing at the standby, and two callers: the writer (the bootstrap API key, principal {@code key:...})
 * that ingests call files, and a reader (admin signed in with a token) that only reads. With replay paused
 * on the standby ({@code pg_wal_replay_pause()}) the writer reads its own ingest at once (from the primary)
 * while the reader, served by the replica, still sees the old data and is told how far behind it is; past
 * {@code CALLSIGHT_REPLICA_MAX_LAG} the reader falls back to the primary; after {@code pg_wal_replay_resume()}
 * the replica serves fresh data; with the standby stopped, reports answer from the primary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadReplicaIT {

    private static final String MAX_LAG_SECONDS = "7";
    private static final String PERFORMANCE = "query($f: CallFilter) { campaignPerformance(filter: $f) { campaignId totalCalls } "
            + "m: callMetrics(filter: $f, groupBy: [CAMPAIGN]) { edges { node { campaignId uniqueLeads totalCalls } } } "
            + "dataAsOf dataFreshness { servedBy reason lagSeconds committedAsOf replicaConfigured replicaLagSeconds } }";

    private Path dir;
    private StreamingStandby pair;
    private ServiceProcess service;
    private String readerToken;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
    private final String campaign = "RRC" + run;
    private final Instant dialBase = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private final long t0 = System.nanoTime();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "replica").toAbsolutePath();
        pair = StreamingStandby.start(dir);
        step("primary and streaming standby up");
        service = ServiceProcess.onDatabase("replica-svc", pair.primaryUrl())
                .env("CALLSIGHT_REPLICA_URL", pair.standbyUrl())
                .env("CALLSIGHT_REPLICA_MAX_LAG", MAX_LAG_SECONDS + "s");
        service.start();
        step("service up");
        readerToken = login();
        failed = false;
    }

    private boolean failed = true;

    @RegisterExtension
    final TestWatcher watcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (pair != null) {
            pair.close();
        }
        step("stopped");
        if (!failed && dir != null) {
            if (service != null) {
                service.deleteData();
            }
            EmbeddedPostgres.deleteRecursively(dir);
        } else {
            System.out.println("[replica-it] kept " + dir + " and the service's log " + (service == null ? "" : service.log()));
        }
    }

    @Test
    void reportsReadTheReplicaExceptACallersOwnFreshIngestAndFallBackToThePrimary() throws Exception {
        // 1. a first file: once the replica has replayed it, the reader is served by the replica and sees it
        ingest(1, 10);
        JsonNode reader = awaitReader(d -> servedBy(d, "REPLICA") && calls(d) == 10, "the replica serving the first file");
        assertThat(leads(reader)).as("callMetrics on the replica (lead rollup and call fact, one exported snapshot)").isEqualTo(10);
        assertThat(reader.path("dataFreshness").path("lagSeconds").asDouble()).isLessThan(Double.parseDouble(MAX_LAG_SECONDS));
        assertThat(replicaReads()).as("reads counted on the replica").isPositive();
        assertThat(reportConnectionsOnStandby()).as("the service's report connections on the standby").isPositive();
        step("replica serves the first file");

        // 2. replay paused: the writer reads its own second file at once (primary), the reader still the first (replica)
        try (Connection standby = pair.standbyJdbc(); Statement st = standby.createStatement()) {
            st.execute("SELECT pg_wal_replay_pause()");
        }
        ingest(11, 25);
        Instant ingested = Instant.now();
        JsonNode writer = service.graphql(PERFORMANCE, filter());
        assertThat(calls(writer)).as("the writer sees its own ingest at once: " + writer).isEqualTo(25);
        assertThat(leads(writer)).isEqualTo(25);
        assertThat(writer.path("dataFreshness").path("servedBy").asText()).isEqualTo("PRIMARY");
        assertThat(writer.path("dataFreshness").path("reason").asText()).isEqualTo("OWN_WRITE_NOT_REPLAYED");
        assertThat(OffsetDateTime.parse(writer.path("dataAsOf").asText()).toInstant()).isEqualTo(dial(25));

        reader = asReader(PERFORMANCE, filter());
        assertThat(servedBy(reader, "REPLICA")).as(reader.toString()).isTrue();
        assertThat(calls(reader)).as("the reader, on the paused replica, does not see the second file yet").isEqualTo(10);
        assertThat(leads(reader)).isEqualTo(10);
        assertThat(OffsetDateTime.parse(reader.path("dataAsOf").asText()).toInstant()).as("dataAsOf from the replica")
                .isEqualTo(dial(10));
        Thread.sleep(1000);
        reader = asReader(PERFORMANCE, filter());
        JsonNode fresh = reader.path("dataFreshness");
        assertThat(fresh.path("servedBy").asText()).isEqualTo("REPLICA");
        assertThat(fresh.path("lagSeconds").asDouble()).as("lag of the paused replica").isGreaterThanOrEqualTo(0.9);
        assertThat(OffsetDateTime.parse(fresh.path("committedAsOf").asText()).toInstant())
                .as("the replica's data as of: before the second file was in").isBefore(ingested);
        assertThat(writer.path("dataFreshness").path("replicaLagSeconds").isNull()).isFalse();
        step("paused replica: writer reads its ingest from the primary, reader the replica's old data, lag "
                + fresh.path("lagSeconds").asDouble() + " s");

        // 3. further behind than the bound: everyone reads the primary
        reader = awaitReader(d -> d.path("dataFreshness").path("reason").asText().equals("REPLICA_TOO_FAR_BEHIND"),
                "the reader moved to the primary past the lag bound");
        assertThat(servedBy(reader, "PRIMARY")).isTrue();
        assertThat(calls(reader)).isEqualTo(25);
        assertThat(reader.path("dataFreshness").path("replicaLagSeconds").asDouble())
                .isGreaterThan(Double.parseDouble(MAX_LAG_SECONDS));
        step("past the lag bound the reader reads the primary");

        // 4. replay resumed: the replica serves fresh data again
        try (Connection standby = pair.standbyJdbc(); Statement st = standby.createStatement()) {
            st.execute("SELECT pg_wal_replay_resume()");
        }
        reader = awaitReader(d -> servedBy(d, "REPLICA") && calls(d) == 25, "the resumed replica serving the second file");
        assertThat(leads(reader)).isEqualTo(25);
        writer = await(() -> service.graphql(PERFORMANCE, filter()), d -> servedBy(d, "REPLICA"),
                "the writer back on the replica once its ingest is replayed");
        assertThat(calls(writer)).isEqualTo(25);
        step("resumed replica serves fresh data");

        // 5. standby stopped: reports still answer, from the primary
        pair.stopStandby();
        assertThat(calls(asReader(PERFORMANCE, filter()))).as("a report right after the standby stopped").isEqualTo(25);
        reader = awaitReader(d -> d.path("dataFreshness").path("reason").asText().equals("REPLICA_UNAVAILABLE"),
                "the reader on the primary with the standby down");
        assertThat(calls(reader)).isEqualTo(25);
        assertThat(leads(reader)).isEqualTo(25);
        assertThat(reader.path("dataFreshness").path("replicaLagSeconds").isNull()).isTrue();
        ingest(26, 30);
        assertThat(calls(asReader(PERFORMANCE, filter()))).isEqualTo(30);
        step("standby stopped: reports answer from the primary");
    }

    private Map<String, Object> filter() {
        return Map.of("f", Map.of("campaignIds", List.of(campaign), "from", dialBase.minusSeconds(3600).toString(),
                "to", dialBase.plusSeconds(3600).toString()));
    }

    private Instant dial(int i) {
        return dialBase.plusSeconds(i);
    }

    /** Calls {@code from..to} of the campaign, one lead each, as a call file posted by the writer. */
    private void ingest(int from, int to) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Customer Call Duration,Attempt No,Call Dial Time\n");
        for (int i = from; i <= to; i++) {
            csv.append(campaign).append('~').append(i).append(',').append(campaign).append("-L").append(i).append(',')
                    .append(campaign).append(',').append(campaign).append("-ADV,").append(campaign)
                    .append("-AG1,Answered,Not Interested,60,1,").append(dial(i)).append('\n');
        }
        HttpResponse<String> r = service.post("/api/ingest/calls?fileName=" + campaign + "-" + from + ".csv", "text/csv",
                csv.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ServiceProcess.JSON.readTree(r.body()).path("accepted").asInt()).as(r.body()).isEqualTo(to - from + 1);
    }

    private String login() throws IOException, InterruptedException {
        HttpResponse<String> r = ServiceProcess.HTTP.send(HttpRequest.newBuilder(service.uri("/api/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"live-it-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ServiceProcess.JSON.readTree(r.body()).path("token").asText();
    }

    /** A GraphQL query as the reader (admin with a token: another caller than the writer's API key). */
    private JsonNode asReader(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> r = ServiceProcess.HTTP.send(HttpRequest.newBuilder(service.uri("/graphql"))
                .header("Authorization", "Bearer " + readerToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(ServiceProcess.JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = ServiceProcess.JSON.readTree(r.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.path("errors").isMissingNode() || json.path("errors").isNull()).as(r.body()).isTrue();
        return json.path("data");
    }

    private JsonNode awaitReader(Predicate<JsonNode> done, String what) throws Exception {
        return await(() -> asReader(PERFORMANCE, filter()), done, what);
    }

    private interface Read {
        JsonNode get() throws Exception;
    }

    private static JsonNode await(Read read, Predicate<JsonNode> done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + what + "; last answer " + last);
    }

    private static boolean servedBy(JsonNode d, String target) {
        return d.path("dataFreshness").path("servedBy").asText().equals(target);
    }

    private static long calls(JsonNode d) {
        JsonNode rows = d.path("campaignPerformance");
        return rows.size() == 0 ? 0 : rows.path(0).path("totalCalls").asLong();
    }

    private static long leads(JsonNode d) {
        JsonNode edges = d.path("m").path("edges");
        return edges.size() == 0 ? 0 : edges.path(0).path("node").path("uniqueLeads").asLong();
    }

    /** callsight_report_reads_total{target="replica"} from the service's Prometheus endpoint. */
    private double replicaReads() throws IOException, InterruptedException {
        HttpResponse<String> r = ServiceProcess.HTTP.send(HttpRequest.newBuilder(service.uri("/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("callsight_report_reads_total{") && line.contains("target=\"replica\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private int reportConnectionsOnStandby() throws Exception {
        try (Connection c = pair.standbyJdbc(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'callsight-reports'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void step(String what) {
        System.out.printf("[replica-it] %5.1f s  %s%n", (System.nanoTime() - t0) / 1e9, what);
    }
}
