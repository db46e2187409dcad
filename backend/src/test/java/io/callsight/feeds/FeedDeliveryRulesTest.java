package io.callsight.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pure rules of push delivery: signature, backoff, delivery hours, day start. */
class FeedDeliveryRulesTest {

    private static final byte[] BODY = "{\"leads\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsHmacSha256OfTimestampDotBody() {
        // Known answer computed independently: python3 hmac.new(b'whsec-test-1', b'1700000000.{"leads":[]}', sha256)
        assertThat(WebhookSigner.signature("whsec-test-1", "1700000000", BODY))
                .isEqualTo("v1=5c088913c66a31239baa1b1680362fd4d9b515960103a217c67dd12d331f041f");
        Map<String, String> h = WebhookSigner.headers("whsec-test-1", 1_700_000_000L, BODY, "b-1");
        assertThat(h).containsEntry("X-Callsight-Timestamp", "1700000000")
                .containsEntry("X-Callsight-Signature", "v1=5c088913c66a31239baa1b1680362fd4d9b515960103a217c67dd12d331f041f")
                .containsEntry("X-Callsight-Batch-Id", "b-1");
    }

    @Test
    void verifyAcceptsOnlyTheExactSignature() {
        String sig = WebhookSigner.signature("s3cret", "1700000000", BODY);
        assertThat(WebhookSigner.verify("s3cret", "1700000000", BODY, sig)).isTrue();
        assertThat(WebhookSigner.verify("s3cret", "1700000001", BODY, sig)).as("other timestamp").isFalse();
        assertThat(WebhookSigner.verify("other", "1700000000", BODY, sig)).as("other secret").isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", "{\"leads\":[1]}", sig)).as("altered body").isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", BODY, sig.substring(3))).as("no v1=").isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", BODY, "v1=zz")).as("not hex").isFalse();
        assertThat(WebhookSigner.verify("s3cret", "1700000000", BODY, null)).as("missing").isFalse();
    }

    @Test
    void backoffDoublesUpToTheCapWithFullJitter() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10));
        assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.ceiling(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.ceiling(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(b.ceiling(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(b.ceiling(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.ceiling(1000)).isEqualTo(Duration.ofMinutes(10));
        assertThat(b.delay(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(b.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(b.delay(3, () -> 0.999999)).isLessThan(Duration.ofSeconds(8));
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("retry max (PT1S) must be at least the base (PT5S)");
    }

    @Test
    void deliveryHoursAreHalfOpenAndMayRunOverMidnight() {
        assertThat(WebhookTarget.inHours(0, 0, 24)).isTrue();
        assertThat(WebhookTarget.inHours(23, 0, 24)).isTrue();
        assertThat(WebhookTarget.inHours(8, 8, 20)).isTrue();
        assertThat(WebhookTarget.inHours(20, 8, 20)).as("end hour excluded").isFalse();
        assertThat(WebhookTarget.inHours(7, 8, 20)).isFalse();
        assertThat(WebhookTarget.inHours(23, 22, 6)).isTrue();
        assertThat(WebhookTarget.inHours(5, 22, 6)).isTrue();
        assertThat(WebhookTarget.inHours(6, 22, 6)).isFalse();
        assertThat(WebhookTarget.inHours(12, 22, 6)).isFalse();
        assertThat(WebhookTarget.inHours(5, 5, 5)).as("empty window").isFalse();
    }

    @Test
    void hoursAndDayAreReadInTheAdvertisersZone() {
        WebhookTarget ny = new WebhookTarget(1, "A", "http://x", "s", true, 9, 17, null, 100, 24,
                ZoneId.of("America/New_York"));
        Instant t = Instant.parse("2026-07-01T14:30:00Z"); // 10:30 in New York (EDT)
        assertThat(ny.inDeliveryHours(t)).isTrue();
        assertThat(ny.inDeliveryHours(Instant.parse("2026-07-01T12:30:00Z"))).as("08:30 EDT").isFalse();
        assertThat(ny.localMidnight(Instant.parse("2026-07-01T02:00:00Z"))).as("22:00 EDT the day before")
                .isEqualTo(Instant.parse("2026-06-30T04:00:00Z"));
    }
}
