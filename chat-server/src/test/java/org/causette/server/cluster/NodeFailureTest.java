package org.causette.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.NodeProcess;
import org.causette.server.support.RedisServer;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.LongStream;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults with real processes: server nodes launched as their own JVMs and a real redis-server, killed and started
 * again. What was acknowledged must never be lost or doubled; an unreachable Redis must make a node unready, refuse
 * new messages without acking them, keep the sockets open, and the node must recover by itself.
 */
class NodeFailureTest {
    private static final int MESSAGES = 5;
    private RedisServer redis;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        redis.close();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.add(0, resource);
        return resource;
    }

    private static WsClient socket(NodeProcess node) throws Exception {
        return WsClient.visitor(node.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
    }

    private static JsonNode message(String clientId, int i) {
        return frame("message").put("clientId", clientId).put("text", "message " + i);
    }

    /** Every message frame a fresh socket gets on hello with {@code lastSeq} 0, by seq. */
    private static Map<Long, JsonNode> replay(WsClient socket, String visitorToken, String conversationId) throws Exception {
        JsonNode welcome = socket.hello(frame("hello").put("visitorToken", visitorToken).put("locale", "fr-FR").put("lastSeq", 0));
        assertEquals(conversationId, welcome.path("conversationId").asText(), "the same conversation goes on");
        Map<Long, JsonNode> bySeq = new HashMap<>();
        long lastSeq = welcome.path("lastSeq").asLong();
        long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
        while (bySeq.size() < lastSeq && System.nanoTime() < deadline) {
            JsonNode f = socket.next("message");
            JsonNode before = bySeq.put(f.path("seq").asLong(), f);
            assertTrue(before == null, "seq " + f.path("seq") + " replayed twice");
        }
        assertEquals(LongStream.rangeClosed(1, lastSeq).boxed().toList(), bySeq.keySet().stream().sorted().toList(),
                "seqs 1.." + lastSeq + " with no gap");
        return bySeq;
    }

    private static void await(String what, Duration timeout, IntSupplier status, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -2;
        while (System.nanoTime() < deadline) {
            last = status.getAsInt();
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": expected " + expected + ", last " + last);
    }

    @Test
    void killingANodeLosesNoAcknowledgedMessage() throws Exception {
        NodeProcess a = closeLater(NodeProcess.start(redis.uri(), "node-a"));
        NodeProcess b = closeLater(NodeProcess.start(redis.uri(), "node-b"));
        WsClient visitor = closeLater(socket(a));
        String token = visitor.helloAnonymous().path("visitorToken").asText();

        // Acknowledged ones, then more sent without waiting, and node A dies with them in flight.
        Map<String, Long> acked = new LinkedHashMap<>();
        String conversationId = null;
        for (int i = 1; i <= MESSAGES; i++) {
            JsonNode ack = visitor.say("m" + i, "message " + i);
            acked.put("m" + i, ack.path("seq").asLong());
            conversationId = ack.path("conversationId").asText();
        }
        for (int i = MESSAGES + 1; i <= 2 * MESSAGES; i++) {
            visitor.send(message("m" + i, i));
        }
        a.kill();
        for (JsonNode f : visitor.drain(Duration.ofMillis(500))) {
            if (f.path("type").asText().equals("ack")) {
                acked.put(f.path("clientId").asText(), f.path("seq").asLong());
            }
        }

        // The visitor reconnects to another node and resumes: everything acked is there, once.
        WsClient resumed = closeLater(socket(b));
        Map<Long, JsonNode> afterCrash = replay(resumed, token, conversationId);
        acked.forEach((clientId, seq) -> {
            JsonNode m = afterCrash.get(seq);
            assertTrue(m != null, clientId + " was acknowledged with seq " + seq + " and is missing");
            assertEquals("message " + clientId.substring(1), m.path("text").asText());
        });

        // The client resends what it has no ack for: stored at most once (same clientId, same ack).
        for (int i = 1; i <= 2 * MESSAGES; i++) {
            JsonNode ack = resumed.say("m" + i, "message " + i);
            Long earlier = acked.get("m" + i);
            if (earlier != null) {
                assertEquals(earlier.longValue(), ack.path("seq").asLong(), "m" + i + " keeps its seq");
            }
        }

        // Node A comes back; a visitor on it sees the whole conversation, each message exactly once.
        a.startAgain();
        WsClient back = closeLater(socket(a));
        Map<Long, JsonNode> finalReplay = replay(back, token, conversationId);
        for (int i = 1; i <= 2 * MESSAGES; i++) {
            String text = "message " + i;
            long copies = finalReplay.values().stream().filter(f -> f.path("from").path("role").asText().equals("visitor")
                    && f.path("text").asText().equals(text)).count();
            assertEquals(1, copies, text + " stored exactly once");
        }
    }

    @Test
    void aRedisOutageMakesTheNodeUnreadyAndItRecoversOnItsOwn() throws Exception {
        NodeProcess a = closeLater(NodeProcess.start(redis.uri(), "node-a"));
        CrossNodeConversationTest.awaitSubscribers(redis, 1);
        WsClient visitor = closeLater(socket(a));
        visitor.helloAnonymous();
        String conversationId = visitor.say("m1", "Bonjour").path("conversationId").asText();
        long lastSeq = visitor.drain(Duration.ofMillis(500)).stream().mapToLong(f -> f.path("seq").asLong()).max().orElse(1);

        redis.stop();
        await("/readyz while Redis is down", Duration.ofSeconds(10), a::readyz, 503);
        visitor.send(message("m2", 2));
        JsonNode refused = visitor.nextMatching(f -> f.path("type").asText().equals("error"), "an error for m2");
        assertEquals("unavailable", refused.path("code").asText());
        assertEquals("m2", refused.path("ref").asText());
        List<JsonNode> meanwhile = visitor.drain(Duration.ofMillis(500));
        assertTrue(meanwhile.stream().noneMatch(f -> f.path("type").asText().equals("ack")), "no ack: " + meanwhile);
        visitor.send(frame("ping"));
        visitor.next("pong");
        assertTrue(visitor.isOpen(), "the connection stays open");

        // Same port, same data folder: Redis comes back with what it had (AOF), and so does the node, untouched.
        redis.startAgain();
        await("/readyz after Redis is back", Duration.ofSeconds(20), a::readyz, 200);
        CrossNodeConversationTest.awaitSubscribers(redis, 1);
        JsonNode ack = visitor.say("m2", "message 2");
        assertEquals(conversationId, ack.path("conversationId").asText(), "the conversation survived the outage");
        assertEquals(lastSeq + 1, ack.path("seq").asLong(), "the next seq after what was stored before the outage");
    }
}
