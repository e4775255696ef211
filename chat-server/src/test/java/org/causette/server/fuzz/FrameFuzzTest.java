package org.causette.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 21: the visitor and staff frame parsers under random and mutated frames, with a fixed seed (a failure names
 * its case, and the same seed replays it). Every frame gets either its normal answer or an {@code error} with one of
 * the contract's codes and a message, the socket stays open, and the hub serves a fresh visitor afterwards (a
 * frame over 64 KiB, which closes with 1009, is the WebSocket layer's and tested there: the client cannot send one). Each case is followed by a ping, whose pong marks the end of its answers.
 */
class FrameFuzzTest {
    private static final long SEED = 20_261_207L;
    private static final int VISITOR_CASES = 1_500;
    private static final int STAFF_CASES = 1_000;
    /** Two frames a case (the case and its ping), under the flood guards' bursts (30 visitor, 60 staff). */
    private static final int VISITOR_CASES_PER_SOCKET = 12;
    private static final int STAFF_CASES_PER_SOCKET = 25;
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)
            .collect(Collectors.toUnmodifiableSet());
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static List<ObjectNode> visitorTemplates(String conversationId) {
        ObjectNode event = frame("event").put("name", "cart_update");
        event.putObject("data").put("value", 69.0).put("currency", "EUR").putArray("items").addObject().put("sku", "OSLO");
        return List.of(
                frame("message").put("clientId", "f1").put("text", "Bonjour").put("payload", "INTENT:greeting"),
                frame("typing").put("on", true),
                frame("read").put("seq", 1),
                frame("rate").put("score", 4).put("comment", "bien"),
                frame("rate_skipped"),
                frame("nps").put("score", 9).put("comment", "top"),
                event,
                frame("event").put("name", "purchase").set("data", frame("x").removeAll().put("orderId", "R-1")
                        .put("value", 10).put("currency", "EUR")),
                frame("consent").put("granted", true),
                frame("lead").put("email", "a@b.fr").put("consent", true),
                frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("conversationId", conversationId),
                frame("ping"),
                frame("proactive_dismissed").put("scenarioId", "welcome"),
                frame("greeting_shown").put("variant", "a"));
    }

    private static List<ObjectNode> staffTemplates(String conversationId) {
        return List.of(
                frame("presence").put("status", "online"),
                frame("accept").put("conversationId", conversationId),
                frame("message").put("conversationId", conversationId).put("clientId", "s1").put("text", "Bonjour").put("internal", true),
                frame("transfer").put("conversationId", conversationId).put("toSkill", "sales"),
                frame("transfer").put("conversationId", conversationId).put("toStaffId", "anna"),
                frame("typing").put("conversationId", conversationId).put("on", true),
                frame("read").put("conversationId", conversationId).put("seq", 1),
                frame("history").put("conversationId", conversationId).put("beforeSeq", 5).put("limit", 10),
                frame("handback").put("conversationId", conversationId),
                frame("close").put("conversationId", conversationId),
                frame("hello").put("token", "x"),
                frame("ping"));
    }

    /** A case: mostly mutations of valid frames, some wholly random JSON, a few deeply nested or oversized. */
    private static String nextCase(Mutations m, List<ObjectNode> templates) {
        int kind = m.nextInt(100);
        if (kind < 70) {
            return m.mutate(m.pick(templates));
        }
        if (kind < 90) {
            ObjectNode random = frame(m.pick(templates).get("type").asText());
            for (int i = m.nextInt(5); i > 0; i--) {
                random.set(m.string(), m.value(3));
            }
            return random.toString();
        }
        if (kind < 96) {
            return m.value(4).toString(); // not even an object, often
        }
        // Deep nesting, up to what fits in a frame (a frame over 64 KiB is the WebSocket layer's, WebSocketLayerTest).
        return "{\"type\":\"message\",\"clientId\":\"n\",\"text\":" + Mutations.nested(200 + m.nextInt(2_000), m.nextInt(2) == 0) + "}";
    }

    /** Sends the case and a ping; checks every answer up to the pong. @return true (the socket is open) */
    private static boolean run(WsClient socket, String text, String where) throws Exception {
        socket.send(text);
        socket.send("{\"type\":\"ping\"}");
        while (true) {
            JsonNode answer = socket.nextMatching(f -> true, "an answer", ANSWER);
            assertNotNull(answer, where + ": no pong within " + ANSWER + " (socket open: " + socket.isOpen() + ")");
            assertTrue(answer.isObject() && answer.path("type").isTextual(), where + ": " + answer);
            String type = answer.get("type").asText();
            if (type.equals("error")) {
                assertTrue(CODES.contains(answer.path("code").asText()), where + ": unknown code in " + answer);
                assertTrue(!answer.path("message").asText().isBlank(), where + ": an error says what is wrong: " + answer);
            }
            if (type.equals("pong")) {
                return true;
            }
        }
    }

    private static void fuzz(String kind, int cases, int perSocket, List<ObjectNode> templates,
                             Supplier<WsClient> newSocket) throws Exception {
        Mutations m = new Mutations(new Random(SEED + kind.hashCode()));
        WsClient socket = null;
        int onSocket = 0;
        String previous = "none";
        try {
            for (int i = 0; i < cases; i++) {
                if (socket == null || onSocket == perSocket) {
                    if (socket != null) {
                        socket.close();
                    }
                    socket = newSocket.get();
                    onSocket = 0;
                }
                String text = nextCase(m, templates);
                String where = kind + " case " + i + " (seed " + SEED + "): " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
                boolean open;
                try {
                    open = run(socket, text, where);
                } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
                    fail(where + ": the socket was closed (" + socket.awaitClose() + ") after the case before: " + previous, e);
                    return;
                }
                if (!open) {
                    socket = null;
                } else {
                    assertTrue(socket.isOpen(), where + ": the socket stays open");
                }
                previous = where;
                onSocket++;
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    @Test
    void visitorAndStaffFramesGetAPreciseAnswerAndTheHubServesOn() throws Exception {
        String token;
        String conversationId;
        try (WsClient first = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            token = first.helloAnonymous().path("visitorToken").asText();
            conversationId = first.say("c0", "Bonjour").path("conversationId").asText();
        }
        long started = System.nanoTime();
        fuzz("visitor", VISITOR_CASES, VISITOR_CASES_PER_SOCKET, visitorTemplates(conversationId), () -> {
            try {
                WsClient socket = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
                socket.hello(frame("hello").put("locale", "fr-FR").put("visitorToken", token));
                return socket;
            } catch (Exception e) {
                throw new IllegalStateException("a visitor socket could not say hello after the cases before", e);
            }
        });
        String staffToken = hub.login("anna");
        fuzz("staff", STAFF_CASES, STAFF_CASES_PER_SOCKET, staffTemplates(conversationId), () -> {
            try {
                WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null);
                socket.hello(frame("hello").put("token", staffToken));
                return socket;
            } catch (Exception e) {
                throw new IllegalStateException("a staff socket could not say hello after the cases before", e);
            }
        });
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        // Still serving: health, and a fresh visitor's message is acknowledged.
        assertEquals(200, hub.get("/healthz", null).statusCode());
        try (WsClient after = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            after.helloAnonymous();
            assertEquals("ack", after.say("z1", "Toujours là ?").path("type").asText());
        }
        assertTrue(tookMs < 120_000, "the fuzz stays quick: " + (VISITOR_CASES + STAFF_CASES) + " cases in " + tookMs + " ms");
    }
}
