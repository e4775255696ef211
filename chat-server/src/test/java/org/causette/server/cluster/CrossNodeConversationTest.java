package org.causette.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.Conversation;
import org.causette.server.support.ClusterNode;
import org.causette.server.support.RedisServer;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes in this JVM on one real Redis: a visitor on node A and an agent on node B are in one conversation. */
public class CrossNodeConversationTest {
    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    /** Waits until {@code count} nodes listen on the test site's channel: events published before would be lost. */
    public static void awaitSubscribers(RedisServer redis, long count) throws InterruptedException {
        String channel = new String(RedisBroker.channel(TestHub.SITE), StandardCharsets.UTF_8);
        try (Jedis client = new Jedis("127.0.0.1", redis.port())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (client.pubsubNumSub(channel).getOrDefault(channel, 0L) >= count) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError(count + " subscribers expected on " + channel);
    }

    static JsonNode nextOfType(WsClient client, String type, String conversationId) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals(type)
                && (conversationId == null || f.path("conversationId").asText().equals(conversationId)), type);
    }

    static JsonNode nextMessageFrom(WsClient client, String role) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals(role), "a message from " + role);
    }

    @Test
    void aVisitorOnOneNodeTalksWithAnAgentOnAnother() throws Exception {
        try (ClusterNode a = ClusterNode.start(redis.uri(), "node-a"); ClusterNode b = ClusterNode.start(redis.uri(), "node-b")) {
            awaitSubscribers(redis, 2);
            // Logged in through node A, connected to node B: sessions live in the shared store.
            String token = a.login("anna");
            try (TestHub.Staff anna = b.staff(token); WsClient visitor = a.visitor()) {
                visitor.send(frame("message").put("clientId", "c1").put("text", "Parler à un conseiller")
                        .put("payload", "INTENT:human_request"));
                String conversationId = visitor.next("ack").path("conversationId").asText();

                // Node A routes (it sees Anna online through the store) and tells node B's socket.
                JsonNode assigned = anna.socket().next("assigned");
                assertEquals(conversationId, assigned.path("conversation").path("conversationId").asText());
                JsonNode state = visitor.nextMatching(f -> f.path("type").asText().equals("state")
                        && f.path("state").asText().equals("assigned"), "state assigned");
                assertEquals("Anna", state.path("assignee").path("name").asText());

                // Agent on B → visitor on A.
                anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a1")
                        .put("text", "Bonjour, je suis Anna."));
                JsonNode ack = anna.socket().next("ack");
                JsonNode atVisitor = nextMessageFrom(visitor, "agent");
                assertEquals(ack.path("seq").asLong(), atVisitor.path("seq").asLong());
                assertEquals("Bonjour, je suis Anna.", atVisitor.path("text").asText());

                // Visitor on A → agent on B.
                JsonNode visitorAck = visitor.say("c2", "Je cherche une lampe verte");
                JsonNode atAnna = nextMessageFrom(anna.socket(), "visitor");
                assertEquals("Je cherche une lampe verte", atAnna.path("text").asText());
                assertEquals(visitorAck.path("seq").asLong(), atAnna.path("seq").asLong());

                // Typing and read marks cross too.
                visitor.send(frame("typing").put("on", true));
                assertTrue(nextOfType(anna.socket(), "typing", conversationId).path("on").asBoolean());
                anna.socket().send(frame("typing").put("conversationId", conversationId).put("on", true));
                assertEquals("agent", visitor.next("typing").path("from").path("role").asText());
                anna.socket().send(frame("read").put("conversationId", conversationId).put("seq", atAnna.path("seq").asLong()));
                assertEquals(atAnna.path("seq").asLong(), visitor.next("read").path("seq").asLong());
                visitor.send(frame("read").put("seq", atVisitor.path("seq").asLong()));
                assertEquals("visitor", nextOfType(anna.socket(), "read", conversationId).path("role").asText());

                // Both nodes sweep and route every second: the conversation is still given only once.
                List<JsonNode> later = anna.socket().drain(Duration.ofMillis(2500));
                assertTrue(later.stream().noneMatch(f -> f.path("type").asText().equals("assigned")),
                        "assigned once only: " + later);
                List<Conversation> held = b.server().store().assigned(TestHub.SITE);
                assertEquals(1, held.size());
                assertEquals("anna", held.get(0).assignee().staffId());

                // Closing on B reaches the visitor on A.
                anna.socket().send(frame("close").put("conversationId", conversationId));
                visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"),
                        "state closed");
            }
        }
    }

    @Test
    void aVisitorsOtherTabOnAnotherNodeGetsItsMessagesAndTheBotsReplies() throws Exception {
        try (ClusterNode a = ClusterNode.start(redis.uri(), "node-a"); ClusterNode b = ClusterNode.start(redis.uri(), "node-b")) {
            awaitSubscribers(redis, 2);
            try (WsClient tabA = a.visitorSocket(); WsClient tabB = b.visitorSocket()) {
                String token = tabA.helloAnonymous().path("visitorToken").asText();
                tabB.hello(frame("hello").put("visitorToken", token).put("locale", "fr-FR").put("lastSeq", 0));
                JsonNode ack = tabA.say("c1", "Bonjour");
                JsonNode mirrored = tabB.nextMatching(f -> f.path("type").asText().equals("message")
                        && f.path("from").path("role").asText().equals("visitor"), "the visitor's own message");
                assertEquals(ack.path("seq").asLong(), mirrored.path("seq").asLong());
                JsonNode botAtB = nextMessageFrom(tabB, "bot");
                JsonNode botAtA = nextMessageFrom(tabA, "bot");
                assertEquals(botAtA.path("seq").asLong(), botAtB.path("seq").asLong());
            }
        }
    }
}
