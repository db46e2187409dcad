package io.callsight.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.calls.CrashDrill;
import io.callsight.common.EmbeddedPostgres;
import io.callsight.common.GraphQLWs;

/**
 * Two packaged instances as processes on one PostgreSQL (a server of the test's own, which outlives the
 * kill as a real one would) behind Debian's nginx, round robin. A call file is posted to instance A,
 * whose crash-drill hook ({@code CALLSIGHT_DRILL_PAUSE_AT=BEFORE_COMMIT}) holds the batch with every row
 * inserted in its open transaction, while liveFloor subscriptions and report queries go through nginx
 * (and so reach both instances). A is sent SIGKILL. Then, with a short heartbeat (0.5 s) and stale bound
 * (4 s): nginx keeps answering (from B); the batch stays RUNNING until A's last beat is older than the
 * bound and is then failed by B; the fact holds none of it; a subscription A carried is closed and opened
 * again through nginx (on B); the file sent again through nginx is stored once (a third send: all
 * duplicates); the subscriptions count its calls, each push once; the consistency check is clean.
 * <p>
 * nginx comes from Debian ({@code apt-get install nginx}; .ci/run installs it): without it the test is
 * skipped, except on CI ({@code CI=true}) where it fails.
 */
class LoadBalancedInstancesIT {

