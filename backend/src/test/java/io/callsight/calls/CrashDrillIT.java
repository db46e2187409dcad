package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.callsight.common.EmbeddedPostgres;
import io.callsight.events.ServiceProcess;

/**
 * The short crash drill (the long one is bench/crash-drill.sh): the packaged service, a process of its own
 * on a PostgreSQL of this test's own (it outlives the kills, as a real one would), is sent SIGKILL during a
 * call file's ingest at one point of each phase (the upload, which the COPY follows as it arrives, the
 * insert statement, before the commit, the answer), each time with a new file of {@value #ROWS} rows. The
 * points are hit exactly: the fault hook {@link CrashDrill}
 * ({@code CALLSIGHT_DRILL_PAUSE_AT}) pauses the batch there; the upload is held by this client; the insert
 * statement is held by a lock this test keeps on the rollup rows it updates. After each restart no partial
 * batch is visible (the fact holds the rows before, or those plus the whole file), the batch reads FAILED
 * or COMPLETED, and nothing is RUNNING. At the end every file is sent again: each then holds exactly its
 * rows, once, and the consistency check (every rollup against the fact, every feed row against its call)
 * is clean. Then PostgreSQL is stopped under the service: 503 DATABASE_UNAVAILABLE, readiness DOWN, and
 * ready again by itself once the database is back.
 * <p>
 * The insert point is the one that found a bug: the killed process's server backend, still waiting inside
 * its statement, kept the batch row locked past the restart, so the restart's recovery (which skips locked
 * rows: a live instance's batch) left the batch RUNNING; the backends now check their client every 2 s
 * (client_connection_check_interval) and end with it.
 */
class CrashDrillIT {

    static final int ROWS = 10_000;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Customer Call Duration,Attempt No,Call Dial Time,To Number\n";

    /** How a point is reached: the service's hook, this client holding the upload, or the insert held by a lock. */
    enum Via { HOOK, UPLOAD, INSERT_LOCK }

    /** A kill point; {@code committed}: the batch is committed when the kill comes. */
    record Point(String name, Via via, String hook, boolean committed) {
    }

    /**
     * In this order: the first committed file gives the insert-lock point rollup rows to wait on. The held
     * upload is also a kill inside the COPY (the server has copied what it got and waits for more); the long
     * drill has the COPY's own points and the other five.
     */
    static final List<Point> POINTS = List.of(
            new Point("answer", Via.HOOK, "ANSWER", true),
            new Point("upload-60%", Via.UPLOAD, null, false),
            new Point("insert-running", Via.INSERT_LOCK, null, false),
            new Point("before-commit", Via.HOOK, "BEFORE_COMMIT", false));

