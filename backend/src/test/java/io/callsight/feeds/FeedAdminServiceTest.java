package io.callsight.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.BadInputException;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.common.NotFoundException;
import io.callsight.feeds.FeedAdminService.AdvertiserRef;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.callsight.common.Auth;
import io.restassured.http.ContentType;

/** Feed settings, webhook set-up and secrets, the delivery log and test events, through the service. */
@QuarkusTest
class FeedAdminServiceTest extends DatabaseTest {

    @Inject
    FeedAdminService admin;

    @Inject
    AgroalDataSource dataSource;

    AdvertiserRef advertiser;

    @BeforeEach
    void newAdvertiser() throws Exception {
        advertiser = FeedDeliveryWorkerTest.newAdvertiser(dataSource, admin);
    }

    @Test
    void theSecretIsShownOnceAndOnlyItsHintAfterwards() {
        assertThat(admin.settings(advertiser).webhook()).isNull();
        WebhookUpdate created = admin.setWebhook(advertiser, new WebhookInput("https://crm.example.com/leads", null, null,
                null, null, null, null));
        String secret = created.newSecret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        Webhook w = created.webhook();
        assertThat(w).isEqualTo(new Webhook("https://crm.example.com/leads", false, 0, 24, null, 100, 24.0,
                secret.substring(0, 4) + "\u2026"));

        WebhookUpdate updated = admin.setWebhook(advertiser, new WebhookInput("http://crm.example.com:8080/v2", true, 8,
                20, 500, 250, 48.0));
        assertThat(updated.newSecret()).isNull();
        assertThat(updated.webhook()).isEqualTo(new Webhook("http://crm.example.com:8080/v2", true, 8, 20, 500, 250, 48.0,
                secret.substring(0, 4) + "\u2026"));
        assertThat(admin.settings(advertiser)).isEqualTo(new AdvertiserSettings(advertiser.advertiserId(), "UTC", 7,
                updated.webhook()));

        String rotated = admin.rotateSecret(advertiser);
        assertThat(rotated).isNotEqualTo(secret).hasSize(43);
        assertThat(admin.settings(advertiser).webhook().secretHint()).isEqualTo(rotated.substring(0, 4) + "\u2026");
        assertThat(admin.settings(advertiser).toString()).doesNotContain(rotated).doesNotContain(secret);
    }

    @Test
    void rotatingWithoutAWebhookIsNotFound() {
        assertThatThrownBy(() -> admin.rotateSecret(advertiser)).isInstanceOf(NotFoundException.class)
                .hasMessage("Advertiser '" + advertiser.advertiserId() + "' has no webhook (create it with setWebhook)");
        assertThatThrownBy(() -> admin.advertiser("NO-SUCH-ADVERTISER")).isInstanceOf(NotFoundException.class)
                .hasMessage("Advertiser 'NO-SUCH-ADVERTISER' does not exist");
    }

    @Test
    void invalidWebhooksAreRefusedNamingTheField() {
        expectBadInput(new WebhookInput("ftp://crm.example.com/x", true, 0, 24, null, 100, 24.0),
                "url must start with http:// or https:// (was 'ftp://crm.example.com/x')");
        expectBadInput(new WebhookInput("https://user:pw@crm.example.com/x", true, 0, 24, null, 100, 24.0),
                "url must not contain user:password (it would be logged); the receiver authenticates deliveries by their signature");
        expectBadInput(new WebhookInput("https:///nohost", true, 0, 24, null, 100, 24.0), "url 'https:///nohost' has no host");
        expectBadInput(new WebhookInput("  ", true, 0, 24, null, 100, 24.0), "url is required");
        expectBadInput(new WebhookInput("https://a.example", true, 24, 24, null, 100, 24.0),
                "deliveryStartHour must be between 0 and 23 (was 24)");
        expectBadInput(new WebhookInput("https://a.example", true, 0, 0, null, 100, 24.0),
                "deliveryEndHour must be between 1 and 24 (was 0)");
        expectBadInput(new WebhookInput("https://a.example", true, 9, 9, null, 100, 24.0),
                "deliveryStartHour and deliveryEndHour are both 9: the delivery window would be empty (use 0 and 24 for all day)");
        expectBadInput(new WebhookInput("https://a.example", true, 0, 24, 0, 100, 24.0),
                "dailyCap must be 1 or more, or null for no cap (was 0)");
        expectBadInput(new WebhookInput("https://a.example", true, 0, 24, null, 1001, 24.0),
                "batchSize must be between 1 and 1000 (was 1001)");
        expectBadInput(new WebhookInput("https://a.example", true, 0, 24, null, 100, 0.0),
                "maxAgeHours must be more than 0 (was 0.0)");
        assertThat(admin.settings(advertiser).webhook()).as("nothing stored").isNull();
    }

