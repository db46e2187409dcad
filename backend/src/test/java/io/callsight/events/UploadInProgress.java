package io.callsight.events;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A call file (CSV) posted to an instance slowly: the first rows, then a pause as long as the test
 * likes, then the rest. Past the first 10 KB (quarkus.rest.input-buffer-size) the ingest reads the
 * body as it arrives, so the file's batch stays RUNNING (and its transaction open) during the pause.
 */
final class UploadInProgress {

    /** Rows of the file; the first half (about 20 KB) is more than the server buffers before it calls the resource. */
    static final int ROWS = 400;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ServiceProcess instance;
    private final String fileName;
    private final String campaign;
    private final SubmissionPublisher<ByteBuffer> out;
    private final CompletableFuture<HttpResponse<String>> answer;
    private final long batchId;

    private UploadInProgress(ServiceProcess instance, String campaign, SubmissionPublisher<ByteBuffer> out,
            CompletableFuture<HttpResponse<String>> answer, long batchId) {
        this.instance = instance;
        this.fileName = campaign + ".csv";
        this.campaign = campaign;
        this.out = out;
        this.answer = answer;
        this.batchId = batchId;
    }

    /** Posts the header and the first half of the rows, and waits until the batch is RUNNING. */
    static UploadInProgress begin(ServiceProcess instance, String campaign) throws Exception {
        SubmissionPublisher<ByteBuffer> out = new SubmissionPublisher<>();
        CompletableFuture<HttpResponse<String>> answer = ServiceProcess.HTTP.sendAsync(HttpRequest.newBuilder(
                instance.uri("/api/ingest/calls?fileName=" + campaign + ".csv")).timeout(Duration.ofSeconds(300))
                .header("X-Api-Key", ServiceProcess.KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(out)).build(), HttpResponse.BodyHandlers.ofString());
        // a SubmissionPublisher drops what is submitted before the request subscribes to it
        long subscribed = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.getNumberOfSubscribers() == 0 && System.nanoTime() < subscribed && !answer.isDone()) {
            Thread.sleep(10);
        }
        out.submit(ByteBuffer.wrap(("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Customer Call Duration,Attempt No,Call Dial Time,To Number\n").getBytes(StandardCharsets.UTF_8)));
        rows(out, campaign, 1, ROWS / 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = instance.jdbc()) {
            while (System.nanoTime() < deadline) {
                Long id = batch(c, campaign + ".csv", "RUNNING");
                if (id != null) {
                    return new UploadInProgress(instance, campaign, out, answer, id);
                }
                if (answer.isDone()) {
                    throw new AssertionError("the upload was answered before its end: " + answer.get().body());
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no RUNNING batch for " + campaign + ".csv within 30 s");
    }

    /** Records the batch's status now, sends the rest, and records the answer and the final batch row. */
    void finish(Map<String, Object> record) throws Exception {
        try (Connection c = instance.jdbc()) {
            record.put("statusAfterBStarted", status(c, "status"));
            record.put("errorAfterBStarted", status(c, "error"));
        }
        rows(out, campaign, ROWS / 2 + 1, ROWS);
        out.close();
        HttpResponse<String> r = answer.get(120, TimeUnit.SECONDS);
        record.put("answer", r.statusCode());
        JsonNode body = ServiceProcess.JSON.readTree(r.body());
        record.put("answerStatus", body.path("status").asText());
        record.put("accepted", body.path("accepted").asInt());
        try (Connection c = instance.jdbc()) {
            record.put("finalStatus", status(c, "status"));
            record.put("finalError", status(c, "error"));
        }
    }

    private static void rows(SubmissionPublisher<ByteBuffer> out, String campaign, int from, int to) {
        LocalDateTime t = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(30).withNano(0);
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(campaign).append('~').append(i).append(',').append(campaign).append("-L").append(i).append(',')
                    .append(campaign).append(',').append(campaign).append("-ADV,").append(campaign)
                    .append("-AG1,Answered,Not Interested,60,1,").append(t.plusSeconds(i).format(LOCAL))
                    .append(",+1555777").append(String.format("%04d", i)).append('\n');
        }
        out.submit(ByteBuffer.wrap(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Long batch(Connection c, String fileName, String status) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT batch_id FROM ingest_batch WHERE file_name = ? AND status = ?")) {
            ps.setString(1, fileName);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private String status(Connection c, String column) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM ingest_batch WHERE batch_id = ?")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