    /** The database, a server of this test's own: it outlives the service's kills as a real one would. */
    private EmbeddedPostgres db;
    private Path dbDir;
    private int dbPort;
    private ServiceProcess app;
    private boolean passed;
    private final LocalDateTime day = LocalDateTime.now(ZoneOffset.UTC).minusDays(1).withHour(9).withMinute(0)
            .withSecond(0).withNano(0);

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
            if (passed) {
                app.deleteData(); // kept after a failure, with the log
            }
        }
        if (db != null) {
            db.close();
        }
        if (passed && dbDir != null) {
            try (var paths = Files.walk(dbDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (java.io.IOException e) {
                System.out.printf("[crash-drill] could not delete %s: %s%n", dbDir, e);
            }
        }
    }

    @Test
    void noPartialBatchSurvivesAKillAndTheResendStoresEachFileOnce() throws Exception {
        long t0 = System.nanoTime();
        dbDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it")), "crash-drill-db")
                .toAbsolutePath();
        dbPort = ServiceProcess.freePort();
        db = EmbeddedPostgres.start(dbDir, false, dbPort);
        app = ServiceProcess.onDatabase("crash-drill", db.jdbcUrl());
        List<String> report = new ArrayList<>();
        long total = 0;
        Connection lockHolder = null;
        for (int i = 0; i < POINTS.size(); i++) {
            Point p = POINTS.get(i);
            app.env("CALLSIGHT_DRILL_PAUSE_AT", p.hook());
            app.start();
            if (lockHolder != null) {
                lockHolder.rollback(); // the insert-lock point's lock, kept over the restart
                lockHolder.close();
                lockHolder = null;
            }
            if (i > 0) {
                total = checkAfterRestart(POINTS.get(i - 1), i - 1, total, report);
            }
            String file = file(i);
            String log = Files.readString(app.log());
            CompletableFuture<HttpResponse<String>> answer;
            if (p.via() == Via.UPLOAD) {
                answer = holdUpload(i, file, 0.6);
            } else if (p.via() == Via.INSERT_LOCK) {
                lockHolder = app.jdbc();
                lockHolder.setAutoCommit(false);
                try (Statement st = lockHolder.createStatement()) {
                    st.executeQuery("SELECT 1 FROM agent_day_rollup FOR UPDATE").close();
                }
                answer = send(i, file);
                awaitInsertWaitingOnLock();
            } else {
                answer = send(i, file);
                awaitMarker(log.length(), p.hook());
            }
            app.kill();
            assertThat(answer.handle((r, e) -> r == null ? "no answer" : "HTTP " + r.statusCode()).get(10,
                    TimeUnit.SECONDS)).as("the answer of a killed ingest").isEqualTo("no answer");
        }
        app.env("CALLSIGHT_DRILL_PAUSE_AT", null);
        app.start();
        if (lockHolder != null) {
            lockHolder.rollback();
            lockHolder.close();
        }
        total = checkAfterRestart(POINTS.get(POINTS.size() - 1), POINTS.size() - 1, total, report);

        // every file again: exactly its rows, once
        for (int i = 0; i < POINTS.size(); i++) {
            HttpResponse<String> r = app.post("/api/ingest/calls?fileName=drill-" + i + ".csv", "text/csv", file(i));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = ServiceProcess.JSON.readTree(r.body());
            boolean committed = POINTS.get(i).committed();
            assertThat(body.path("accepted").asInt()).as("resend of %s", POINTS.get(i).name())
                    .isEqualTo(committed ? 0 : ROWS);
            assertThat(body.path("duplicates").asInt()).isEqualTo(committed ? ROWS : 0);
            assertThat(callsOf(i)).as("calls of the file of %s after its resend", POINTS.get(i).name()).isEqualTo(ROWS);
            report.set(i, report.get(i) + String.format(", resend: %d accepted / %d duplicates, then %d rows",
                    body.path("accepted").asInt(), body.path("duplicates").asInt(), ROWS));
        }
        assertThat(count("SELECT count(*) FROM call")).isEqualTo((long) ROWS * POINTS.size());
        JsonNode check = app.graphql("{ consistencyCheck { ok checks { name ok mismatches examples } } }", Map.of())
                .path("consistencyCheck");
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        report.forEach(line -> System.out.println("[crash-drill] " + line));
        report.add(databaseStops());
        System.out.println("[crash-drill] " + report.get(report.size() - 1));
        System.out.printf("[crash-drill] consistency check: ok; %d kill points in %d s%n", POINTS.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        passed = true;
    }

    /**
     * PostgreSQL stopped under the running service: ingest and GraphQL answer 503 DATABASE_UNAVAILABLE,
     * readiness is DOWN (liveness UP: nothing to restart); started again on the same port, the service is
     * ready again by itself, ingests, and the consistency check is clean.
     */
    private String databaseStops() throws Exception {
        db.close();
        long t0 = System.nanoTime();
        HttpResponse<String> ingest = app.post("/api/ingest/calls?fileName=db-down.csv", "text/csv", file(90));
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(503);
        assertThat(ServiceProcess.JSON.readTree(ingest.body()).path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
        HttpResponse<String> gql = app.post("/graphql", "application/json",
                "{\"query\": \"{ ingestBatches(first: 1) { edges { node { id } } } }\"}");
        assertThat(gql.statusCode()).as(gql.body()).isEqualTo(503);
        JsonNode gqlBody = ServiceProcess.JSON.readTree(gql.body());
        // the operation's error, or the whole request's when the API key lookup (cached for a few seconds) failed
        assertThat(gqlBody.has("code") ? gqlBody.path("code").asText()
                : gqlBody.path("errors").path(0).path("extensions").path("code").asText()).as(gql.body())
                .isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(health("/q/health/ready")).isEqualTo(503);
        assertThat(health("/q/health/live")).isEqualTo(200);
        db = EmbeddedPostgres.start(dbDir, false, dbPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (health("/q/health/ready") != 200) {
            assertThat(System.nanoTime()).as("ready again within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        HttpResponse<String> again = app.post("/api/ingest/calls?fileName=db-back.csv", "text/csv", file(90));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(callsOf(90)).isEqualTo(ROWS);
        assertThat(count("SELECT count(*) FROM ingest_batch WHERE status = 'RUNNING'")).isZero();
        JsonNode check = app.graphql("{ consistencyCheck { ok checks { name ok mismatches examples } } }", Map.of())
                .path("consistencyCheck");
        assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        return "database stopped: ingest 503 DATABASE_UNAVAILABLE, GraphQL 503 DATABASE_UNAVAILABLE, ready 503, live 200; "
                + "restarted: ready again " + readyMs + " ms after the stop, no service restart; ingest 200, consistency ok";
    }

    private int health(String path) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The state after the kill at {@code p}: no partial batch, FAILED or COMPLETED, nothing RUNNING. */
    private long checkAfterRestart(Point p, int i, long before, List<String> report) throws Exception {
        long rows = count("SELECT count(*) FROM call");
        long mine = callsOf(i);
        String status;
        long batchId;
        try (Connection c = app.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT batch_id, status FROM ingest_batch WHERE file_name = ?")) {
            ps.setString(1, "drill-" + i + ".csv");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the batch of %s", p.name()).isTrue();
                batchId = rs.getLong(1);
                status = rs.getString(2);
            }
        }
        JsonNode batch = app.graphql("query($id: ID!) { ingestBatch(id: $id) { status accepted } }",
                Map.of("id", Long.toString(batchId))).path("ingestBatch");
        report.add(String.format("%-15s after restart: batch %s, %d of its rows visible (fact %d -> %d)", p.name(),
                status, mine, before, rows));
        assertThat(batch.path("status").asText()).isEqualTo(status);
        assertThat(status).as("batch of %s after the restart", p.name()).isEqualTo(p.committed() ? "COMPLETED" : "FAILED");
        assertThat(mine).as("rows of the file of %s visible after the restart", p.name())
                .isEqualTo(p.committed() ? ROWS : 0);
        assertThat(rows).as("the fact after %s", p.name()).isEqualTo(before + mine);
        assertThat(count("SELECT count(*) FROM ingest_batch WHERE status NOT IN ('COMPLETED', 'FAILED')"))
                .as("batches neither COMPLETED nor FAILED after the restart").isZero();
        return rows;
    }

    private CompletableFuture<HttpResponse<String>> send(int i, String file) {
        return ServiceProcess.HTTP.sendAsync(HttpRequest.newBuilder(app.uri("/api/ingest/calls?fileName=drill-" + i
                + ".csv")).timeout(Duration.ofSeconds(120)).header("X-Api-Key", ServiceProcess.KEY)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(file)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the first {@code fraction} of the file's bytes and holds the rest; returns once the server copies them. */
    private CompletableFuture<HttpResponse<String>> holdUpload(int i, String file, double fraction) throws Exception {
        SubmissionPublisher<ByteBuffer> out = new SubmissionPublisher<>();
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> answer = ServiceProcess.HTTP.sendAsync(HttpRequest.newBuilder(
                app.uri("/api/ingest/calls?fileName=drill-" + i + ".csv")).timeout(Duration.ofSeconds(120))
                .header("X-Api-Key", ServiceProcess.KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(out, bytes.length)).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline && !answer.isDone()) {
            Thread.sleep(10);
        }
        out.submit(ByteBuffer.wrap(bytes, 0, (int) (bytes.length * fraction)));
        // the server has copied what it got once rows stop arriving in the COPY (its buffers hold the rest)
        long last = -1;
        try (Connection c = app.jdbc(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                assertThat(answer.isDone()).as("answered before the upload ended").isFalse();
                try (ResultSet rs = st.executeQuery("SELECT coalesce(max(tuples_processed), -1) FROM pg_stat_progress_copy")) {
                    rs.next();
                    long now = rs.getLong(1);
                    if (now > 0 && now == last) {
                        return answer;
                    }
                    last = now;
                }
                Thread.sleep(300);
            }
        }
        throw new AssertionError("the held upload's COPY did not settle within 30 s");
    }

    private void awaitMarker(int from, String hook) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(app.log());
            if (log.indexOf(CrashDrill.MARKER + hook, from) >= 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + CrashDrill.MARKER + hook + "' in " + app.log() + " within 60 s");
    }

    private void awaitInsertWaitingOnLock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection c = app.jdbc(); Statement st = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                        + "'Lock' AND query LIKE 'WITH ins AS (INSERT INTO call%'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the insert statement did not wait on the held rollup rows within 60 s");
    }

    private long callsOf(int i) throws Exception {
        return count("SELECT count(*) FROM call WHERE call_id LIKE 'D" + i + "~%'");
    }

    private long count(String sql) throws Exception {
        try (Connection c = app.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** File {@code i}: its own call and lead ids, the same campaign, agents and day as the others. */
    private String file(int i) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = 1; n <= ROWS; n++) {
            csv.append('D').append(i).append('~').append(n).append(",D").append(i).append("-L").append(n)
                    .append(",DRILL,DRILL-ADV,DRILL-AG").append(n % 5).append(n % 3 == 0 ? ",Answered,Interested,"
                            : ",Answered,Not Interested,").append(30 + n % 200).append(",1,")
                    .append(day.plusSeconds(n).format(LOCAL)).append(",+1555").append(String.format("%07d", n))
                    .append('\n');
        }
        return csv.toString();
    }
}
