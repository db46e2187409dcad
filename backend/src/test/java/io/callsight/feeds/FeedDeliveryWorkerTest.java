package io.callsight.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.DatabaseTest;
import io.callsight.common.NotFoundException;
import io.callsight.feeds.FeedAdminService.AdvertiserRef;
import io.callsight.feeds.FeedDeliveryWorker.Options;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Push delivery against a real HTTP receiver on loopback and the real database. The receiver checks
 * the signature of every request (see {@link #receiverSawOnlyValidSignatures()}). Lease and backoff
 * are short (1 s, 20-100 ms) so retries happen within the test.
 */
@QuarkusTest
class FeedDeliveryWorkerTest extends DatabaseTest {

    static final Options FAST = new Options(Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofSeconds(3), false);

    @Inject
    FeedDeliveryWorker worker;

    @Inject
    FeedAdminService admin;

    @Inject
    AgroalDataSource dataSource;

    AdvertiserRef advertiser;
    String secret;
    TestReceiver receiver;

    @BeforeEach
    void newAdvertiserWithWebhook() throws Exception {
        advertiser = newAdvertiser(dataSource, admin);
        WebhookUpdate created = admin.setWebhook(advertiser, input("http://127.0.0.1:9/placeholder", null));
        secret = created.newSecret();
        assertThat(secret).as("a created webhook shows its secret once").isNotBlank();
        receiver = TestReceiver.start(secret, n -> TestReceiver.Answer.ok());
    }

    @AfterEach
    void receiverSawOnlyValidSignatures() throws Exception {
        sql("UPDATE advertiser_webhook SET enabled = false WHERE advertiser_key = " + advertiser.key());
        if (receiver != null) {
            receiver.close();
            assertThat(receiver.badSignatures).as("requests with a bad signature").hasValue(0);
        }
    }

    @Test
    void deliversSignedBatchesInSeqOrderWithTheLeadsIds() throws Exception {
        enable(input(receiver.url(), null, 100));
        long campaign = scalar("INSERT INTO campaign (campaign_id, advertiser_key) VALUES ('CMP-" + advertiser.advertiserId()
                + "', " + advertiser.key() + ") RETURNING campaign_key");
        long agent = scalar("INSERT INTO agent (agent_id) VALUES ('AG-" + advertiser.advertiserId() + "') RETURNING agent_key");
        long lead = scalar("INSERT INTO lead (lead_id, campaign_key, advertiser_key) VALUES ('LD-" + advertiser.advertiserId()
                + "', " + campaign + ", " + advertiser.key() + ") RETURNING lead_key");
        long first = scalar("INSERT INTO feed_lead (advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, "
                + "verified_at, talk_seconds, attempt_no, phone) VALUES (" + advertiser.key() + ", " + lead + ", 7, 'CALL-7', "
                + campaign + ", " + agent + ", '2026-11-20T10:15:00Z', 95.5, 3, '+15551234567') RETURNING seq");
        List<Long> more = insertLeads(249, Duration.ZERO);

        FeedDeliveryWorker.RunResult r = worker.runUntilIdle(FAST, Duration.ofSeconds(20));

        assertThat(r.delivered()).isEqualTo(250);
        assertThat(receiver.receipts).hasSize(3);
        assertThat(receiver.receipts).extracting(x -> x.body().path("leads").size()).containsExactly(100, 100, 50);
        List<Long> sent = new ArrayList<>();
        receiver.receipts.forEach(x -> x.body().path("leads").forEach(l -> sent.add(l.path("seq").asLong())));
        List<Long> all = new ArrayList<>(List.of(first));
        all.addAll(more);
        assertThat(sent).as("every lead once, in seq order").containsExactlyElementsOf(all);

        TestReceiver.Receipt firstBatch = receiver.receipts.get(0);
        assertThat(firstBatch.batchId()).isEqualTo(firstBatch.body().path("batchId").asText());
        assertThat(firstBatch.body().path("advertiserId").asText()).isEqualTo(advertiser.advertiserId());
        assertThat(firstBatch.body().path("sentAt").asText()).isNotBlank();
        JsonNode l = firstBatch.body().path("leads").get(0);
        assertThat(l.path("idempotencyKey").asText()).isEqualTo(text("SELECT idempotency_key FROM feed_lead WHERE seq = " + first));
        assertThat(l.path("leadId").asText()).isEqualTo("LD-" + advertiser.advertiserId());
        assertThat(l.path("campaignId").asText()).isEqualTo("CMP-" + advertiser.advertiserId());
        assertThat(l.path("agentId").asText()).isEqualTo("AG-" + advertiser.advertiserId());
        assertThat(l.path("callId").asText()).isEqualTo("CALL-7");
        assertThat(l.path("verifiedAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
        assertThat(l.path("talkSeconds").asDouble()).isEqualTo(95.5);
        assertThat(l.path("attempt").asInt()).isEqualTo(3);
        assertThat(l.path("phone").asText()).isEqualTo("+15551234567");

        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'DELIVERED' AND delivered_at IS NOT NULL AND last_http_status = 200 AND attempts = 1 "
                + "AND claimed_at IS NULL")).isEqualTo(250);
        assertThat(text("SELECT string_agg(outcome || ':' || lead_count || ':' || http_status, ',' ORDER BY attempt_id) "
                + "FROM webhook_attempt WHERE advertiser_key = " + advertiser.key()))
                .isEqualTo("DELIVERED:100:200,DELIVERED:100:200,DELIVERED:50:200");
    }

    /**
     * Several instances deliver at once (four workers here, racing on the same database): the claims
     * (webhook row SKIP LOCKED, leads FOR UPDATE SKIP LOCKED, leased) give each batch to one of them, so the
     * receiver gets every lead once and no two batches share a lead.
     */
    @Test
    void workersOfSeveralInstancesSendEachLeadInOneBatchOnce() throws Exception {
        enable(input(receiver.url(), null, 10));
        List<Long> seqs = insertLeads(300, Duration.ZERO);
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
        List<java.util.concurrent.CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                            + " AND status = 'PENDING'") > 0 && System.nanoTime() < deadline) {
                        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (var f : workers) {
            f.get();
        }
        List<Long> sent = new ArrayList<>();
        receiver.receipts.forEach(x -> x.body().path("leads").forEach(l -> sent.add(l.path("seq").asLong())));
        assertThat(sent).as("leads received, each once").hasSize(300).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(seqs);
        assertThat(receiver.receipts).hasSize(30);
        assertThat(scalar("SELECT count(*) FROM webhook_attempt WHERE advertiser_key = " + advertiser.key()
                + " AND outcome = 'DELIVERED'")).isEqualTo(30);
        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'DELIVERED' AND attempts = 1")).isEqualTo(300);
    }

    @Test
    void aServerErrorIsRetriedAndTheLeadDeliveredExactlyOnce() throws Exception {
        receiver.answer(n -> n == 0 ? new TestReceiver.Answer(500, "database down") : TestReceiver.Answer.ok());
        enable(input(receiver.url(), null));
        List<Long> seqs = insertLeads(3, Duration.ZERO);

        FeedDeliveryWorker.RunResult firstPass = worker.runOnce(FAST);
        assertThat(firstPass.failed()).isEqualTo(3);
        assertThat(text("SELECT string_agg(DISTINCT status || ':' || attempts || ':' || last_error, ',') FROM feed_lead "
                + "WHERE advertiser_key = " + advertiser.key())).isEqualTo("PENDING:1:HTTP 500: database down");

        drain();

        for (long seq : seqs) {
            String key = text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seq);
            assertThat(receiver.allReceipts(key)).as("sent twice (500, then 200)").isEqualTo(2);
            assertThat(receiver.acceptedReceipts(key)).as("accepted once").isEqualTo(1);
            assertThat(scalar("SELECT count(*) FROM webhook_attempt WHERE outcome = 'DELIVERED' AND " + seq + " = ANY(seqs)"))
                    .isEqualTo(1);
        }
        assertThat(text("SELECT string_agg(DISTINCT status || ':' || attempts, ',') FROM feed_lead WHERE advertiser_key = "
                + advertiser.key())).isEqualTo("DELIVERED:2");
        assertThat(text("SELECT string_agg(outcome || ':' || http_status, ',' ORDER BY attempt_id) FROM webhook_attempt "
                + "WHERE advertiser_key = " + advertiser.key())).isEqualTo("FAILED:500,DELIVERED:200");
    }

    @Test
    void aReceiverThatWasDownGetsEverythingWhenItIsBack() throws Exception {
        int port = receiver.port();
        receiver.close(); // the port is now closed: connection refused
        receiver = null;
        enable(input("http://127.0.0.1:" + port + "/hook", null, 10));
        List<Long> seqs = insertLeads(25, Duration.ZERO);

        FeedDeliveryWorker.RunResult down = worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(down.delivered()).isZero();
        assertThat(down.attempts()).as("one batch probes a receiver that is down, not all three").isEqualTo(1);
        assertThat(down.failed()).isEqualTo(10);
        assertThat(text("SELECT string_agg(DISTINCT outcome || ':' || coalesce(http_status::text, 'none'), ',') "
                + "FROM webhook_attempt WHERE advertiser_key = " + advertiser.key())).isEqualTo("FAILED:none");
        assertThat(text("SELECT error FROM webhook_attempt WHERE advertiser_key = " + advertiser.key() + " LIMIT 1"))
                .startsWith("Could not connect to http://127.0.0.1:" + port);
        Thread.sleep(300); // down for a while: more retries fail
        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'PENDING'")).isEqualTo(25);

        receiver = TestReceiver.start(port, secret, n -> TestReceiver.Answer.ok());
        drain();

        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'DELIVERED'")).isEqualTo(25);
        for (long seq : seqs) {
            assertThat(receiver.acceptedReceipts(text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seq)))
                    .isEqualTo(1);
        }
    }

    @Test
    void aCrashBetweenSendingAndRecordingLosesNothingAndResendsTheSameKeys() throws Exception {
        enable(input(receiver.url(), null));
        List<Long> seqs = insertLeads(2, Duration.ZERO);
        List<String> keys = new ArrayList<>();
        for (long seq : seqs) {
            keys.add(text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seq));
        }

        assertThatThrownBy(() -> worker.runOnce(FAST.withCrashAfterSend()))
                .isInstanceOf(FeedDeliveryWorker.SimulatedCrash.class);
        assertThat(receiver.requests()).isEqualTo(1);
        assertThat(receiver.receipts.get(0).idempotencyKeys()).containsExactlyElementsOf(keys);
        assertThat(text("SELECT string_agg(DISTINCT status || ':' || attempts || ':' || (claimed_at IS NOT NULL), ',') "
                + "FROM feed_lead WHERE advertiser_key = " + advertiser.key())).as("still pending, claimed")
                .isEqualTo("PENDING:1:true");
        assertThat(scalar("SELECT count(*) FROM webhook_attempt WHERE advertiser_key = " + advertiser.key())).isZero();

        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(receiver.requests()).as("not resent while the lease runs").isEqualTo(1);

        Thread.sleep(FAST.lease().toMillis() + 200);
        drain();

        assertThat(receiver.requests()).isEqualTo(2);
        assertThat(receiver.receipts.get(1).idempotencyKeys()).as("resent with the same keys").containsExactlyElementsOf(keys);
        assertThat(receiver.receipts.get(1).batchId()).isNotEqualTo(receiver.receipts.get(0).batchId());
        assertThat(text("SELECT string_agg(DISTINCT status || ':' || attempts, ',') FROM feed_lead WHERE advertiser_key = "
                + advertiser.key())).isEqualTo("DELIVERED:2");
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seqs.get(i))).isEqualTo(keys.get(i));
        }
    }

    @Test
    void aClientErrorIsRecordedRejectedWithTheReceiversReason() throws Exception {
        String longReason = "phone is not a valid E.164 number " + "x".repeat(600);
        receiver.answer(n -> new TestReceiver.Answer(422, longReason));
        enable(input(receiver.url(), null));
        insertLeads(2, Duration.ZERO);

        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        Thread.sleep(150);
        worker.runUntilIdle(FAST, Duration.ofSeconds(5));

        assertThat(receiver.requests()).as("a rejection is not retried").isEqualTo(1);
        String expected = "HTTP 422: " + longReason.substring(0, 500);
        assertThat(text("SELECT string_agg(DISTINCT status || '|' || last_http_status || '|' || last_error, ',') "
                + "FROM feed_lead WHERE advertiser_key = " + advertiser.key())).isEqualTo("REJECTED|422|" + expected);
        assertThat(text("SELECT outcome || '|' || http_status || '|' || error FROM webhook_attempt WHERE advertiser_key = "
                + advertiser.key())).isEqualTo("REJECTED|422|" + expected);
    }

    @Test
    void theDailyCapHolds() throws Exception {
        enable(input(receiver.url(), 3));
        insertLeads(5, Duration.ZERO);

        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        worker.runUntilIdle(FAST, Duration.ofSeconds(5));

        assertThat(text("SELECT string_agg(status || ':' || count, ',' ORDER BY status) FROM (SELECT status, count(*) "
                + "FROM feed_lead WHERE advertiser_key = " + advertiser.key() + " GROUP BY status) s"))
                .isEqualTo("DELIVERED:3,PENDING:2");
        assertThat(receiver.requests()).isEqualTo(1);
        FeedStatus s = admin.status(advertiser);
        assertThat(s.deliveredToday()).isEqualTo(3);
        assertThat(s.pending()).isEqualTo(2);
        assertThat(s.dailyCap()).isEqualTo(3);
        assertThat(s.oldestPendingAt()).isNotNull();
    }

    @Test
    void nothingIsSentOutsideTheDeliveryHours() throws Exception {
        sql("UPDATE advertiser SET time_zone = 'America/New_York' WHERE advertiser_key = " + advertiser.key());
        int hour = ZonedDateTime.now(ZoneId.of("America/New_York")).getHour();
        int closedStart = (hour + 2) % 24;
        enable(new WebhookInput(receiver.url(), true, closedStart, closedStart + 1, null, 100, 24.0));
        insertLeads(4, Duration.ZERO);

        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(receiver.requests()).isZero();
        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'PENDING' AND attempts = 0")).isEqualTo(4);

        int end = (hour + 2) % 24 == 0 ? 24 : (hour + 2) % 24; // now inside [hour, hour + 2), over midnight if need be
        enable(new WebhookInput(receiver.url(), true, hour, end, null, 100, 24.0));
        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(receiver.requests()).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'DELIVERED'")).isEqualTo(4);
    }

    @Test
    void aLeadFailingPastItsMaxAgeGoesDead() throws Exception {
        receiver.answer(n -> new TestReceiver.Answer(503, "maintenance"));
        enable(input(receiver.url(), null));
        long old = insertLeads(1, Duration.ofHours(48)).get(0);
        long fresh = insertLeads(1, Duration.ZERO).get(0);

        worker.runOnce(FAST);

        assertThat(text("SELECT status || '|' || last_error FROM feed_lead WHERE seq = " + old))
                .isEqualTo("DEAD|HTTP 503: maintenance; gave up: the lead is older than the webhook's max age (24.0 h)");
        assertThat(text("SELECT status || '|' || last_error FROM feed_lead WHERE seq = " + fresh))
                .isEqualTo("PENDING|HTTP 503: maintenance");
        assertThat(admin.status(advertiser).dead()).isEqualTo(1);
    }

    @Test
    void redeliveryResendsWithTheSameKeys() throws Exception {
        enable(input(receiver.url(), null));
        List<Long> seqs = insertLeads(3, Duration.ZERO);
        worker.runUntilIdle(FAST, Duration.ofSeconds(5));
        assertThat(receiver.requests()).isEqualTo(1);
        String firstBatch = receiver.receipts.get(0).batchId();

        assertThat(admin.redeliver(advertiser, List.of(seqs.get(0), seqs.get(2), 999_999_999L))).isEqualTo(2);
        assertThat(text("SELECT string_agg(status, ',' ORDER BY seq) FROM feed_lead WHERE advertiser_key = "
                + advertiser.key())).isEqualTo("PENDING,DELIVERED,PENDING");
        drain();
        assertThat(receiver.requests()).isEqualTo(2);
        assertThat(receiver.receipts.get(1).idempotencyKeys()).containsExactly(
                text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seqs.get(0)),
                text("SELECT idempotency_key FROM feed_lead WHERE seq = " + seqs.get(2)));

        assertThat(admin.redeliverBatch(firstBatch)).isEqualTo(3);
        drain();
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(receiver.receipts.get(2).idempotencyKeys()).containsExactlyElementsOf(receiver.receipts.get(0).idempotencyKeys());
        assertThat(text("SELECT string_agg(status || ':' || attempts, ',' ORDER BY seq) FROM feed_lead WHERE advertiser_key = "
                + advertiser.key())).as("attempts kept and counted on").isEqualTo("DELIVERED:3,DELIVERED:2,DELIVERED:3");

        assertThatThrownBy(() -> admin.redeliverBatch(UUID.randomUUID().toString()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("is not in the delivery log");
        assertThatThrownBy(() -> admin.redeliverBatch("batch-1")).isInstanceOf(BadInputException.class)
                .hasMessage("batchId 'batch-1' is not a batch id (a UUID)");
        assertThatThrownBy(() -> admin.redeliver(advertiser, List.of())).isInstanceOf(BadInputException.class)
                .hasMessage("seqs must name at least one lead");
    }

    // --- helpers ---

    static AdvertiserRef newAdvertiser(AgroalDataSource ds, FeedAdminService admin) throws SQLException {
        String id = "FEEDTEST-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO advertiser (advertiser_id, name) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, "Feed test " + id);
            ps.executeUpdate();
        }
        return admin.advertiser(id);
    }

    static WebhookInput input(String url, Integer dailyCap) {
        return input(url, dailyCap, 100);
    }

    static WebhookInput input(String url, Integer dailyCap, int batchSize) {
        return new WebhookInput(url, true, 0, 24, dailyCap, batchSize, 24.0);
    }

    void enable(WebhookInput in) {
        WebhookUpdate u = admin.setWebhook(advertiser, in);
        assertThat(u.newSecret()).as("an updated webhook keeps its secret and does not show it").isNull();
    }

    /** Runs the worker until the advertiser has no PENDING lead (waiting out backoffs), at most 15 s. */
    void drain() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (scalar("SELECT count(*) FROM feed_lead WHERE advertiser_key = " + advertiser.key()
                + " AND status = 'PENDING'") > 0) {
            assertThat(System.nanoTime()).as("drained within 15 s").isLessThan(deadline);
            worker.runUntilIdle(FAST, Duration.ofSeconds(5));
            Thread.sleep(20);
        }
    }

    List<Long> insertLeads(int n, Duration age) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO feed_lead (advertiser_key, lead_key, call_key, call_id, campaign_key, agent_key, verified_at,
                    talk_seconds, attempt_no, phone, created_at)
                SELECT ?, k, k, 'CALL-' || k, 424242, NULL, now() - interval '5 minutes', 61.5, 1,
                       '+1555' || lpad(k::text, 7, '0'), now() - make_interval(secs => ?)
                FROM (SELECT (SELECT coalesce(max(lead_key), 0) FROM feed_lead WHERE advertiser_key = ?) + g AS k
                      FROM generate_series(1, ?) g) x
                ORDER BY k RETURNING seq""")) {
            ps.setInt(1, advertiser.key());
            ps.setDouble(2, age.toSeconds());
            ps.setInt(3, advertiser.key());
            ps.setInt(4, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        }
        seqs.sort(Long::compare);
        return seqs;
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    void sql(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
