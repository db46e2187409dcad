package io.callsight.common;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;

/**
 * A GraphQL-over-WebSocket client for tests (the graphql-transport-ws protocol, as browsers and
 * partner tools speak it): connects to /graphql, signs in through the connection_init payload and
 * queues every server message with the time it arrived.
 */
public final class GraphQLWs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A server message and when it arrived (System.nanoTime). */
    public record Message(JsonNode body, long arrivedNanos) {

        public String type() {
            return body.path("type").asText();
        }

        public String id() {
            return body.path("id").asText();
        }

        public JsonNode payload() {
            return body.path("payload");
        }
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;

    private GraphQLWs() {
    }

    /** Connects to this test run's server; {@code authorization} (e.g. "Bearer x", "ApiKey y") may be null. */
    public static GraphQLWs connect(String authorization) throws Exception {
        return connect(URI.create("ws://localhost:" + RestAssured.port + "/graphql"), authorization);
    }

    public static GraphQLWs connect(URI uri, String authorization) throws Exception {
        GraphQLWs ws = new GraphQLWs();
        ws.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, ws.listener()).get(10, TimeUnit.SECONDS);
        ObjectNode init = JSON.createObjectNode().put("type", "connection_init");
        if (authorization != null) {
            init.putObject("payload").put("Authorization", authorization);
        }
        ws.send(init);
        return ws;
    }

    /** Waits for connection_ack; false when the server refused (closed, or sent something else). */
    public boolean acknowledged(Duration timeout) throws InterruptedException {
        Message m = next(timeout);
        return m != null && "connection_ack".equals(m.type());
    }

    /** Starts a subscription; returns its id. */
    public String subscribe(String query, Map<String, Object> variables) {
        String id = Integer.toString(ids.incrementAndGet());
        ObjectNode msg = JSON.createObjectNode().put("type", "subscribe").put("id", id);
        ObjectNode payload = msg.putObject("payload").put("query", query);
        if (variables != null) {
            payload.set("variables", JSON.valueToTree(variables));
        }
        send(msg);
        return id;
    }

    /**
     * The next message (pings answered and skipped), or null after {@code timeout}. When the server
     * closed the socket the message is {@code {"type": "closed", "code": ..., "reason": ...}}.
     */
    public Message next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left <= 0 ? messages.poll() : messages.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return null;
            }
            if ("ping".equals(m.type())) {
                send(JSON.createObjectNode().put("type", "pong"));
                continue;
            }
            return m;
        }
    }

    /** The close code once the server closed the socket, or null. */
    public Integer closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private void send(JsonNode msg) {
        socket.sendText(msg.toString(), true).join();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        if (socket != null) {
            socket.abort();
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        messages.add(new Message(JSON.readTree(partial.toString()), System.nanoTime()));
                    } catch (Exception e) {
                        messages.add(new Message(JSON.createObjectNode().put("type", "unparsable")
                                .put("text", partial.toString()), System.nanoTime()));
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                messages.add(new Message(JSON.createObjectNode().put("type", "closed").put("code", statusCode)
                        .put("reason", reason), System.nanoTime()));
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                messages.add(new Message(JSON.createObjectNode().put("type", "closed").put("code", -1)
                        .put("reason", String.valueOf(error)), System.nanoTime()));
                closed.complete(-1);
            }
        };
    }
}
