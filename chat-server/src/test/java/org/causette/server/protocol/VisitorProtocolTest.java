package org.causette.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import org.causette.server.CausetteServer;
import org.causette.server.auth.Hmac;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of docs/protocol.md, through the real server on a free port and a real WebSocket client. */
class VisitorProtocolTest {
    private static final String SITE = "test-shop";
    private static final String ORIGIN = TestSites.ALLOWED_ORIGIN;
    private static TestHub hub;
    private static CausetteServer server;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
        server = hub.server();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static WsClient visitor() throws Exception {
        return WsClient.visitor(server.port(), SITE, ORIGIN);
    }

    private static List<StoredMessage> stored(String conversationId) {
        return server.store().messagesAfter(conversationId, 0, 10_000);
    }

    @Test
    void welcomesANewVisitorWithAToken() throws Exception {
        try (WsClient client = visitor()) {
            JsonNode welcome = client.helloAnonymous();
            assertTrue(welcome.path("visitorId").asText().startsWith("v_"));
            assertFalse(welcome.path("visitorToken").asText().isEmpty());
            assertTrue(welcome.get("conversationId").isNull());
            assertTrue(welcome.get("state").isNull());
            assertEquals(0, welcome.path("lastSeq").asLong());
            assertEquals("Testy", welcome.path("botName").asText());
            assertEquals("Test Shop", welcome.path("siteName").asText());
        }
    }

    @Test
    void acksOnlyWhatIsStoredAndTheBotAnswersWithTheNextSeq() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            client.send(frame("message").put("clientId", "c1").put("text", "Bonjour"));
            JsonNode state = client.next("state");
            assertEquals("bot", state.path("state").asText());
            JsonNode ack = client.next("ack");
            assertEquals("c1", ack.path("clientId").asText());
            assertEquals(1, ack.path("seq").asLong());
            String conversationId = ack.path("conversationId").asText();
            assertEquals(state.path("conversationId").asText(), conversationId);
            assertFalse(ack.path("id").asText().isEmpty());
            Instant.parse(ack.path("ts").asText());

            JsonNode reply = client.next("message");
            assertEquals("bot", reply.path("from").path("role").asText());
            assertEquals("Testy", reply.path("from").path("name").asText());
            assertEquals(2, reply.path("seq").asLong());
            assertTrue(reply.path("quickReplies").isArray());
            assertTrue(reply.path("cards").isArray());