    @Test
    void settingsValidateTheZoneAndTheReturnWindow() {
        assertThatThrownBy(() -> admin.setSettings(advertiser, "Mars/Olympus", null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("timeZone 'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> admin.setSettings(advertiser, null, -1)).isInstanceOf(BadInputException.class)
                .hasMessage("returnWindowDays must be 0 or more (was -1)");
        AdvertiserSettings s = admin.setSettings(advertiser, "Europe/Paris", 14);
        assertThat(s).isEqualTo(new AdvertiserSettings(advertiser.advertiserId(), "Europe/Paris", 14, null));
        assertThat(admin.setSettings(admin.advertiser(advertiser.advertiserId()), null, 0).timeZone())
                .as("a null argument keeps the value").isEqualTo("Europe/Paris");
    }

    @Test
    void aTestEventIsSignedSentAndLoggedAndTheLogPagesNewestFirst() throws Exception {
        String secret = admin.setWebhook(advertiser, new WebhookInput("http://127.0.0.1:9/x", false, 0, 24, null, 100, 24.0))
                .newSecret();
        int closedPort;
        try (TestReceiver receiver = TestReceiver.start(secret, n -> new TestReceiver.Answer(204, ""))) {
            closedPort = receiver.port();
            admin.setWebhook(advertiser, new WebhookInput(receiver.url(), false, 0, 24, null, 100, 24.0));
            WebhookAttempt ok = admin.sendTestEvent(advertiser);
            assertThat(ok.outcome()).isEqualTo("TEST");
            assertThat(ok.httpStatus()).isEqualTo(204);
            assertThat(ok.error()).isNull();
            assertThat(ok.leadCount()).isZero();
            assertThat(receiver.badSignatures).hasValue(0);
            assertThat(receiver.receipts).hasSize(1);
            assertThat(receiver.receipts.get(0).body().path("type").asText()).isEqualTo("test");
            assertThat(receiver.receipts.get(0).body().path("advertiserId").asText()).isEqualTo(advertiser.advertiserId());
            assertThat(receiver.receipts.get(0).batchId()).isEqualTo(ok.batchId());
        }
        admin.setWebhook(advertiser, new WebhookInput("http://127.0.0.1:" + closedPort + "/hook", false, 0, 24, null, 100, 24.0));
        WebhookAttempt down = admin.sendTestEvent(advertiser);
        assertThat(down.httpStatus()).isNull();
        assertThat(down.error()).startsWith("Could not connect to http://127.0.0.1:" + closedPort);
        admin.sendTestEvent(advertiser);

        WebhookAttemptConnection page1 = admin.deliveries(advertiser, 2, null);
        assertThat(page1.edges()).extracting(e -> e.node().id()).hasSize(2);
        assertThat(page1.edges().get(1).node().id()).isEqualTo(down.id());
        assertThat(page1.pageInfo().hasNextPage()).isTrue();
        WebhookAttemptConnection page2 = admin.deliveries(advertiser, 2, page1.pageInfo().endCursor());
        assertThat(page2.edges()).extracting(e -> e.node().httpStatus()).containsExactly(204);
        assertThat(page2.pageInfo().hasNextPage()).isFalse();
        assertThat(page2.edges().get(0).node().seqs()).isEqualTo(List.of());
        assertThatThrownBy(() -> admin.deliveries(advertiser, 0, null)).isInstanceOf(BadInputException.class)
                .hasMessage("first must be between 1 and 1000 (was 0)");
    }

    @Test
    void theGraphQLOperationsRequireALogin() {
        JsonPath r = anonymous("query($a: String!) { feedStatus(advertiserId: $a) { pending } }",
                Map.of("a", advertiser.advertiserId()));
        assertThat(r.getList("errors")).isNotEmpty();
        assertThat(r.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(r.getString("data.feedStatus")).isNull();
        JsonPath m = anonymous("mutation($a: String!) { rotateWebhookSecret(advertiserId: $a) }",
                Map.of("a", advertiser.advertiserId()));
        assertThat(m.getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    }

    private static JsonPath anonymous(String query, Map<String, Object> variables) {
        return Auth.anonymous().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).when().post("/graphql").then().statusCode(200)
                .extract().jsonPath();
    }

    private void expectBadInput(WebhookInput in, String message) {
        assertThatThrownBy(() -> admin.setWebhook(advertiser, in)).isInstanceOf(BadInputException.class).hasMessage(message);
    }
}
