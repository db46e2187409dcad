package io.callsight.feeds;

import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.feeds.FeedAdminService.AdvertiserRef;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * End to end through the API: a lead verified by a call outside Florida's calling hours is held back from its
 * advertiser (not pushed to the webhook, not in its pull), an ADMIN releases it with a reason (audited), and
 * only then it is delivered.
 */
@QuarkusTest
class FeedHoldTest extends DatabaseTest {

    @Inject
    FeedDeliveryWorker worker;

    @Inject
    FeedAdminService admin;

    @Inject
    AgroalDataSource dataSource;

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Customer Call Duration,Call Dial Time,To Number\n";

    @Test
    void aLeadVerifiedByAViolatingCallWaitsForAnAdminsRelease() throws Exception {
        AdvertiserRef adv = FeedDeliveryWorkerTest.newAdvertiser(dataSource, admin);
        String id = adv.advertiserId();
        String secret = admin.setWebhook(adv, FeedDeliveryWorkerTest.input("http://127.0.0.1:9/placeholder", null))
                .newSecret();
        try (TestReceiver receiver = TestReceiver.start(secret, n -> TestReceiver.Answer.ok())) {
            admin.setWebhook(adv, FeedDeliveryWorkerTest.input(receiver.url(), null));
            LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
            // H1: Miami (305) at 02:30Z = 22:30 EDT / 21:30 EST the evening before: breaks US-HOURS and FL-HOURS.
            // OK1: New York (212) at 17:00Z = 13:00 / 12:00: compliant.
            given().contentType("text/csv").body(HEADER
                    + id + "-c1," + id + "-H1,CMP-" + id + "," + id + ",AG-" + id + ",Answered,Interested,120," + day
                    + " 02:30:00,+13055550101\n"
                    + id + "-c2," + id + "-OK1,CMP-" + id + "," + id + ",AG-" + id + ",Answered,Interested,120," + day
                    + " 17:00:00,+12125550147\n").when().post("/api/ingest/calls").then().statusCode(200);

            awaitDelivered(receiver, 1);
            assertThat(delivered(receiver)).containsExactly(id + "-OK1");

            JsonPath feed = GraphQL.query("query($a: String) { verifiedLeads(advertiserId: $a) { edges { node { seq leadId "
                    + "deliveryStatus } } } }", Map.of("a", id));
            assertThat(feed.getString("data.verifiedLeads.edges.find { it.node.leadId == '" + id + "-H1' }.node.deliveryStatus"))
                    .isEqualTo("HELD");
            long seq = feed.getLong("data.verifiedLeads.edges.find { it.node.leadId == '" + id + "-H1' }.node.seq");

            GraphQL.query("mutation($u: String!, $a: String!) { createUser(username: $u, password: \"hold-password-1\", "
                    + "role: ADVERTISER, advertiserId: $a) { id } }", Map.of("u", "hold-" + id.toLowerCase(), "a", id));
            String token = Auth.token("hold-" + id.toLowerCase(), "hold-password-1");
            assertThat(ownFeed(token)).as("an advertiser never sees a held lead").containsExactly(id + "-OK1");

            JsonPath held = GraphQL.query("{ heldLeads(first: 100) { edges { node { seq leadId reason releasedAt } } } }");
            String reason = held.getString("data.heldLeads.edges.find { it.node.leadId == '" + id + "-H1' }.node.reason");
            assertThat(reason).contains("US-HOURS").contains("FL-HOURS").contains("America/New_York");

            String release = "mutation($s: BigInteger!, $r: String!) { releaseHeldLead(seq: $s, reason: $r) { leadId "
                    + "releasedAt releasedBy releaseReason } }";
            JsonPath noReason = GraphQL.failing(release, Map.of("s", seq, "r", " "));
            assertThat(noReason.getString("errors[0].extensions.code")).isEqualTo("BAD_INPUT");
            JsonPath released = GraphQL.query(release, Map.of("s", seq, "r", "Customer confirmed the evening call in writing"));
            assertThat(released.getString("data.releaseHeldLead.releasedBy")).as("the admin key").startsWith("key:");
            assertThat(released.getString("data.releaseHeldLead.releaseReason")).startsWith("Customer confirmed");

            awaitDelivered(receiver, 2);
            assertThat(delivered(receiver)).containsExactly(id + "-OK1", id + "-H1");
            assertThat(ownFeed(token)).containsExactlyInAnyOrder(id + "-OK1", id + "-H1");

            JsonPath log = GraphQL.query("{ auditLog(first: 50, action: \"releaseHeldLead\") { edges { node { actor target "
                    + "detail outcome } } } }");
            assertThat(log.getString("data.auditLog.edges.find { it.node.target == '" + seq + "' }.node.outcome"))
                    .isEqualTo("OK");
            assertThat(log.getString("data.auditLog.edges.find { it.node.target == '" + seq + "' }.node.detail"))
                    .contains("Customer confirmed");
            assertThat(GraphQL.failing(release, Map.of("s", seq, "r", "again")).getString("errors[0].extensions.code"))
                    .as("a lead is released once").isEqualTo("NOT_FOUND");
            admin.setWebhook(adv, new WebhookInput(receiver.url(), false, 0, 24, null, 100, 24.0));
        }
    }

    /** Runs delivery passes until the receiver has {@code leads} leads (the scheduled worker may be the one sending). */
    private void awaitDelivered(TestReceiver receiver, int leads) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (delivered(receiver).size() < leads && System.nanoTime() < deadline) {
            worker.runUntilIdle(FeedDeliveryWorkerTest.FAST, Duration.ofSeconds(5));
            Thread.sleep(100);
        }
        Thread.sleep(300); // nothing more arrives: a held lead would have been claimed by now
    }

    private static List<String> delivered(TestReceiver receiver) {
        List<String> leads = new ArrayList<>();
        receiver.receipts.stream().filter(r -> r.answeredStatus() / 100 == 2)
                .forEach(r -> r.body().path("leads").forEach(l -> leads.add(l.path("leadId").asText())));
        return leads;
    }

    private static List<String> ownFeed(String token) {
        return asToken(token).contentType(ContentType.JSON)
                .body(Map.of("query", "{ verifiedLeads { edges { node { leadId } } } }")).when().post("/graphql").then()
                .statusCode(200).extract().jsonPath().getList("data.verifiedLeads.edges.node.leadId");
    }
}
