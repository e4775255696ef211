package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.Role;
import org.causette.server.store.Store;
import org.causette.server.store.StoredMessage;
import org.causette.server.support.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.causette.server.channel.ChannelTestKit.echo;
import static org.causette.server.channel.ChannelTestKit.page;
import static org.causette.server.channel.ChannelTestKit.postback;
import static org.causette.server.channel.ChannelTestKit.quickReply;
import static org.causette.server.channel.ChannelTestKit.text;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Messenger through the real hub, with a real HTTP server standing in for the Graph API. */
class MessengerChannelTest {
    private static final String WEBHOOK = "/webhooks/messenger/" + TestHub.SITE;
    private ChannelTestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = new ChannelTestKit();
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    private Store store() {
        return kit.hub.server().store();
    }

    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(25);
        }
        fail("not within 10 s: " + what);
    }

    private Optional<Conversation> conversation(String psid) {
        return store().findOpenConversation(TestHub.SITE, "fb_" + psid, "messenger");
    }

    private List<StoredMessage> messages(String psid) {
        return conversation(psid).map(c -> store().messagesAfter(c.id(), 0, 100)).orElse(List.of());
    }

    private List<StoredMessage> fromVisitor(String psid) {
        return messages(psid).stream().filter(m -> m.from().role() == Role.VISITOR).toList();
    }

    private ChannelTestKit.FakeHttp.Request nextMessageTo(String psid) throws InterruptedException {
        return kit.graph.next(r -> r.path().endsWith("/messages") && r.json().has("message")
                && r.json().path("recipient").path("id").asText().equals(psid), "a message to " + psid);
    }

    @Test
    void theHandshakeAnswersTheChallengeOnlyForTheSiteVerifyToken() throws Exception {
        HttpResponse<String> ok = kit.get(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=messenger-verify&hub.challenge=1158201444");
        assertEquals(200, ok.statusCode());
        assertEquals("1158201444", ok.body());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(403, kit.get(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1").statusCode());
        assertEquals(403, kit.get(WEBHOOK + "?hub.mode=unsubscribe&hub.verify_token=messenger-verify&hub.challenge=1").statusCode());
        assertEquals(403, kit.get(WEBHOOK + "?hub.challenge=1").statusCode());
        assertEquals(404, kit.get("/webhooks/messenger/no-such-shop?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1").statusCode());
        assertEquals(404, kit.get("/webhooks/telegram/" + TestHub.SITE).statusCode());
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndNothingIsHandled() throws Exception {
        String body = page(text("1001", "mid.bad.1", 1795000000000L, "Bonjour"));
        assertEquals(403, kit.post(WEBHOOK, body, null).statusCode());
        assertEquals(403, kit.post(WEBHOOK, body, ChannelTestKit.sign("not-the-app-secret", body)).statusCode());
        assertEquals(403, kit.post(WEBHOOK, body, "sha256=zz").statusCode());
        // Signed over other bytes: the signature is of the raw body, not of its meaning.
        assertEquals(403, kit.post(WEBHOOK, body, ChannelTestKit.sign(ChannelTestKit.MESSENGER_SECRET, body + " ")).statusCode());
        assertTrue(kit.graph.drain(Duration.ofMillis(600)).isEmpty(), "nothing was sent");
        assertTrue(store().findVisitor(TestHub.SITE, "fb_1001").isEmpty(), "nothing was stored");
        assertTrue(conversation("1001").isEmpty());
    }

    @Test
    void aTextGetsTheBotsReplyThroughTheSendApi() throws Exception {
        HttpResponse<String> response = kit.messenger(page(text("1002", "mid.text.1", 1795000000000L, "Bonjour")));
        assertEquals(200, response.statusCode());

        ChannelTestKit.FakeHttp.Request typing = kit.graph.next(r -> r.json().has("sender_action"), "typing_on");
        assertEquals("typing_on", typing.json().path("sender_action").asText());
        ChannelTestKit.FakeHttp.Request reply = nextMessageTo("1002");
        assertEquals("POST", reply.method());
        assertEquals("/v21.0/PAGE-1/messages", reply.path());
        assertEquals("access_token=PAGE-TOKEN", reply.query());
        JsonNode body = reply.json();
        assertEquals("RESPONSE", body.path("messaging_type").asText());
        assertEquals("1002", body.path("recipient").path("id").asText());
        assertFalse(body.path("message").path("text").asText().isBlank());
        assertTrue(body.path("message").path("metadata").asText().startsWith("causette:"));

        Conversation conversation = conversation("1002").orElseThrow();
        assertEquals("messenger", conversation.channel());
        assertTrue(store().findVisitor(TestHub.SITE, "fb_1002").isPresent(), "the visitor is known from the first message");
        assertEquals("Bonjour", fromVisitor("1002").get(0).text());
    }

    @Test
    void quickRepliesAndCardsStayWithinMessengerLimits() throws Exception {
        kit.messenger(page(text("1003", "mid.qr.1", 1795000000000L, "Je cherche une lampe, vous avez quoi ?")));
        List<ChannelTestKit.FakeHttp.Request> sent = kit.graph.drain(Duration.ofSeconds(3));
        assertFalse(sent.isEmpty());
        for (ChannelTestKit.FakeHttp.Request request : sent) {
            JsonNode message = request.json().path("message");
            if (message.has("quick_replies")) {
                assertTrue(message.path("quick_replies").size() <= 13);
                message.path("quick_replies").forEach(q -> assertTrue(q.path("title").asText().length() <= 20));
            }
            JsonNode elements = message.path("attachment").path("payload").path("elements");
            assertTrue(elements.size() <= 10);
            elements.forEach(e -> assertTrue(e.path("buttons").size() <= 3));
            assertTrue(message.path("text").asText("").length() <= 2000);
        }
    }

    @Test
    void theSameMidTwiceIsHandledOnce() throws Exception {
        String body = page(text("1004", "mid.same.1", 1795000000000L, "Combien coûte la livraison ?"));
        assertEquals(200, kit.messenger(body).statusCode());
        nextMessageTo("1004");
        assertEquals(200, kit.messenger(body).statusCode());
        // The same event inside a different batch (Meta retries whole batches) is still the same mid.
        assertEquals(200, kit.messenger(page(text("1004", "mid.same.1", 1795000000000L, "Combien coûte la livraison ?"),
                text("1099", "mid.other.1", 1795000000001L, "Bonjour"))).statusCode());
        nextMessageTo("1099");
        List<ChannelTestKit.FakeHttp.Request> later = kit.graph.drain(Duration.ofMillis(800));
        assertTrue(later.stream().noneMatch(r -> r.json().path("recipient").path("id").asText().equals("1004")
                && r.json().has("message")), "the bot answered once: " + later);
        assertEquals(1, fromVisitor("1004").size());
    }

    @Test
    void anOutOfOrderBatchIsHandledInTimestampOrder() throws Exception {
        assertEquals(200, kit.messenger(page(
                text("1005", "mid.order.3", 1795000000300L, "troisième"),
                text("1005", "mid.order.1", 1795000000100L, "premier"),
                text("1005", "mid.order.2", 1795000000200L, "deuxième"))).statusCode());
        await(() -> fromVisitor("1005").size() == 3, "three messages stored");
        assertEquals(List.of("premier", "deuxième", "troisième"), fromVisitor("1005").stream().map(StoredMessage::text).toList());
    }

    @Test
    void aPostbackPayloadReachesTheBot() throws Exception {
        kit.messenger(page(postback("1006", "mid.pb.1", 1795000000000L, "Parler à un conseiller", "INTENT:human_request")));
        await(() -> conversation("1006").map(c -> c.state() == ConversationState.QUEUED).orElse(false), "handed over");
        StoredMessage tapped = fromVisitor("1006").get(0);
        assertEquals("INTENT:human_request", tapped.payload());
        assertEquals("Parler à un conseiller", tapped.text());
        assertEquals("human_request", conversation("1006").orElseThrow().reason());

        kit.messenger(page(quickReply("1106", "mid.qr.2", 1795000000000L, "Livraison", "INTENT:shipping")));
        await(() -> fromVisitor("1106").size() == 1, "stored");
        assertEquals("INTENT:shipping", fromVisitor("1106").get(0).payload());
    }

    @Test
    void aPersonAnsweringInThePageInboxSilencesTheBot() throws Exception {
        kit.messenger(page(text("1007", "mid.inbox.1", 1795000000000L, "Bonjour")));
        nextMessageTo("1007");
        // Our own echo (with our metadata) changes nothing.
        kit.messenger(page("{\"sender\":{\"id\":\"PAGE-1\"},\"recipient\":{\"id\":\"1007\"},\"timestamp\":1795000000500,"
                + "\"message\":{\"is_echo\":true,\"mid\":\"mid.ours\",\"text\":\"x\",\"metadata\":\"causette:abc\"}}"));
        kit.messenger(page(echo("1007", "mid.inbox.echo", 1795000001000L, "Bonjour, ici Paul de la boutique")));
        await(() -> conversation("1007").map(c -> c.state() == ConversationState.ASSIGNED).orElse(false), "held");
        await(() -> messages("1007").stream().anyMatch(m -> "page-inbox".equals(m.from().id())), "the inbox answer mirrored");
        Conversation held = conversation("1007").orElseThrow();
        assertEquals("page-inbox", held.assignee().staffId());
        StoredMessage mirrored = messages("1007").stream().filter(m -> "page-inbox".equals(m.from().id())).findFirst().orElseThrow();
        assertEquals("Bonjour, ici Paul de la boutique", mirrored.text());
        assertEquals(Role.AGENT, mirrored.from().role());

        kit.graph.drain(Duration.ofMillis(300));
        kit.messenger(page(text("1007", "mid.inbox.2", 1795000002000L, "Combien coûte la livraison ?")));
        await(() -> fromVisitor("1007").size() == 2, "the shopper's next message is stored");
        List<ChannelTestKit.FakeHttp.Request> after = kit.graph.drain(Duration.ofSeconds(1));
        assertTrue(after.isEmpty(), "the bot stays quiet and nothing is echoed back: " + after);
    }

    @Test
    void aHandOverReachesAConsoleAgentWhoseAnswerGoesOutThroughTheSendApi() throws Exception {
        try (TestHub.Staff anna = kit.hub.staff("anna")) {
            kit.messenger(page(postback("1008", "mid.agent.1", 1795000000000L, "Parler à un conseiller", "INTENT:human_request")));
            JsonNode assigned = anna.socket().next("assigned");
            assertEquals("messenger", assigned.path("conversation").path("channel").asText());
            assertEquals("fb_1008", assigned.path("conversation").path("visitor").path("id").asText());
            String conversationId = assigned.path("conversation").path("conversationId").asText();

            anna.socket().send(frame("typing").put("conversationId", conversationId).put("on", true));
            assertEquals("typing_on", kit.graph.next(r -> r.json().has("sender_action")
                    && r.json().path("recipient").path("id").asText().equals("1008")
                    && r.json().path("sender_action").asText().equals("typing_on"), "typing").json().path("sender_action").asText());
            anna.socket().send(frame("message").put("conversationId", conversationId).put("clientId", "a1")
                    .put("text", "Bonjour, je suis Anna."));
            anna.socket().next("ack");
            kit.graph.next(r -> r.json().path("message").path("text").asText().equals("Bonjour, je suis Anna.")
                    && r.json().path("recipient").path("id").asText().equals("1008")
                    && r.json().path("messaging_type").asText().equals("MESSAGE_TAG")
                    && r.json().path("tag").asText().equals("HUMAN_AGENT"), "Anna's answer, tagged as a person's");

            kit.messenger(page(text("1008", "mid.agent.2", 1795000005000L, "Merci Anna")));
            JsonNode atAnna = anna.socket().nextMatching(f -> f.path("type").asText().equals("message")
                    && f.path("from").path("role").asText().equals("visitor"), "the shopper's message");
            assertEquals("Merci Anna", atAnna.path("text").asText());
        }
    }

    @Test
    void aServerErrorFromMetaIsRetried() throws Exception {
        kit.graph.respond(500, 503);
        kit.messenger(page(text("1009", "mid.retry.1", 1795000000000L, "Bonjour")));
        // typing_on is best effort (the 500 is spent on it), the reply is retried after the 503.
        ChannelTestKit.FakeHttp.Request first = nextMessageTo("1009");
        ChannelTestKit.FakeHttp.Request again = nextMessageTo("1009");
        assertEquals(first.json().path("message"), again.json().path("message"));
        String metrics = kit.hub.get("/metrics", null).body();
        assertTrue(metrics.contains("causette_channel_sends_total{channel=\"messenger\",outcome=\"retried\"} 1"), metrics);
    }

    @Test
    void aRefusalFromMetaIsCountedAndNotRetried() throws Exception {
        kit.messenger(page(text("1010", "mid.refused.0", 1795000000000L, "Bonjour")));
        nextMessageTo("1010");
        kit.graph.drain(Duration.ofMillis(500));
        kit.graph.respond(200, 400);
        kit.messenger(page(text("1010", "mid.refused.1", 1795000001000L, "Combien coûte la livraison ?")));
        JsonNode refused = nextMessageTo("1010").json().path("message");
        List<ChannelTestKit.FakeHttp.Request> later = kit.graph.drain(Duration.ofMillis(1500));
        assertTrue(later.stream().noneMatch(r -> r.json().path("message").equals(refused)), "a 400 is not retried");
        String metrics = kit.hub.get("/metrics", null).body();
        assertTrue(metrics.contains("causette_channel_sends_total{channel=\"messenger\",outcome=\"refused\"} 1"), metrics);
    }

    @Test
    void standbyMessagesAreKeptWithoutABotAnswer() throws Exception {
        String standby = "{\"object\":\"page\",\"entry\":[{\"id\":\"PAGE-1\",\"time\":1795000000000,\"standby\":["
                + text("1011", "mid.standby.1", 1795000000000L, "Bonjour ?") + "]}]}";
        assertEquals(200, kit.messenger(standby).statusCode());
        await(() -> fromVisitor("1011").size() == 1, "stored");
        assertEquals("page-inbox", conversation("1011").orElseThrow().assignee().staffId());
        assertTrue(kit.graph.drain(Duration.ofMillis(800)).isEmpty(), "no answer while another app owns the thread");
        assertNotNull(store().findVisitor(TestHub.SITE, "fb_1011").orElse(null));
    }

    /** Issue 21 item 2: a channel text holds the widget's limit; a longer one is split, and beyond three pieces cut. */
    @Test
    void aLongTextIsSplitIntoWidgetSizedMessagesAndTheRestDropped() throws Exception {
        String word = "bonjour ";
        String huge = word.repeat(100_000 / word.length());
        String body = page(text("7001", "m_long", 1, huge));
        assertEquals(200, kit.messenger(body).statusCode());
        await(() -> fromVisitor("7001").size() == ChannelInbox.MAX_INBOUND_PIECES, "three pieces stored");
        for (StoredMessage m : fromVisitor("7001")) {
            assertTrue(m.text().length() <= 4_000, "at most the widget's 4,000 characters: " + m.text().length());
        }
        assertEquals(200, kit.messenger(body).statusCode()); // Meta retries: nothing stored twice
        Thread.sleep(500);
        assertEquals(ChannelInbox.MAX_INBOUND_PIECES, fromVisitor("7001").size());
    }
}
