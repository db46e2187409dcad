package io.callsight.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;

/**
 * A webhook receiver on loopback for the tests: checks the signature of every request (a bad one is
 * answered 401 and counted), and answers the n-th request (0-based) with {@code answers.apply(n)}.
 */
final class TestReceiver implements AutoCloseable {

    record Answer(int status, String body) {
        static Answer ok() {
            return new Answer(200, "{\"ok\":true}");
        }
    }

    /** One request as received, with the status it was answered. */
    record Receipt(String batchId, JsonNode body, int answeredStatus) {
        List<String> idempotencyKeys() {
            List<String> keys = new ArrayList<>();
            body.path("leads").forEach(l -> keys.add(l.path("idempotencyKey").asText()));
            return keys;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private volatile IntFunction<Answer> answers;
    private final AtomicInteger requests = new AtomicInteger();
    final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    final AtomicInteger badSignatures = new AtomicInteger();

    private TestReceiver(HttpServer server, String secret, IntFunction<Answer> answers) {
        this.server = server;
        this.secret = secret;
        this.answers = answers;
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    static TestReceiver start(String secret, IntFunction<Answer> answers) throws IOException {
        return start(0, secret, answers);
    }

    static TestReceiver start(int port, String secret, IntFunction<Answer> answers) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new TestReceiver(s, secret, answers);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    void answer(IntFunction<Answer> answers) {
        this.answers = answers;
    }

    int requests() {
        return requests.get();
    }

    /** Deliveries answered 2xx that carried this idempotency key. */
    long acceptedReceipts(String idempotencyKey) {
        return receipts.stream().filter(r -> r.answeredStatus() / 100 == 2)
                .filter(r -> r.idempotencyKeys().contains(idempotencyKey)).count();
    }

    /** Every delivery (whatever it was answered) that carried this idempotency key. */
    long allReceipts(String idempotencyKey) {
        return receipts.stream().filter(r -> r.idempotencyKeys().contains(idempotencyKey)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int n = requests.getAndIncrement();
            String ts = ex.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
            String batchId = ex.getRequestHeaders().getFirst(WebhookSigner.BATCH_ID_HEADER);
            Answer a;
            if (!WebhookSigner.verify(secret, ts, body, sig)) {
                badSignatures.incrementAndGet();
                a = new Answer(401, "bad signature");
            } else {
                a = answers.apply(n);
            }
            receipts.add(new Receipt(batchId, JSON.readTree(body), a.status()));
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
