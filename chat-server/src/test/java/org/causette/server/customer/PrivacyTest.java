package org.causette.server.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.auth.Hmac;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Store;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Privacy on a real hub: consent records, events only with consent, reports without personal data, shared browsers. */
class PrivacyTest {
    private static final String SITE = TestHub.SITE;
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static ObjectNode identity(String userId, String email, String name) {
        long issuedAt = Instant.now().getEpochSecond();
        String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET, userId + "." + issuedAt));
        return Json.MAPPER.createObjectNode().put("userId", userId).put("email", email).put("name", name)
                .put("issuedAt", issuedAt).put("hash", hash);
    }

    private static WsClient socket() throws Exception {
        return WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
    }

    private static void settle(WsClient client) throws Exception {
        client.send(frame("ping"));
        client.next("pong");
    }

    @Test
    void everyConsentChoiceIsRecordedWithItsSourceAndEventsFollowTheLatestOne() throws Exception {
        Store store = hub.server().store();
        String visitorId;
        String token;
        try (WsClient client = socket()) {
            JsonNode welcome = client.hello(frame("hello").put("locale", "fr-FR").put("consent", false));
            visitorId = welcome.path("visitorId").asText();
            token = welcome.path("visitorToken").asText();
            settle(client);
            assertTrue(store.consentHistory(SITE, visitorId).isEmpty(), "no choice made: nothing to record");
            client.send(frame("event").put("name", "page_view"));
            client.send(frame("consent").put("granted", true));
            client.send(frame("event").put("name", "page_view"));
            client.send(frame("consent").put("granted", false));
            client.send(frame("event").put("name", "cart_update"));
            client.send(frame("lead").put("email", "zoe.lead@example.fr").put("consent", true));
            settle(client);
        }
        try (WsClient client = socket()) {
            client.hello(frame("hello").put("visitorToken", token).put("consent", true));
            settle(client);
        }
        try (WsClient client = socket()) {
            client.hello(frame("hello").put("visitorToken", token).put("consent", true));
            settle(client);
        }
        List<ConsentRecord> history = store.consentHistory(SITE, visitorId);
        assertEquals(List.of("tracking:true:consent", "tracking:false:consent", "contact:true:lead_form", "tracking:true:hello"),
                history.stream().map(r -> r.purpose() + ":" + r.granted() + ":" + r.source()).toList(),
                "every change, withdrawal included, once each");
        assertTrue(history.stream().allMatch(r -> r.ts() != null));
        assertEquals(List.of("page_view"), store.events(SITE, visitorId).stream().map(e -> e.name()).toList(),
                "only the event sent while consent was given is kept");
    }

    @Test
    void theReportHoldsNoEmailPhoneOrNameAVisitorGave() throws Exception {
        try (WsClient client = socket()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR").put("consent", true);
            hello.set("identity", identity("u-300", "zoe.quintard@example.fr", "Zoé Quintard"));
            client.hello(hello);
            client.say("x1", "blorp zzkq vrrm écrivez à zoe.quintard@example.fr ou au 06 12 34 56 78");
            client.say("x2", "xqwv plok grumf jean.dupont@mail.example +33 6 98 76 54 32");
            client.send(frame("lead").put("email", "zoe.lead@example.fr").put("consent", true).put("note", "Zoé Quintard"));
            settle(client);
            Thread.sleep(300); // the bot's turns are stored after the acks
        }
        HttpResponse<String> response = hub.get("/api/sites/" + SITE + "/report", hub.login("root"));
        assertEquals(200, response.statusCode(), response.body());
        String report = response.body();
        for (String personal : List.of("zoe.quintard@example.fr", "Quintard", "zoe.lead@example.fr", "06 12 34 56 78",
                "jean.dupont", "98 76 54 32", "u-300")) {
            assertFalse(report.contains(personal), personal + " is in the report: " + report);
        }
        JsonNode unanswered = Json.MAPPER.readTree(report).path("unanswered");
        assertTrue(unanswered.findValuesAsText("text").stream().anyMatch(t -> t.contains("blorp") && t.contains("[email]")
                && t.contains("[phone]")), "the question is there, masked: " + unanswered);
    }

    @Test
    void anotherCustomerSigningInOnTheSameBrowserGetsAFreshVisitor() throws Exception {
        String first;
        String token;
        try (WsClient client = socket()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR");
            hello.set("identity", identity("u-400", "a@example.fr", "Alice"));
            JsonNode welcome = client.hello(hello);
            first = welcome.path("visitorId").asText();
            token = welcome.path("visitorToken").asText();
            client.say("s1", "Ma commande 1234 est-elle partie ?");
        }
        try (WsClient client = socket()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR").put("visitorToken", token);
            hello.set("identity", identity("u-401", "b@example.fr", "Bruno"));
            JsonNode welcome = client.hello(hello);
            assertNotEquals(first, welcome.path("visitorId").asText(), "Bruno must not continue as Alice");
            assertTrue(welcome.path("conversationId").isNull(), "nor see her conversation");
        }
        try (WsClient client = socket()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR").put("visitorToken", token);
            hello.set("identity", identity("u-400", "a@example.fr", "Alice"));
            assertEquals(first, client.hello(hello).path("visitorId").asText(), "Alice still is");
        }
    }
}
