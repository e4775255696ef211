package org.causette.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.cluster.CrossNodeConversationTest;
import org.causette.server.support.ClusterNode;
import org.causette.server.support.RedisServer;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shopper who left while a person was answering comes back after the conversation closed (docs/protocol.md, the
 * hello's {@code conversationId}): the answers, the closed state and so the rating come back before a fresh start. On
 * the memory store, and across two nodes on one real Redis.
 */
class ResumeAcrossCloseTest {
    private static final String ORIGIN = TestSites.ALLOWED_ORIGIN;

    /** Where the shopper was when they left: their token, the conversation and the last seq they saw. */
    record Left(String token, String conversationId, long lastSeq) {
    }

    /** The shopper asks for a person, Anna takes it, the shopper's tab goes; then Anna answers twice and closes. */
    static Left leaveWhileAnnaAnswers(WsClient visitor, TestHub.Staff anna) throws Exception {
        String token = visitor.helloAnonymous().path("visitorToken").asText();
        visitor.send(frame("message").put("clientId", "c1").put("text", "Parler à un conseiller")
                .put("payload", "INTENT:human_request"));
        String conversationId = null;
        long lastSeq = 0;
        JsonNode f;
        do { // everything the shopper saw, up to the moment Anna took over
            f = visitor.next();
            if (f.has("seq")) {
                lastSeq = Math.max(lastSeq, f.path("seq").asLong());
                conversationId = f.path("conversationId").asText();
            }
        } while (!(f.path("type").asText().equals("state") && f.path("state").asText().equals("assigned")));
        assertEquals(conversationId, f.path("conversationId").asText());
        anna.socket().next("assigned");
        for (JsonNode late : visitor.drain(Duration.ofMillis(300))) {
            lastSeq = Math.max(lastSeq, late.path("seq").asLong());
        }
        visitor.close();
        for (String text : List.of("Bonjour, je suis Anna.", "Le fauteuil Oslo revient en stock lundi.")) {
            anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a" + text.length())
                    .put("text", text));
            anna.socket().next("ack");
        }
        anna.socket().send(frame("close").put("conversationId", conversationId));
        anna.socket().nextMatching(x -> x.path("type").asText().equals("state") && x.path("state").asText().equals("closed"), "closed");
        return new Left(token, conversationId, lastSeq);
    }

    /** Says hello as the returning shopper and checks the rest of the closed conversation, then a fresh start. */
    static void resumeAndCheck(WsClient back, Left left) throws Exception {
        JsonNode welcome = back.hello(frame("hello").put("visitorToken", left.token()).put("locale", "fr-FR")
                .put("lastSeq", left.lastSeq()).put("conversationId", left.conversationId()));
        assertTrue(welcome.path("conversationId").isNull(), "nothing is open: " + welcome);
        List<JsonNode> missed = new ArrayList<>();
        JsonNode f;
        while (!(f = back.next()).path("type").asText().equals("state")) {
            assertEquals("message", f.path("type").asText(), f.toString());
            missed.add(f);
        }
        assertEquals(left.conversationId(), f.path("conversationId").asText());
        assertEquals("closed", f.path("state").asText(), "the closed state, so the widget asks for a rating");
        List<String> texts = missed.stream().map(m -> m.path("text").asText()).toList();
        assertEquals("Bonjour, je suis Anna.", texts.get(0), texts.toString());
        assertEquals("Le fauteuil Oslo revient en stock lundi.", texts.get(1), texts.toString());
        assertEquals("system", missed.get(missed.size() - 1).path("from").path("role").asText(), "the closing words");
        for (int i = 0; i < missed.size(); i++) {
            assertEquals(left.conversationId(), missed.get(i).path("conversationId").asText());
            assertEquals(left.lastSeq() + 1 + i, missed.get(i).path("seq").asLong(), "in order, no gap: " + texts);
        }
        // The rating prompt works: the conversation is the visitor's last closed one.
        back.send(frame("rate").put("score", 5));
        assertTrue(back.drain(Duration.ofMillis(300)).stream().noneMatch(x -> x.path("type").asText().equals("error")),
                "the rating of the resumed conversation is accepted");
        // Then a fresh start: a new conversation from seq 1.
        JsonNode ack = back.say("c9", "Merci, autre question");
        assertNotEquals(left.conversationId(), ack.path("conversationId").asText());
        assertEquals(1, ack.path("seq").asLong());
    }

    @Test
    void theRestOfAConversationClosedWhileAwayComesBackFirst() throws Exception {
        try (TestHub hub = TestHub.start(); TestHub.Staff anna = hub.staff("anna")) {
            Left left = leaveWhileAnnaAnswers(WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN), anna);
            try (WsClient back = WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN)) {
                resumeAndCheck(back, left);
            }
        }
    }

    @Test
    void aHelloWithoutTheConversationBehavesAsBefore() throws Exception {
        try (TestHub hub = TestHub.start(); TestHub.Staff anna = hub.staff("anna")) {
            Left left = leaveWhileAnnaAnswers(WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN), anna);
            try (WsClient back = WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN)) {
                back.hello(frame("hello").put("visitorToken", left.token()).put("lastSeq", left.lastSeq()));
                List<JsonNode> after = back.drain(Duration.ofMillis(500));
                assertTrue(after.stream().noneMatch(x -> x.has("seq") || x.path("type").asText().equals("state")),
                        "CONTRACT §4.1: only the open conversation is replayed: " + after);
            }
        }
    }

    @Test
    void anotherVisitorsConversationIsNeverResumed() throws Exception {
        try (TestHub hub = TestHub.start(); TestHub.Staff anna = hub.staff("anna")) {
            Left left = leaveWhileAnnaAnswers(WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN), anna);
            try (WsClient stranger = WsClient.visitor(hub.port(), TestHub.SITE, ORIGIN)) {
                stranger.hello(frame("hello").put("lastSeq", 0).put("conversationId", left.conversationId()));
                List<JsonNode> after = stranger.drain(Duration.ofMillis(500));
                assertTrue(after.stream().noneMatch(x -> x.has("seq") || x.path("type").asText().equals("state")),
                        "a conversation id alone opens nothing: " + after);
            }
        }
    }

    @Test
    void resumesOnAnotherNodeOfTheCluster() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ClusterNode a = ClusterNode.start(redis.uri(), "node-a"); ClusterNode b = ClusterNode.start(redis.uri(), "node-b")) {
            CrossNodeConversationTest.awaitSubscribers(redis, 2);
            String token = a.login("anna");
            try (TestHub.Staff anna = b.staff(token)) {
                Left left = leaveWhileAnnaAnswers(a.visitorSocket(), anna);
                try (WsClient back = b.visitorSocket()) {
                    resumeAndCheck(back, left);
                }
            }
        }
    }
}
