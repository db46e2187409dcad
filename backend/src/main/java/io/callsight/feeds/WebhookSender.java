package io.callsight.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * POSTs signed JSON to advertiser webhooks (java.net.http, HTTP/1.1, no redirects) and classifies
 * the answer. Never throws for a receiver's failure: the outcome says what happened.
 */
@ApplicationScoped
public class WebhookSender {

    /** How much of a receiver's answer is kept as the reason of a rejection or failure. */
    static final int REASON_CHARS = 500;

    public enum Outcome {
        /** 2xx. */
        DELIVERED,
        /** 4xx (except 408 and 429): the receiver refuses these leads; retrying will not help. */
        REJECTED,
        /** Anything else: 5xx, 408, 429, 1xx/3xx, timeout, connection refused... retried later. */
        FAILED
    }

    public record Result(Outcome outcome, Integer httpStatus, String error, int durationMs) {
    }

    @Inject
    FeedConfig config;

    private volatile HttpClient client;

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
                }
                c = client;
            }
        }
        return c;
    }

    /** Sends {@code body} to {@code url}, signed with {@code secret}, waiting at most {@code timeout} for the answer. */
    public Result send(String url, String secret, String batchId, byte[] body, Duration timeout) {
        long start = System.nanoTime();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json").header("User-Agent", "Callsight-Feed/1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.FAILED, null, "Webhook URL '" + url + "' is not usable: " + e.getMessage(), 0);
        }
        for (Map.Entry<String, String> h : WebhookSigner.headers(secret, Instant.now().getEpochSecond(), body, batchId)
                .entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        try {
            HttpResponse<InputStream> response = client().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String answer = readStart(response.body());
            int status = response.statusCode();
            int ms = millisSince(start);
            if (status >= 200 && status < 300) {
                return new Result(Outcome.DELIVERED, status, null, ms);
            }
            String reason = "HTTP " + status + (answer.isBlank() ? "" : ": " + answer);
            boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
            return new Result(refused ? Outcome.REJECTED : Outcome.FAILED, status, reason, ms);
        } catch (HttpTimeoutException e) {
            return new Result(Outcome.FAILED, null, "Timed out: " + e.getMessage(), millisSince(start));
        } catch (ConnectException e) {
            return new Result(Outcome.FAILED, null, "Could not connect to " + url + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), millisSince(start));
        } catch (IOException e) {
            return new Result(Outcome.FAILED, null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, null, "Interrupted while sending (shutdown?)", millisSince(start));
        }
    }

    /** The first {@link #REASON_CHARS} characters of an answer; the rest is not read. */
    private static String readStart(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(REASON_CHARS * 4);
            String s = new String(bytes, StandardCharsets.UTF_8).strip();
            return s.length() > REASON_CHARS ? s.substring(0, REASON_CHARS) : s;
        }
    }

    private static int millisSince(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
