package org.causette.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.causette.server.wire.Json;
import org.glassfish.tyrus.client.ClientManager;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A real WebSocket client (Tyrus) that records every frame it receives, for protocol tests. */
public final class WsClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WsClient(URI uri, String origin) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (origin != null) {
                            headers.put("Origin", List.of(origin));
                        }
                    }
                }).build();
        ClientManager client = ClientManager.createClient();
        client.getProperties().put("org.glassfish.tyrus.incomingBufferSize", 8 * 1024 * 1024);
        this.session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig endpointConfig) {
                s.setMaxTextMessageBufferSize(8 * 1024 * 1024);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    try {
                        frames.add(Json.MAPPER.readTree(text));
                    } catch (Exception e) {
                        frames.add(Json.MAPPER.createObjectNode().put("type", "__unparsable__").put("raw", text));
                    }
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
            }

            @Override
            public void onError(Session s, Throwable error) {
                // A dropped connection ends in onClose too.
            }
        }, config, uri);
    }

    public static WsClient visitor(int port, String site, String origin) throws Exception {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws/visitor?site=" + site), origin);
    }

    public static WsClient connect(URI uri, String origin) throws Exception {
        return new WsClient(uri, origin);
    }

    public void send(String raw) throws Exception {
        session.getBasicRemote().sendText(raw);
    }

    public void send(Object frame) throws Exception {
        send(Json.MAPPER.writeValueAsString(frame));
    }

    public static ObjectNode frame(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    /** Sends a hello and returns the welcome. */
    public JsonNode hello(ObjectNode hello) throws Exception {
        send(hello);
        return next("welcome");
    }

    public JsonNode helloAnonymous() throws Exception {
        return hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0));
    }

    /** Sends a visitor message and returns its ack. */
    public JsonNode say(String clientId, String text) throws Exception {
        send(frame("message").put("clientId", clientId).put("text", text));
        return nextMatching(f -> f.path("type").asText().equals("ack") && f.path("clientId").asText().equals(clientId),
                "ack of " + clientId);
    }

    /** The next frame, whatever it is. */
    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            fail("no frame within " + TIMEOUT);
        }
        return frame;
    }

    /** Skips frames until one of that type arrives. */
    public JsonNode next(String type) throws InterruptedException {
        return nextMatching(f -> f.path("type").asText().equals(type), "a " + type + " frame");
    }

    public JsonNode nextMatching(Predicate<JsonNode> wanted, String what) throws InterruptedException {
        return nextMatching(wanted, what, TIMEOUT);
    }

    public JsonNode nextMatching(Predicate<JsonNode> wanted, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                break;
            }
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
        fail("expected " + what + " within " + timeout + "; got " + skipped);
        return null;
    }

    /** Collects every frame that arrives within {@code quiet} of the previous one. */
    public List<JsonNode> drain(Duration quiet) throws InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        JsonNode frame;
        while ((frame = frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(frame);
        }
        return all;
    }

    public CloseReason awaitClose() throws Exception {
        return closed.get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
    }
}
