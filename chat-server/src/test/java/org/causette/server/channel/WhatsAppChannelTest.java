package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;
import org.causette.server.support.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.causette.server.channel.MessengerChannelTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WhatsApp Cloud API through the real hub, with a real HTTP server standing in for the Graph API. */
class WhatsAppChannelTest {
    private static final String WEBHOOK = "/webhooks/whatsapp/" + TestHub.SITE;
    private ChannelTestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = new ChannelTestKit();
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    static String change(String messages, String statuses) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"33100000000\","
                + "\"phone_number_id\":\"PHONE-1\"},\"contacts\":[{\"profile\":{\"name\":\"Anne\"},\"wa_id\":\"33611111111\"}],"
                + "\"messages\":[" + messages + "],\"statuses\":[" + statuses + "]}}]}]}";
    }

    static String text(String from, String wamid, long seconds, String body) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + seconds + "\",\"type\":\"text\","
                + "\"text\":{\"body\":" + ChannelTestKit.quote(body) + "}}";
    }

    private Optional<Conversation> conversation(String waId) {
        return kit.hub.server().store().findOpenConversation(TestHub.SITE, "wa_" + waId, "whatsapp");
    }

    private List<StoredMessage> fromVisitor(String waId) {
        return conversation(waId).map(c -> kit.hub.server().store().messagesAfter(c.id(), 0, 100)).orElse(List.of())
                .stream().filter(m -> m.from().role() == Role.VISITOR).toList();
    }

    @Test
    void theHandshakeAndTheSignatureAreMessengers() throws Exception {
        var ok = kit.get(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=whatsapp-verify&hub.challenge=42");
        assertEquals(200, ok.statusCode());
        assertEquals("42", ok.body());
        assertEquals(403, kit.get(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=messenger-verify&hub.challenge=42").statusCode());
        String body = change(text("33611111111", "wamid.sig", 1795000000L, "Bonjour"), "");
        assertEquals(403, kit.post(WEBHOOK, body, ChannelTestKit.sign(ChannelTestKit.MESSENGER_SECRET, body)).statusCode());
        assertEquals(403, kit.post(WEBHOOK, body, null).statusCode());
        assertTrue(kit.graph.drain(Duration.ofMillis(500)).isEmpty());
        assertTrue(conversation("33611111111").isEmpty());
    }

    @Test
    void aTextIsAnsweredOnceAndInOrder() throws Exception {
        String body = change(text("33611111111", "wamid.B", 1795000002L, "Combien coûte la livraison ?") + ","
                + text("33611111111", "wamid.A", 1795000001L, "Bonjour"), "");
        assertEquals(200, kit.whatsapp(body).statusCode());
        ChannelTestKit.FakeHttp.Request reply = kit.graph.next(r -> r.path().endsWith("/messages"), "a reply");
        assertEquals("/v21.0/PHONE-1/messages", reply.path());
        assertEquals("Bearer WA-TOKEN", reply.header("Authorization"));
        JsonNode json = reply.json();
        assertEquals("whatsapp", json.path("messaging_product").asText());
        assertEquals("33611111111", json.path("to").asText());
        assertTrue(List.of("text", "interactive").contains(json.path("type").asText()), json.toString());

        assertEquals(200, kit.whatsapp(body).statusCode()); // Meta retrying: the same wamids
        await(() -> fromVisitor("33611111111").size() == 2, "two messages");
        Thread.sleep(500);
        assertEquals(List.of("Bonjour", "Combien coûte la livraison ?"),
                fromVisitor("33611111111").stream().map(StoredMessage::text).toList());
        assertEquals("whatsapp", conversation("33611111111").orElseThrow().channel());
    }

    @Test
    void anInteractiveReplyCarriesItsPayloadToTheBot() throws Exception {
        String reply = "{\"from\":\"33622222222\",\"id\":\"wamid.I\",\"timestamp\":\"1795000000\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"INTENT:human_request\",\"title\":\"Un conseiller\"}}}";
        kit.whatsapp(change(reply, ""));
        await(() -> conversation("33622222222").map(c -> c.state() == ConversationState.QUEUED).orElse(false), "handed over");
        StoredMessage tapped = fromVisitor("33622222222").get(0);
        assertEquals("INTENT:human_request", tapped.payload());
        assertEquals("Un conseiller", tapped.text());

        String list = "{\"from\":\"33633333333\",\"id\":\"wamid.L\",\"timestamp\":\"1795000000\",\"type\":\"interactive\","
                + "\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"INTENT:shipping\",\"title\":\"Livraison\"}}}";
        kit.whatsapp(change(list, ""));
        await(() -> fromVisitor("33633333333").size() == 1, "stored");
        assertEquals("INTENT:shipping", fromVisitor("33633333333").get(0).payload());
    }

    @Test
    void statusesAreCountedAndAFailureIsReported() throws Exception {
        String statuses = "{\"id\":\"wamid.out1\",\"status\":\"delivered\",\"timestamp\":\"1795000001\",\"recipient_id\":\"33644444444\"},"
                + "{\"id\":\"wamid.out1\",\"status\":\"read\",\"timestamp\":\"1795000002\",\"recipient_id\":\"33644444444\"},"
                + "{\"id\":\"wamid.out2\",\"status\":\"failed\",\"timestamp\":\"1795000003\",\"recipient_id\":\"33644444444\","
                + "\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\",\"message\":\"More than 24 hours\"}]}";
        assertEquals(200, kit.whatsapp(change("", statuses)).statusCode());
        await(() -> {
            try {
                String metrics = kit.hub.get("/metrics", null).body();
                return metrics.contains("causette_channel_events_total{channel=\"whatsapp\",kind=\"status_read\"} 1")
                        && metrics.contains("causette_channel_events_total{channel=\"whatsapp\",kind=\"status_delivered\"} 1")
                        && metrics.contains("causette_channel_sends_total{channel=\"whatsapp\",outcome=\"refused\"} 1");
            } catch (Exception e) {
                return false;
            }
        }, "statuses counted");
    }
}