    static final int ROWS = 3_000;
    private static final double STALE_SECONDS = 4;
    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Customer Call Duration,Attempt No,Call Dial Time,To Number\n";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String FLOOR = "subscription($f: CallFilter) { liveFloor(filter: $f) { asOf today { totalCalls } "
            + "campaigns { campaignId today { totalCalls } } } }";

    private EmbeddedPostgres db;
    private Path dbDir;
    private ServiceProcess a;
    private ServiceProcess b;
    private LoadBalancer nginx;
    /** The subscriptions' sockets, current ones. */
    private final List<GraphQLWs> sockets = new ArrayList<>();
    /** Every socket opened, closed at the end. */
    private final List<GraphQLWs> opened = new ArrayList<>();
    private boolean passed;

    @AfterEach
    void stop() {
        opened.forEach(GraphQLWs::close);
        if (nginx != null) {
            nginx.close();
        }
        for (ServiceProcess p : new ServiceProcess[] {b, a}) {
            if (p != null) {
                p.close();
                if (passed) {
                    p.deleteData();
                }
            }
        }
        if (db != null) {
            db.close();
        }
        if (passed) {
            if (nginx != null) {
                nginx.deleteFiles();
            }
            if (dbDir != null) {
                try (var paths = Files.walk(dbDir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (java.io.IOException e) {
                    System.out.printf("[load-balanced] could not delete %s: %s%n", dbDir, e);
                }
            }
        }
    }

    @Test
    void theSurvivorCarriesOnBehindNginxWithNothingLostOrDoubled() throws Exception {
        Path nginxBinary = LoadBalancer.binary();
        if (nginxBinary == null) {
            assertThat(System.getenv("CI")).as("nginx is not installed (apt-get install -y nginx; .ci/run installs it "
                    + "on CI): the load-balanced instances test cannot run").isNotEqualTo("true");
            Assumptions.abort("nginx is not installed (apt-get install -y nginx): load-balanced instances test skipped");
        }
        long t0 = System.nanoTime();
        List<String> report = new ArrayList<>();
        dbDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "lb-db").toAbsolutePath();
        db = EmbeddedPostgres.start(dbDir, false, ServiceProcess.freePort());
        a = instance("lb-a").env("CALLSIGHT_DRILL_PAUSE_AT", "BEFORE_COMMIT");
        b = instance("lb-b");
        a.start(); // first alone: it migrates the fresh database and creates the first admin
        b.start();
        nginx = LoadBalancer.start(nginxBinary, List.of(a.port, b.port));
        report.add(String.format("both instances and nginx up in %d ms", ms(t0)));

        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + ThreadLocalRandom.current().nextInt(100);
        String cmp = "LB" + run;
        String file = file(cmp);
        Map<String, Object> filter = Map.of("f", Map.of("campaignIds", List.of(cmp)));

        // two subscriptions through nginx: round robin puts them on A and on B
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            GraphQLWs ws = connect();
            sockets.add(ws);
            ids.add(ws.subscribe(FLOOR, filter));
            assertThat(total(awaitPush(ws, ids.get(k), Duration.ofSeconds(15), t -> t == 0, "first push"))).isZero();
        }
        java.util.Set<String> answering = new java.util.TreeSet<>();
        for (int k = 0; k < 4; k++) {
            answering.add(instanceName(lbGraphql("{ instances { name self } }")));
        }
        assertThat(answering).as("instances answering through nginx").hasSize(2);

        // A loads the file and pauses before its commit, every row inserted in its transaction
        int logFrom = Files.readString(a.log()).length();
        CompletableFuture<HttpResponse<String>> answer = ServiceProcess.HTTP.sendAsync(HttpRequest.newBuilder(
                a.uri("/api/ingest/calls?fileName=" + cmp + ".csv")).timeout(Duration.ofSeconds(120))
                .header("X-Api-Key", ServiceProcess.KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(file)).build(), HttpResponse.BodyHandlers.ofString());
        long batch = awaitPause(logFrom);
        UUID ownerA = instanceIdOf(a);
        assertThat(ownerOf(batch)).as("owner of the batch A is loading").isEqualTo(ownerA);
        // meanwhile B serves reports through nginx (round robin: every second request is B's)
        for (int k = 0; k < 4; k++) {
            assertThat(campaignCalls(cmp)).as("calls of the file visible before its commit").isZero();
        }
        assertThat(status(batch)).isEqualTo("RUNNING");

        a.kill();
        long killedAt = System.nanoTime();
        assertThat(answer.handle((r, e) -> r == null ? "no answer" : "HTTP " + r.statusCode()).get(10, TimeUnit.SECONDS))
                .as("the answer of the killed ingest").isEqualTo("no answer");
        // nginx keeps answering: the refused connection to A is retried on B
        for (int k = 0; k < 6; k++) {
            assertThat(campaignCalls(cmp)).isZero();
        }
        report.add(String.format("A killed (SIGKILL) paused before the commit of batch %d (%d rows inserted in its "
                + "transaction); 6 report queries through nginx answered by B right after", batch, ROWS));

        // the batch stays RUNNING while A's last beat is fresh, and B fails it once the beat is stale
        OffsetDateTime lastBeat = lastBeat(ownerA);
        String seenRunning = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"FAILED".equals(status(batch))) {
            assertThat(System.nanoTime()).as("batch %d FAILED within 30 s of the kill", batch).isLessThan(deadline);
            if (seenRunning == null && ms(killedAt) > 1000) {
                seenRunning = status(batch) + " " + ms(killedAt) + " ms after the kill";
            }
            Thread.sleep(100);
        }
        long failedAfterKillMs = ms(killedAt);
        OffsetDateTime finishedAt = finishedAt(batch);
        double afterBeat = Duration.between(lastBeat, finishedAt).toMillis() / 1000.0;
        assertThat(afterBeat).as("seconds from A's last beat to the batch FAILED").isGreaterThanOrEqualTo(STALE_SECONDS);
        assertThat(seenRunning).as("status a second after the kill").startsWith("RUNNING");
        assertThat(error(batch)).startsWith("interrupted");
        assertThat(count("SELECT count(*) FROM call WHERE call_id LIKE '" + cmp + "~%'")).as("rows of the killed batch")
                .isZero();
        report.add(String.format("batch %d: %s; FAILED by B %.1f s after A's last beat (bound %.0f s), %d ms after the "
                + "kill; none of its rows in the fact", batch, seenRunning, afterBeat, STALE_SECONDS, failedAfterKillMs));

        // the subscription A carried is gone with it: the client opens it again through nginx, which reaches B
        int reopened = 0;
        for (int k = 0; k < sockets.size(); k++) {
            GraphQLWs ws = sockets.get(k);
            if (ws.closeCode(Duration.ofMillis(200)) != null) {
                GraphQLWs again = connect();
                ids.set(k, again.subscribe(FLOOR, filter));
                sockets.set(k, again);
                ws.close();
                reopened++;
                assertThat(total(awaitPush(again, ids.get(k), Duration.ofSeconds(15), t -> t == 0, "first push on B")))
                        .isZero();
            }
        }
        report.add(reopened + " of 2 subscriptions were on A and were opened again through nginx (on B)");
        sockets.forEach(ws -> drain(ws));

        // the file again, through nginx: stored once; a third time: all duplicates
        HttpResponse<String> resent = lbPost("/api/ingest/calls?fileName=" + cmp + "-again.csv", file);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        JsonNode body = ServiceProcess.JSON.readTree(resent.body());
        assertThat(body.path("accepted").asInt()).as(resent.body()).isEqualTo(ROWS);
        HttpResponse<String> third = lbPost("/api/ingest/calls?fileName=" + cmp + "-third.csv", file);
        assertThat(third.statusCode()).as(third.body()).isEqualTo(200);
        JsonNode thirdBody = ServiceProcess.JSON.readTree(third.body());
        assertThat(thirdBody.path("accepted").asInt()).isZero();
        assertThat(thirdBody.path("duplicates").asInt()).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM call WHERE call_id LIKE '" + cmp + "~%'")).isEqualTo(ROWS);
        assertThat(count("SELECT count(DISTINCT call_id) FROM call WHERE call_id LIKE '" + cmp + "~%'")).isEqualTo(ROWS);
        assertThat(campaignCalls(cmp)).isEqualTo(ROWS);
        assertThat(campaignCalls(cmp)).isEqualTo(ROWS);

        // each subscription (on B) counts the calls, pushed once
        List<String> pushes = new ArrayList<>();
        for (int k = 0; k < sockets.size(); k++) {
            List<Long> seen = new ArrayList<>();
            List<Long> arrived = new ArrayList<>();
            GraphQLWs ws = sockets.get(k);
            JsonNode got = awaitPush(ws, ids.get(k), Duration.ofSeconds(10), t -> {
                seen.add(t);
                arrived.add(System.nanoTime());
                return t == ROWS;
            }, "a push counting the resent file");
            assertThat(total(got)).isEqualTo(ROWS);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
            GraphQLWs.Message m;
            while ((m = ws.next(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) != null) {
                if ("next".equals(m.type()) && ids.get(k).equals(m.id())) {
                    seen.add(m.payload().path("data").path("liveFloor").path("today").path("totalCalls").asLong());
                    arrived.add(m.arrivedNanos());
                }
            }
            for (int i = 1; i < seen.size(); i++) {
                boolean doubled = seen.get(i).equals(seen.get(i - 1))
                        && arrived.get(i) - arrived.get(i - 1) < TimeUnit.MILLISECONDS.toNanos(900);
                assertThat(doubled).as("push %d of subscription %d repeats the previous one at once: %s", i, k, seen)
                        .isFalse();
            }
            pushes.add(seen.toString());
        }
        report.add("resent through nginx: " + ROWS + " accepted, then " + ROWS + " duplicates; the fact holds each call "
                + "once; pushes after the resend per subscription: " + pushes);

        JsonNode check = lbGraphql("{ consistencyCheck { ok checks { name ok mismatches examples } } }")
                .path("consistencyCheck");
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(count("SELECT count(*) FROM ingest_batch WHERE status = 'RUNNING'")).isZero();
        JsonNode instances = lbGraphql("{ instances { instanceId name stale self } }").path("instances");
        report.add("instances after: " + instances);
        for (JsonNode i : instances) {
            if (i.path("instanceId").asText().equals(ownerA.toString())) {
                assertThat(i.path("stale").asBoolean()).as("A in the registry").isTrue();
            } else {
                assertThat(i.path("name").asText()).endsWith(":" + b.port);
            }
        }
        report.add(String.format("consistency check ok; %d s in all", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)));
        report.forEach(line -> System.out.println("[load-balanced] " + line));
        passed = true;
    }

    private ServiceProcess instance(String name) throws Exception {
        return ServiceProcess.onDatabase(name, db.jdbcUrl()).env("CALLSIGHT_INSTANCE_HEARTBEAT", "500ms")
                .env("CALLSIGHT_INSTANCE_STALE_AFTER", (int) STALE_SECONDS + "s").env("CALLSIGHT_INSTANCE_SWEEP", "1s");
    }

    private GraphQLWs connect() throws Exception {
        GraphQLWs ws = GraphQLWs.connect(nginx.ws(), "ApiKey " + ServiceProcess.KEY);
        assertThat(ws.acknowledged(Duration.ofSeconds(10))).as("connection_ack through nginx").isTrue();
        opened.add(ws);
        return ws;
    }

    private static void drain(GraphQLWs ws) {
        try {
            while (ws.next(Duration.ofMillis(1)) != null) {
                // pushes before the resend
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long total(JsonNode data) {
        return data.path("liveFloor").path("today").path("totalCalls").asLong();
    }

    private static JsonNode awaitPush(GraphQLWs ws, String id, Duration timeout, java.util.function.LongPredicate wanted,
            String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> other = new ArrayList<>();
        while (true) {
            GraphQLWs.Message m = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) {
                throw new AssertionError(what + ": nothing within " + timeout + " (other messages: " + other + ")");
            }
            if ("closed".equals(m.type()) || "error".equals(m.type()) || "complete".equals(m.type())) {
                throw new AssertionError(what + ": " + m.body());
            }
            if ("next".equals(m.type()) && id.equals(m.id()) && m.payload().path("errors").isMissingNode()) {
                JsonNode data = m.payload().path("data");
                if (wanted.test(total(data))) {
                    return data;
                }
            }
            other.add(m.body().toString());
        }
    }

    private long awaitPause(int logFrom) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String marker = CrashDrill.MARKER + "BEFORE_COMMIT (batch ";
        while (System.nanoTime() < deadline) {
            String log = Files.readString(a.log());
            int at = log.indexOf(marker, logFrom);
            if (at >= 0) {
                int from = at + marker.length();
                return Long.parseLong(log.substring(from, log.indexOf(')', from)));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + marker + "' in " + a.log() + " within 60 s");
    }

    private HttpResponse<String> lbPost(String path, String body) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(nginx.uri(path)).timeout(Duration.ofSeconds(60))
                .header("X-Api-Key", ServiceProcess.KEY).header("Content-Type", path.startsWith("/graphql")
                        ? "application/json" : "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode lbGraphql(String query) throws Exception {
        return lbGraphql(query, Map.of());
    }

    private JsonNode lbGraphql(String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("query", query);
        req.put("variables", variables);
        HttpResponse<String> r = lbPost("/graphql", ServiceProcess.JSON.writeValueAsString(req));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = ServiceProcess.JSON.readTree(r.body());
        assertThat(json.path("errors").isMissingNode() || json.path("errors").isNull()).as(r.body()).isTrue();
        return json.path("data");
    }

    private static String instanceName(JsonNode data) {
        for (JsonNode i : data.path("instances")) {
            if (i.path("self").asBoolean()) {
                return i.path("name").asText();
            }
        }
        return null;
    }

    private long campaignCalls(String cmp) throws Exception {
        return lbGraphql("query($c: [String!]) { campaignPerformance(filter: {campaignIds: $c}) { totalCalls } }",
                Map.of("c", List.of(cmp))).path("campaignPerformance").path(0).path("totalCalls").asLong(0);
    }

    private UUID instanceIdOf(ServiceProcess p) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT instance_id FROM service_instance "
                + "WHERE pid = ? AND name LIKE ?")) {
            ps.setLong(1, p.pid());
            ps.setString(2, "%:" + p.port);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("%s registered", p.name).isTrue();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private OffsetDateTime lastBeat(UUID instance) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT beat_at FROM service_instance "
                + "WHERE instance_id = ?")) {
            ps.setObject(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the killed instance still registered (it could not remove itself)").isTrue();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private UUID ownerOf(long batch) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT owner_instance FROM ingest_batch "
                + "WHERE batch_id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private String status(long batch) throws Exception {
        return batchColumn("status", batch);
    }

    private String error(long batch) throws Exception {
        return batchColumn("error", batch);
    }

    private OffsetDateTime finishedAt(long batch) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT finished_at FROM ingest_batch "
                + "WHERE batch_id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private String batchColumn(String column, long batch) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM ingest_batch "
                + "WHERE batch_id = ?")) {
            ps.setLong(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection db() throws Exception {
        return java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres");
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /** ROWS calls of campaign {@code cmp} dialled today (business time UTC) a few minutes ago. */
    private static String file(String cmp) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        LocalDateTime base = now.minusMinutes(20);
        if (!base.toLocalDate().equals(now.toLocalDate())) {
            base = now.toLocalDate().atStartOfDay();
        }
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = 1; n <= ROWS; n++) {
            csv.append(cmp).append('~').append(n).append(',').append(cmp).append("-L").append(n).append(',').append(cmp)
                    .append(',').append(cmp).append("-ADV,").append(cmp).append("-AG").append(n % 5)
                    .append(n % 3 == 0 ? ",Answered,Interested," : ",Answered,Not Interested,").append(30 + n % 200)
                    .append(",1,").append(base.format(LOCAL)).append(",+1555").append(String.format("%07d", n))
                    .append('\n');
        }
        return csv.toString();
    }
}
