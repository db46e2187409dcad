package io.callsight.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.Executors;

/**
 * A real restart between sending and recording: the packaged service (target/quarkus-app, started
 * as its own process on its own embedded PostgreSQL) pushes a batch to a receiver on loopback that
 * takes it and never answers; the service is killed (SIGKILL) while the batch is in flight, then
 * started again on the same data. After the lease the batch is sent again with the same
 * idempotency keys and recorded as delivered: no lead lost, none under a new key. Run by failsafe
 * after the package phase.
 */
class FeedRestartIT {

    private static final String KEY = "cs_restartit_0123456789abcdefghijklmnop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process app;
    private HttpServer receiver;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aKillBetweenSendingAndRecordingLosesNoLeadAndKeepsItsKey() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged service (mvn package runs before this test)").exists();
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "feed-restart");
        int port = freePort();

        // the receiver: the first POST is taken and never answered; later ones are accepted
        AtomicBoolean hang = new AtomicBoolean(true);
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        AtomicInteger badSignatures = new AtomicInteger();
        String[] secret = new String[1];
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String ts = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
            String sig = exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
            if (secret[0] == null || !WebhookSigner.verify(secret[0], ts, body, sig)) {
                badSignatures.incrementAndGet();
            }
            List<String> keys = new ArrayList<>();
            JSON.readTree(body).path("leads").forEach(l -> keys.add(l.path("idempotencyKey").asText()));
            batches.add(keys);
            if (hang.get()) {
                firstArrived.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        app = start(jar, data, port);
        ingest(port);
        JsonNode set = graphql(port, "mutation($u: String!) { setWebhook(advertiserId: \"RS-ADV\", webhook: {url: $u, "
                + "enabled: true, batchSize: 10}) { newSecret } }",
                Map.of("u", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        secret[0] = set.path("data").path("setWebhook").path("newSecret").asText();
        assertThat(secret[0]).isNotBlank();

        assertThat(firstArrived.await(60, TimeUnit.SECONDS)).as("the first batch reached the receiver").isTrue();
        app.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL while the batch is in flight
        List<String> firstKeys = batches.get(0);
        assertThat(firstKeys).hasSize(3);
        hang.set(false);
        release.countDown();

        app = start(jar, data, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode status;
        do {
            Thread.sleep(500);
            status = graphql(port, "{ feedStatus(advertiserId: \"RS-ADV\") { pending delivered dead } }", Map.of())
                    .path("data").path("feedStatus");
        } while (status.path("delivered").asInt() < 3 && System.nanoTime() < deadline);
        assertThat(status.path("delivered").asInt()).as("delivered after the restart: %s", status).isEqualTo(3);
        assertThat(status.path("pending").asInt()).isZero();
        assertThat(batches).hasSizeGreaterThanOrEqualTo(2);
        // every later delivery carried exactly the keys of the batch that was in flight
        for (List<String> later : batches.subList(1, batches.size())) {
            assertThat(firstKeys).containsAll(later);
        }
        assertThat(batches.subList(1, batches.size()).stream().flatMap(List::stream).distinct())
                .containsExactlyInAnyOrderElementsOf(firstKeys);
        assertThat(badSignatures.get()).isZero();
        JsonNode leads = graphql(port, "{ verifiedLeads(advertiserId: \"RS-ADV\") { edges { node { idempotencyKey "
                + "deliveryStatus } } } }", Map.of()).path("data").path("verifiedLeads").path("edges");
        List<String> stored = new ArrayList<>();
        leads.forEach(e -> stored.add(e.path("node").path("idempotencyKey").asText()));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(firstKeys);
    }

    private static Process start(Path jar, Path data, int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.remove("QUARKUS_DATASOURCE_JDBC_URL");
        env.remove("QUARKUS_DATASOURCE_USERNAME");
        env.remove("QUARKUS_DATASOURCE_PASSWORD");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("CALLSIGHT_DATA_DIR", data.toString());
        env.put("CALLSIGHT_DEMO", "off");
        env.put("CALLSIGHT_BOOTSTRAP_API_KEY", KEY);
        env.put("CALLSIGHT_ADMIN_PASSWORD", "restart-it-password");
        env.put("CALLSIGHT_FEED_LEASE", "4s");
        env.put("CALLSIGHT_FORECAST_CRON", "0 0 3 1 1 ? 2099");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("app.log").toFile()));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the service exited during startup; log: " + data.resolve("app.log"));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service was not ready after 120 s; log: " + data.resolve("app.log"));
    }

    private static void ingest(int port) throws IOException, InterruptedException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime t = LocalDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0);
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Customer Call Duration,Attempt No,Call Dial Time,To Number\n");
        for (int i = 1; i <= 3; i++) {
            csv.append("rs-").append(i).append(",RS-L").append(i).append(",RS-CMP,RS-ADV,RS-AG,Answered,Interested,120,1,")
                    .append(t.plusMinutes(i).format(f)).append(",+1555444000").append(i).append('\n');
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ingest/calls"))
                .header("X-Api-Key", KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("accepted").asInt()).isEqualTo(3);
    }

    private static JsonNode graphql(int port, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("X-Api-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        assertThat(json.path("errors").isMissingNode() || json.path("errors").isNull()).as(r.body()).isTrue();
        return json;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