            StoredMessage first = stored(conversationId).get(0);
            assertEquals("Bonjour", first.text());
            assertEquals(ack.path("id").asText(), first.id());
        }
    }

    @Test
    void theSameClientIdIsStoredOnceAndGetsTheSameAck() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            JsonNode first = client.say("dup-1", "Combien coûte la lampe Luna ?");
            client.drain(Duration.ofMillis(500));
            int before = stored(first.path("conversationId").asText()).size();
            JsonNode again = client.say("dup-1", "Combien coûte la lampe Luna ?");
            assertEquals(first, again);
            List<JsonNode> after = client.drain(Duration.ofMillis(500));
            assertTrue(after.stream().noneMatch(f -> f.path("type").asText().equals("message")), "no new bot turn: " + after);
            assertEquals(before, stored(first.path("conversationId").asText()).size());
        }
    }

    @Test
    void aReconnectingVisitorGetsWhatItMissedInOrderBeforeAnythingLive() throws Exception {
        String token;
        String conversationId;
        long lastSeen;
        try (WsClient client = visitor()) {
            token = client.helloAnonymous().path("visitorToken").asText();
            JsonNode ack = client.say("r1", "Bonjour");
            conversationId = ack.path("conversationId").asText();
            lastSeen = ack.path("seq").asLong();
            client.drain(Duration.ofMillis(300));
            client.say("r2", "la lampe Luna est en stock ?");
            client.drain(Duration.ofMillis(300));
        }
        long total = stored(conversationId).size();
        try (WsClient again = visitor()) {
            JsonNode welcome = again.hello(frame("hello").put("visitorToken", token).put("lastSeq", lastSeen));
            assertEquals(conversationId, welcome.path("conversationId").asText());
            assertEquals("bot", welcome.path("state").asText());
            assertEquals(total, welcome.path("lastSeq").asLong());
            List<Long> seqs = new ArrayList<>();
            for (long seq = lastSeen + 1; seq <= total; seq++) {
                JsonNode message = again.next();
                assertEquals("message", message.path("type").asText(), message.toString());
                seqs.add(message.path("seq").asLong());
            }
            List<Long> expected = new ArrayList<>();
            for (long seq = lastSeen + 1; seq <= total; seq++) {
                expected.add(seq);
            }
            assertEquals(expected, seqs);
            assertTrue(stored(conversationId).stream().anyMatch(m -> "r2".equals(m.clientId()) && m.seq() > lastSeen),
                    "what was missed includes the second message");
        }
    }

    @Test
    void aVisitorsOwnMessageReachesItsOtherTabsButNotTheSender() throws Exception {
        try (WsClient tabA = visitor(); WsClient tabB = visitor()) {
            String token = tabA.helloAnonymous().path("visitorToken").asText();
            tabB.hello(frame("hello").put("visitorToken", token).put("lastSeq", 0));
            JsonNode ack = tabA.say("tab-1", "Bonjour depuis l'onglet A");
            JsonNode echoed = tabB.nextMatching(f -> f.path("type").asText().equals("message")
                    && f.path("from").path("role").asText().equals("visitor"), "the visitor's message in tab B");
            assertEquals("Bonjour depuis l'onglet A", echoed.path("text").asText());
            assertEquals(ack.path("seq").asLong(), echoed.path("seq").asLong());
            List<JsonNode> inA = tabA.drain(Duration.ofMillis(500));
            assertTrue(inA.stream().noneMatch(f -> f.path("type").asText().equals("message")
                    && f.path("from").path("role").asText().equals("visitor")), "sender got its own message: " + inA);
        }
    }

    @Test
    void seqHasNoGapsWhenSeveralTabsWriteAtOnce() throws Exception {
        int tabs = 4;
        int perTab = 15;
        String token;
        String conversationId;
        try (WsClient first = visitor()) {
            token = first.helloAnonymous().path("visitorToken").asText();
            conversationId = first.say("open", "Bonjour").path("conversationId").asText();
        }
        List<WsClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(tabs);
        try {
            for (int t = 0; t < tabs; t++) {
                WsClient client = visitor();
                client.hello(frame("hello").put("visitorToken", token).put("lastSeq", 1_000_000));
                clients.add(client);
            }
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < tabs; t++) {
                WsClient client = clients.get(t);
                int tab = t;
                results.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < perTab; i++) {
                        // "merci" keeps each bot reply short; what matters is who gets which seq.
                        seqs.add(client.say("t" + tab + "-" + i, "merci").path("seq").asLong());
                    }
                    return seqs;
                }));
            }
            Set<Long> acked = new HashSet<>();
            for (Future<List<Long>> result : results) {
                for (long seq : result.get()) {
                    assertTrue(acked.add(seq), "seq " + seq + " acked twice");
                }
            }
            assertEquals(tabs * perTab, acked.size());
            for (WsClient client : clients) {
                client.drain(Duration.ofMillis(200));
            }
            List<StoredMessage> messages = stored(conversationId);
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i + 1, messages.get(i).seq(), "no gap in the stored conversation");
            }
            long visitorMessages = messages.stream().filter(m -> m.from().role() == Role.VISITOR).count();
            assertEquals(1 + tabs * perTab, visitorMessages);
        } finally {
            pool.shutdownNow();
            for (WsClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void everyStoredConversationCountsOneTwoThreeWithoutGaps() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            String conversationId = client.say("g1", "Bonjour").path("conversationId").asText();
            for (int i = 2; i <= 6; i++) {
                client.say("g" + i, "merci");
            }
            client.drain(Duration.ofMillis(500));
            List<StoredMessage> messages = stored(conversationId);
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(i + 1, messages.get(i).seq());
            }
            assertTrue(messages.size() >= 6);
        }
    }

    @Test
    void badFramesGetPreciseErrorsAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = visitor()) {
            client.send("{not json");
            assertEquals("bad_json", client.next("error").path("code").asText());
            client.send(frame("message").put("clientId", "x").put("text", "before hello"));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.helloAnonymous();

            client.send("[1,2,3]");
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("teleport"));
            assertEquals("unknown_type", client.next("error").path("code").asText());
            client.send(frame("message").put("text", "no client id"));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("message").put("clientId", "bad id!").put("text", "x"));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("message").put("clientId", "m1").put("text", 42));
            JsonNode wrongType = client.next("error");
            assertEquals("bad_request", wrongType.path("code").asText());
            client.send(frame("message").put("clientId", "m2").put("text", "   "));
            assertEquals("m2", client.next("error").path("ref").asText());
            client.send(frame("read").put("seq", -1));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("rate").put("score", 9));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("rate").put("score", 4));
            assertEquals("not_found", client.next("error").path("code").asText());
            client.send(frame("rate").put("score", 2.7)); // issue 21: was stored as 2
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("event").put("name", "teleport"));
            assertEquals("bad_request", client.next("error").path("code").asText());
            client.send(frame("hello"));
            assertEquals("bad_request", client.next("error").path("code").asText());

            client.send(frame("ping"));
            assertEquals("pong", client.next().path("type").asText());
            assertTrue(client.isOpen());
            assertEquals(1, client.say("still-ok", "Bonjour").path("seq").asLong());
        }
    }

    @Test
    void textOverFourThousandCharactersIsRefusedAndNothingIsStored() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            String conversationId = client.say("ok", "Bonjour").path("conversationId").asText();
            client.drain(Duration.ofMillis(300));
            int before = stored(conversationId).size();
            client.send(frame("message").put("clientId", "big").put("text", "a".repeat(4_001)));
            JsonNode error = client.next("error");
            assertEquals("too_large", error.path("code").asText());
            assertEquals("big", error.path("ref").asText());
            assertEquals(before, stored(conversationId).size());
            // Exactly 4,000 characters (even outside the BMP) is allowed.
            assertEquals(before + 1, client.say("max", "😀".repeat(4_000)).path("seq").asLong());
        }
    }

    @Test
    void aFrameOverSixtyFourKibCloses1009() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            try {
                client.send(frame("message").put("clientId", "huge").put("text", "a".repeat(70_000)));
            } catch (java.io.IOException | java.util.concurrent.RejectedExecutionException e) {
                // The server may close before the client has finished sending: what matters is how it closed.
            }
            CloseReason reason = client.awaitClose();
            assertEquals(1009, reason.getCloseCode().getCode());
        }
        try (WsClient other = visitor()) {
            assertTrue(other.helloAnonymous().has("visitorId"), "the server keeps serving");
        }
    }

    @Test
    void aFloodIsRateLimited() throws Exception {
        try (WsClient client = visitor()) {
            client.helloAnonymous();
            for (int i = 0; i < 80; i++) {
                client.send(frame("typing").put("on", i % 2 == 0));
            }
            assertEquals("rate_limited", client.next("error").path("code").asText());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aForgedOrForeignTokenMakesANewVisitor() throws Exception {
        String token;
        String visitorId;
        try (WsClient client = visitor()) {
            JsonNode welcome = client.helloAnonymous();
            token = welcome.path("visitorToken").asText();
            visitorId = welcome.path("visitorId").asText();
        }
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        try (WsClient client = visitor()) {
            JsonNode welcome = client.hello(frame("hello").put("visitorToken", forged));
            assertNotEquals(visitorId, welcome.path("visitorId").asText());
        }
        try (WsClient client = visitor()) {
            assertEquals(visitorId, client.hello(frame("hello").put("visitorToken", token)).path("visitorId").asText());
        }
    }

    @Test
    void aSignedIdentityIsOneCustomerAcrossDevicesAndAWrongHashIsIgnored() throws Exception {
        long issuedAt = Instant.now().getEpochSecond();
        String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, "42." + issuedAt));
        ObjectNode identity = WsClient.frame("x").removeAll().put("userId", "42").put("email", "anne@example.fr")
                .put("name", "Anne").put("issuedAt", issuedAt).put("hash", hash);
        String phone;
        String laptop;
        try (WsClient client = visitor()) {
            ObjectNode hello = frame("hello");
            hello.set("identity", identity);
            phone = client.hello(hello).path("visitorId").asText();
        }
        try (WsClient client = visitor()) {
            ObjectNode hello = frame("hello");
            hello.set("identity", identity.deepCopy());
            laptop = client.hello(hello).path("visitorId").asText();
        }
        assertEquals(phone, laptop);
        assertEquals("anne@example.fr", server.store().findVisitor(SITE, phone).orElseThrow().email());

        try (WsClient client = visitor()) {
            ObjectNode hello = frame("hello");
            hello.set("identity", identity.deepCopy().put("hash", "00" + hash.substring(2)));
            assertNotEquals(phone, client.hello(hello).path("visitorId").asText());
        }
        try (WsClient client = visitor()) {
            long old = issuedAt - 25 * 3600;
            String oldHash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, "42." + old));
            ObjectNode hello = frame("hello");
            hello.set("identity", identity.deepCopy().put("issuedAt", old).put("hash", oldHash));
            assertNotEquals(phone, client.hello(hello).path("visitorId").asText());
        }
    }

    @Test
    void eventsAreKeptOnlyWithConsent() throws Exception {
        try (WsClient client = visitor()) {
            String visitorId = client.helloAnonymous().path("visitorId").asText();
            client.send(frame("event").put("name", "page_view"));
            client.send(frame("consent").put("granted", true));
            ObjectNode cart = frame("event").put("name", "cart_update");
            cart.putObject("data").put("value", 69.0).put("currency", "EUR");
            client.send(cart);
            client.send(frame("ping"));
            client.next("pong");
            Thread.sleep(200);
            var events = server.store().events(SITE, visitorId);
            assertEquals(1, events.size(), events.toString());
            assertEquals("cart_update", events.get(0).name());
        }
    }

    @Test
    void unknownSiteIs404AndAForeignOriginIs403AtTheHandshake() {
        DeploymentException unknown = assertThrows(DeploymentException.class,
                () -> WsClient.visitor(server.port(), "nope", ORIGIN));
        assertTrue(unknown.getMessage().contains("404") || String.valueOf(unknown.getCause()).contains("404"), unknown.toString());
        DeploymentException foreign = assertThrows(DeploymentException.class,
                () -> WsClient.visitor(server.port(), SITE, "https://evil.example"));
        assertTrue(foreign.getMessage().contains("403") || String.valueOf(foreign.getCause()).contains("403"), foreign.toString());
    }

    @Test
    void aClientThatNeverSaysHelloIsClosed() throws Exception {
        try (WsClient client = visitor()) {
            JsonNode error = client.nextMatching(f -> f.path("type").asText().equals("error"), "an error",
                    Duration.ofSeconds(20));
            assertEquals("bad_request", error.path("code").asText());
            assertEquals(1008, client.awaitClose().getCloseCode().getCode());
        }
    }
}
