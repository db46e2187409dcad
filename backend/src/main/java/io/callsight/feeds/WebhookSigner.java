package io.callsight.feeds;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries so a receiver can check they come from Callsight and were not altered:
 * {@code X-Callsight-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the unix
 * seconds of {@code X-Callsight-Timestamp} (a receiver should also refuse old timestamps, against
 * replays). Pure logic, no CDI.
 */
public final class WebhookSigner {

    public static final String TIMESTAMP_HEADER = "X-Callsight-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Callsight-Signature";
    public static final String BATCH_ID_HEADER = "X-Callsight-Batch-Id";
    public static final String VERSION_PREFIX = "v1=";

    private WebhookSigner() {
    }

    /** The three headers of a delivery of {@code body} signed with {@code secret} at {@code epochSeconds}. */
    public static Map<String, String> headers(String secret, long epochSeconds, byte[] body, String batchId) {
        String timestamp = Long.toString(epochSeconds);
        Map<String, String> h = new LinkedHashMap<>();
        h.put(TIMESTAMP_HEADER, timestamp);
        h.put(SIGNATURE_HEADER, signature(secret, timestamp, body));
        h.put(BATCH_ID_HEADER, batchId);
        return h;
    }

    /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String signature(String secret, String timestamp, byte[] body) {
        return VERSION_PREFIX + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /**
     * Whether {@code signature} (the header value) is the v1 signature of {@code timestamp} and
     * {@code body} under {@code secret}; compared in constant time. False for a missing or malformed value.
     */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        if (secret == null || timestamp == null || body == null || signature == null
                || !signature.startsWith(VERSION_PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(VERSION_PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, timestamp, body), given);
    }

    /** {@link #verify(String, String, byte[], String)} of a UTF-8 body. */
    public static boolean verify(String secret, String timestamp, String body, String signature) {
        return body != null && verify(secret, timestamp, body.getBytes(StandardCharsets.UTF_8), signature);
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A webhook secret is needed to sign");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }
}
