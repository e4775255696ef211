package org.causette.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the staff console needs beyond the contract: site list, canned responses, search, stats, teaching the bot. */
class ConsoleApiTest {
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }

    @Test
    void theSiteListIsPublic() throws Exception {
        JsonNode sites = json(hub.get("/api/sites", null).body());
        assertEquals("test-shop", sites.path("sites").get(0).path("id").asText());
        assertEquals("Test Shop", sites.path("sites").get(0).path("name").asText());
        assertEquals("EUR", sites.path("sites").get(0).path("currency").asText(), "the console writes amounts in it");
    }

    /** The report and the leaderboard read their period the same way, and refuse a bad one with a precise error. */
    @Test
    void reportsAndLeaderboardsRefuseABadPeriod() throws Exception {
        String admin = hub.login("root");
        for (String route : new String[]{"report", "leaderboard"}) {
            var backwards = hub.get("/api/sites/test-shop/" + route + "?from=2026-11-10&to=2026-11-01", admin);
            assertEquals(400, backwards.statusCode(), route);
            assertEquals("bad_request", json(backwards.body()).path("error").asText());
            var tooLong = hub.get("/api/sites/test-shop/" + route + "?from=2024-01-01&to=2026-01-01", admin);
            assertEquals(400, tooLong.statusCode(), route);
            assertTrue(json(tooLong.body()).path("message").asText().contains("a " + route + " covers at most 400 days"),
                    tooLong.body());
            assertEquals(200, hub.get("/api/sites/test-shop/" + route + "?from=2026-10-01&to=2026-11-01", admin).statusCode());
        }
    }

    @Test
    void cannedResponsesComeFromSiteJson() throws Exception {
        String agent = hub.login("anna");
        JsonNode canned = json(hub.get("/api/sites/test-shop/canned", agent).body());
        assertEquals("/livraison", canned.path("cannedResponses").get(0).path("shortcut").asText());
        assertEquals("shipping", canned.path("cannedResponses").get(0).path("intent").asText());
        assertTrue(canned.path("cannedResponses").get(1).path("intent").isMissingNode());
        assertEquals("Merci et à bientôt !", canned.path("cannedResponses").get(1).path("text").path("en").asText());
        assertEquals(401, hub.get("/api/sites/test-shop/canned", null).statusCode());
    }

    @Test
    void searchFindsConversationsByWhatWasSaid() throws Exception {
        try (WsClient visitor = hub.visitor()) {
            String id = visitor.say("s1", "Avez-vous un abat-jour en lin naturel ?").path("conversationId").asText();
            String agent = hub.login("anna");
            JsonNode found = json(hub.get("/api/sites/test-shop/conversations?q=ABAT-JOUR", agent).body());
            assertEquals(id, found.path("conversations").get(0).path("conversationId").asText());
            assertEquals("ABAT-JOUR", found.path("query").asText(), "the server says it searched");
            JsonNode none = json(hub.get("/api/sites/test-shop/conversations?q=zeppelin", agent).body());
            assertEquals(0, none.path("conversations").size());
            JsonNode forAmbassador = json(hub.get("/api/sites/test-shop/conversations?q=abat-jour", hub.login("leo")).body());
            assertEquals(0, forAmbassador.path("conversations").size(), "not handed to the ambassador");
        }
    }

    @Test
    void staffSeeHowManyShoppersTheyHelped() throws Exception {
        try (TestHub.Staff leo = hub.staff("leo"); WsClient visitor = hub.visitor()) {
            visitor.send(frame("message").put("clientId", "q1").put("text", "Quelle ampoule ?").put("payload", "INTENT:lamp_advice"));
            String id = visitor.next("ack").path("conversationId").asText();
            leo.socket().next("assigned");
            leo.socket().send(frame("close").put("conversationId", id));
            visitor.nextMatching(f -> f.path("state").asText().equals("closed"), "closed");
            visitor.send(frame("rate").put("score", 5));
            visitor.send(frame("ping"));
            visitor.next("pong");
            Thread.sleep(200);
            JsonNode stats = json(hub.get("/api/me/stats", leo.token()).body());
            assertEquals(1, stats.path("helped").asInt());
            assertEquals(5.0, stats.path("ratingAverage").asDouble());
        }
    }

    @Test
    void anAdminTeachesTheBotANewAnswerWithoutRestart() throws Exception {
        String admin = hub.login("root");
        String question = "Proposez-vous un emballage cadeau ?";
        assertEquals(400, hub.post("/api/sites/test-shop/teach", "{\"text\":\"" + question + "\",\"intent\":\"gift_wrap\"}", admin)
                .statusCode(), "a new intent needs its answer");
        assertEquals(403, hub.post("/api/sites/test-shop/teach", "{\"text\":\"x\",\"intent\":\"shipping\"}", hub.login("anna"))
                .statusCode(), "admins only");
        var taught = hub.post("/api/sites/test-shop/teach", "{\"text\":\"" + question + "\",\"intent\":\"gift_wrap\",\"lang\":\"fr\","
                + "\"answer\":{\"fr\":\"Oui, l'emballage cadeau est offert : cochez-le au moment de payer.\","
                + "\"en\":\"Yes, gift wrapping is free: tick it at checkout.\"}}", admin);
        assertEquals(200, taught.statusCode(), taught.body());
        assertEquals("gift_wrap", json(taught.body()).path("now").path("name").asText(), taught.body());
        try (WsClient visitor = hub.visitor()) {
            visitor.say("g1", question);
            JsonNode reply = visitor.nextMatching(f -> f.path("type").asText().equals("message")
                    && f.path("from").path("role").asText().equals("bot"), "the bot's answer");
            assertTrue(reply.path("text").asText().contains("emballage cadeau est offert"), reply.toString());
        }
        assertEquals(1, hub.server().store().lessons("test-shop").size());
    }

    @Test
    void transfersListTheSitesPeopleAndWhoIsOnline() throws Exception {
        try (TestHub.Staff zoe = hub.staff("zoe")) {
            JsonNode staff = json(hub.get("/api/sites/test-shop/staff", hub.login("anna")).body());
            JsonNode zoeRow = null;
            for (JsonNode row : staff.path("staff")) {
                assertTrue(row.path("passwordHash").isMissingNode(), "never the hash");
                if (row.path("id").asText().equals("zoe")) {
                    zoeRow = row;
                }
            }
            assertTrue(zoeRow != null && zoeRow.path("online").asBoolean(), staff.toString());
            assertEquals(403, hub.get("/api/sites/test-shop/staff", hub.login("leo")).statusCode(), "not for ambassadors");
        }
    }

    @Test
    void teachingOffersEveryIntentTheBotKnows() throws Exception {
        JsonNode intents = json(hub.get("/api/sites/test-shop/intents", hub.login("root")).body());
        String ids = intents.path("intents").toString();
        assertTrue(ids.contains("\"product_price\"") && ids.contains("\"lamp_advice\""), ids);
        // Agents too (the bot's suggestion names the intent), not ambassadors.
        assertEquals(200, hub.get("/api/sites/test-shop/intents", hub.login("anna")).statusCode());
        assertEquals(403, hub.get("/api/sites/test-shop/intents", hub.login("leo")).statusCode());
    }

    @Test
    void parseSuggestsTheBotsAnswer() throws Exception {
        var parsed = hub.post("/api/sites/test-shop/parse", "{\"text\":\"Combien coûte la livraison ?\"}", hub.login("anna"));
        JsonNode body = json(parsed.body());
        assertEquals("shipping", body.path("intent").path("name").asText(), parsed.body());
        assertTrue(body.path("reply").path("text").asText().contains("5,90"), parsed.body());
    }
}
