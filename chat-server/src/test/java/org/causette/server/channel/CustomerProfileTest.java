package org.causette.server.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.auth.Hmac;
import org.causette.server.store.Store;
import org.causette.server.store.WebhookDelivery;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import static org.causette.server.channel.ChannelTestKit.page;
import static org.causette.server.channel.ChannelTestKit.text;
import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One view of each customer, end to end on a real hub: two devices of a verified customer and the Messenger PSID the
 * shop linked form one profile (all three conversations, one lifetime value), which agents read, ambassadors may not,
 * admins export and erase, with the CRM webhooks still waiting about that customer dropped.
 */
class CustomerProfileTest {
    private static final String SITE = TestHub.SITE;
    private static final String CUSTOMERS = "/api/sites/" + SITE + "/customers/";

    static ObjectNode identity(String userId, String email, String name) {
        long issuedAt = Instant.now().getEpochSecond();
        String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, userId + "." + issuedAt));
        return Json.MAPPER.createObjectNode().put("userId", userId).put("email", email).put("name", name)
                .put("issuedAt", issuedAt).put("hash", hash);
    }

    private static WsClient socket(TestHub hub) throws Exception {
        return WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
    }

    private static void purchase(WsClient client, String orderId, double value) throws Exception {
        ObjectNode event = frame("event").put("name", "purchase");
        event.putObject("data").put("orderId", orderId).put("value", value).put("currency", "EUR");
        client.send(event);
    }

    /** Frames of one socket are handled in order: a pong means what came before it was handled. */
    private static void settle(WsClient client) throws Exception {
        client.send(frame("ping"));
        client.next("pong");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("not within 10 s: " + what);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.findValues(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void twoDevicesAndALinkedMessengerIdAreOneCustomerThatAgentsReadAdminsExportAndErase() throws Exception {
        try (ChannelTestKit kit = new ChannelTestKit()) {
            TestHub hub = kit.hub;
            Store store = hub.server().store();
            // The CRM is down: every webhook stays in the outbox, as when erasure has to catch them.
            int[] failures = new int[400];
            java.util.Arrays.fill(failures, 503);
            kit.crm.respond(failures);
            String admin = hub.login("root");
            String agent = hub.login("anna");
            String ambassador = hub.login("leo");

            // Phone: signed in, consents, chats and buys.
            String phone;
            try (WsClient client = socket(hub)) {
                ObjectNode hello = frame("hello").put("locale", "fr-FR").put("consent", true);
                hello.set("identity", identity("u-100", "claire@example.fr", "Claire Zébulon"));
                phone = client.hello(hello).path("visitorId").asText();
                client.say("p1", "Bonjour, le fauteuil Oslo existe en bleu ?");
                purchase(client, "A1", 120.5);
                settle(client);
            }
            // Laptop: anonymous first (its own visitor and conversation), then the shopper signs in there too.
            String laptop;
            String laptopToken;
            try (WsClient client = socket(hub)) {
                JsonNode welcome = client.hello(frame("hello").put("locale", "fr-FR").put("consent", true));
                laptop = welcome.path("visitorId").asText();
                laptopToken = welcome.path("visitorToken").asText();
                client.say("l1", "Vous livrez en Belgique ?");
            }
            assertNotEquals(phone, laptop);
            try (WsClient client = socket(hub)) {
                ObjectNode hello = frame("hello").put("locale", "fr-FR").put("consent", true).put("visitorToken", laptopToken);
                hello.set("identity", identity("u-100", "claire@example.fr", "Claire Zébulon"));
                assertEquals(phone, client.hello(hello).path("visitorId").asText(), "the customer continues on one visitor");
                purchase(client, "A1", 120.5); // the confirmation page reloaded: the same order again
                purchase(client, "B2", 30.0);
                settle(client);
            }
            // Messenger: the shopper writes to the Page before the shop links the PSID.
            kit.messenger(page(text("6011", "mid.profile.1", 1795000000000L, "Bonjour depuis Messenger")));
            await(() -> !store.conversationsOfVisitor(SITE, "fb_6011").isEmpty(), "the Messenger conversation");
            String messengerConversation = store.conversationsOfVisitor(SITE, "fb_6011").get(0).id();
            // Another customer, who must appear nowhere in the first one's profile or export.
            String other;
            try (WsClient client = socket(hub)) {
                ObjectNode hello = frame("hello").put("locale", "fr-FR").put("consent", true);
                hello.set("identity", identity("u-200", "other@example.fr", "Omar Autre"));
                other = client.hello(hello).path("visitorId").asText();
                client.say("o1", "Question secrète de l'autre client");
                purchase(client, "Z9", 999.0);
                settle(client);
            }

            // The shop's backend links the PSID: idempotent, validated, one customer per PSID.
            String link = "{\"channel\":\"messenger\",\"externalId\":\"6011\"}";
            HttpResponse<String> linked = hub.post(CUSTOMERS + "u-100/links", link, admin);
            assertEquals(201, linked.statusCode(), linked.body());
            assertEquals("fb_6011", json(linked).path("visitorId").asText());
            assertEquals(200, hub.post(CUSTOMERS + "u-100/links", link, admin).statusCode(), "linking again is fine");
            HttpResponse<String> taken = hub.post(CUSTOMERS + "u-200/links", link, admin);
            assertEquals(409, taken.statusCode(), taken.body());
            assertEquals("conflict", json(taken).path("error").asText());
            assertEquals(403, hub.post(CUSTOMERS + "u-100/links", link, agent).statusCode(), "admins only");

            // One profile: three conversations on two channels, newest first, one lifetime value.
            HttpResponse<String> response = hub.get(CUSTOMERS + "u-100", agent);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode profile = json(response);
            assertEquals("u-100", profile.path("userId").asText());
            assertEquals("claire@example.fr", profile.path("email").asText());
            assertEquals("Claire Zébulon", profile.path("name").asText());
            assertEquals(Set.of(phone, laptop, "fb_6011"), Set.copyOf(texts(profile.path("visitors"), "id")));
            JsonNode conversations = profile.path("conversations");
            assertEquals(3, conversations.size(), conversations.toString());
            assertEquals(messengerConversation, conversations.get(0).path("conversationId").asText(), "newest first");
            assertEquals(List.of("messenger", "web", "web"),
                    StreamSupport.stream(conversations.spliterator(), false).map(c -> c.path("channel").asText()).toList());
            assertEquals(Set.of("web", "messenger"),
                    Set.copyOf(StreamSupport.stream(profile.path("channels").spliterator(), false).map(JsonNode::asText).toList()));
            assertEquals(150.5, profile.path("lifetimeValue").asDouble(), 1e-9, "order A1 counted once");
            assertEquals(2, profile.path("purchaseCount").asInt());
            assertEquals("EUR", profile.path("currency").asText());
            assertTrue(profile.path("firstSeen").isTextual() && profile.path("lastSeen").isTextual());
            JsonNode consent = profile.path("consent").path("history");
            assertTrue(consent.size() >= 2, consent.toString());
            assertEquals("hello", consent.get(0).path("source").asText());
            assertTrue(consent.get(0).path("granted").asBoolean());
            assertFalse(response.body().contains("other@example.fr") || response.body().contains(other));

            // Past and future: what the shopper writes on Messenger after the link is theirs too.
            kit.messenger(page(text("6011", "mid.profile.2", 1795000060000L, "Et en vert ?")));
            await(() -> store.messagesAfter(messengerConversation, 0, 100).stream().anyMatch(m -> m.text().equals("Et en vert ?")),
                    "the second Messenger message");

            // From a conversation: the console's customer card.
            HttpResponse<String> card = hub.get("/api/conversations/" + messengerConversation + "/customer", agent);
            assertEquals(200, card.statusCode(), card.body());
            JsonNode customer = json(card).path("customer");
            assertEquals("u-100", customer.path("userId").asText());
            assertEquals(150.5, customer.path("lifetimeValue").asDouble(), 1e-9);
            assertEquals(2, customer.path("otherConversations").size());

            // Ambassadors never see any of it.
            assertEquals(403, hub.get(CUSTOMERS + "u-100", ambassador).statusCode());
            assertEquals(403, hub.get("/api/conversations/" + messengerConversation + "/customer", ambassador).statusCode());
            assertEquals(403, hub.get(CUSTOMERS + "u-100/export", ambassador).statusCode());
            assertEquals(403, hub.get(CUSTOMERS + "u-100/export", agent).statusCode(), "export: admins only");
            assertEquals(404, hub.get(CUSTOMERS + "nobody", agent).statusCode());

            // Export: everything about u-100, nothing about u-200.
            HttpResponse<String> exported = hub.get(CUSTOMERS + "u-100/export", admin);
            assertEquals(200, exported.statusCode(), exported.body());
            assertTrue(exported.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"customer-u-100"),
                    exported.headers().map().toString());
            JsonNode doc = json(exported);
            assertEquals("causette-export/1", doc.path("format").asText());
            assertEquals("claire@example.fr", doc.path("identity").path("email").asText());
            assertEquals(3, doc.path("conversations").size());
            List<String> said = texts(doc.path("conversations"), "text");
            for (String expected : List.of("Bonjour, le fauteuil Oslo existe en bleu ?", "Vous livrez en Belgique ?",
                    "Bonjour depuis Messenger", "Et en vert ?")) {
                assertTrue(said.contains(expected), expected + " in " + said);
            }
            assertEquals(2, doc.path("events").size(), "two purchases: the reloaded order A1 was stored once");
            assertEquals(150.5, doc.path("lifetimeValue").asDouble(), 1e-9);
            assertEquals("6011", doc.path("channelLinks").get(0).path("externalId").asText());
            assertTrue(doc.path("consentHistory").size() >= 2);
            assertEquals(3, doc.path("visitors").size());
            for (String foreign : List.of("other@example.fr", "Omar Autre", other, "Question secrète", "Z9")) {
                assertFalse(exported.body().contains(foreign), foreign + " leaked into the export");
            }
            HttpResponse<String> visitorExport = hub.get("/api/sites/" + SITE + "/visitors/" + laptop + "/export", admin);
            assertEquals(200, visitorExport.statusCode(), visitorExport.body());
            assertTrue(visitorExport.body().contains("Vous livrez en Belgique ?"));
            assertFalse(visitorExport.body().contains("Bonjour depuis Messenger"), "one visitor's export is that visitor's");
            assertEquals(404, hub.get("/api/sites/" + SITE + "/visitors/v_nobody/export", admin).statusCode());

            // Erasure by customer: every visitor, the link, and the webhooks still waiting about them.
            Set<String> erased = Set.of(phone, laptop, "fb_6011");
            await(() -> store.webhookDeliveries(SITE, 1000).stream().anyMatch(d -> mentions(d, erased)),
                    "webhooks about u-100 waiting in the outbox");
            assertEquals(403, hub.delete(CUSTOMERS + "u-100", agent).statusCode());
            assertEquals(204, hub.delete(CUSTOMERS + "u-100", admin).statusCode());
            assertEquals(404, hub.get(CUSTOMERS + "u-100", agent).statusCode());
            for (String visitorId : erased) {
                assertTrue(store.findVisitor(SITE, visitorId).isEmpty(), visitorId);
                assertTrue(store.conversationsOfVisitor(SITE, visitorId).isEmpty(), visitorId);
                assertTrue(store.events(SITE, visitorId).isEmpty(), visitorId);
                assertTrue(store.consentHistory(SITE, visitorId).isEmpty(), visitorId);
            }
            assertTrue(store.findConversation(messengerConversation).isEmpty());
            List<WebhookDelivery> left = store.webhookDeliveries(SITE, 1000);
            assertTrue(left.stream().noneMatch(d -> mentions(d, erased)), "no webhook about u-100 leaves any more");
            assertTrue(left.stream().anyMatch(d -> mentions(d, Set.of(other))), "u-200's webhooks stay");
            assertEquals(200, hub.get(CUSTOMERS + "u-200", agent).statusCode(), "the other customer is untouched");
            assertEquals(201, hub.post(CUSTOMERS + "u-200/links", link, admin).statusCode(), "the PSID is free again");
        }
    }

    private static boolean mentions(WebhookDelivery delivery, Set<String> visitorIds) {
        return visitorIds.stream().anyMatch(v -> delivery.body().contains("\"" + v + "\""));
    }

    @Test
    void badLinksAreRefusedWithAPreciseError() throws Exception {
        try (ChannelTestKit kit = new ChannelTestKit()) {
            TestHub hub = kit.hub;
            String admin = hub.login("root");
            record Case(String body, String inMessage) {
            }
            for (Case c : List.of(
                    new Case("{\"channel\":\"sms\",\"externalId\":\"6011\"}", "channel must be"),
                    new Case("{\"externalId\":\"6011\"}", "channel is required"),
                    new Case("{\"channel\":\"messenger\"}", "externalId is required"),
                    new Case("{\"channel\":\"messenger\",\"externalId\":6011}", "as a string"),
                    new Case("{\"channel\":\"messenger\",\"externalId\":\"abc\"}", "PSID"),
                    new Case("{\"channel\":\"whatsapp\",\"externalId\":\"+33 6 12 34 56 78\"}", "no + or spaces"))) {
                HttpResponse<String> response = hub.post(CUSTOMERS + "u-1/links", c.body(), admin);
                assertEquals(400, response.statusCode(), c.body() + " → " + response.body());
                assertEquals("bad_request", json(response).path("error").asText());
                assertTrue(json(response).path("message").asText().contains(c.inMessage()), response.body());
            }
            HttpResponse<String> notJson = hub.post(CUSTOMERS + "u-1/links", "{oops", admin);
            assertEquals(400, notJson.statusCode());
            assertEquals("bad_json", json(notJson).path("error").asText());
            String tooLong = "u".repeat(257);
            assertEquals(400, hub.post(CUSTOMERS + tooLong + "/links", "{\"channel\":\"whatsapp\",\"externalId\":\"33612345678\"}",
                    admin).statusCode());

            // A customer id with a slash, percent-encoded in its segment; unlinking is idempotent.
            String encoded = "shop%2F42";
            HttpResponse<String> whatsapp = hub.post(CUSTOMERS + encoded + "/links",
                    "{\"channel\":\"whatsapp\",\"externalId\":\"33612345678\"}", admin);
            assertEquals(201, whatsapp.statusCode(), whatsapp.body());
            assertEquals("shop/42", json(whatsapp).path("userId").asText());
            assertEquals(List.of("wa_33612345678"), hub.server().store().customerVisitors(SITE, "shop/42"));
            assertEquals(204, hub.delete(CUSTOMERS + encoded + "/links/whatsapp/33612345678", admin).statusCode());
            assertEquals(204, hub.delete(CUSTOMERS + encoded + "/links/whatsapp/33612345678", admin).statusCode());
            assertEquals(List.of(), hub.server().store().customerVisitors(SITE, "shop/42"));
            assertEquals(400, hub.delete(CUSTOMERS + encoded + "/links/fax/1", admin).statusCode());
        }
    }
}
