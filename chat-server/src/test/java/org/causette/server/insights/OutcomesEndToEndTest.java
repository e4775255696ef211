package org.causette.server.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.store.Store;
import org.causette.server.store.VisitorEvent;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outcomes end to end on the insights-shop site (NPS on, a 7-day window, the marketing scenarios): a real server and
 * WebSocket clients, the store checked behind them.
 */
class OutcomesEndToEndTest {
    private static final String SITE = "insights-shop";
    private static final Duration QUIET = Duration.ofMillis(600);
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(TestSites.resource("sites/" + SITE));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Store store() {
        return hub.server().store();
    }

    private static WsClient visitor(String token, boolean consent) throws Exception {
        WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
        ObjectNode hello = frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", consent);
        if (token != null) {
            hello.put("visitorToken", token);
        }
        client.hello(hello);
        return client;
    }

    private static void purchase(WsClient client, ObjectNode data) throws Exception {
        client.send(frame("event").put("name", "purchase").set("data", data));
    }

    private static ObjectNode order(String orderId, double value) {
        return frame("x").put("orderId", orderId).put("value", value).put("currency", "EUR");
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static long purchases(String visitorId) {
        return store().events(SITE, visitorId).stream().map(VisitorEvent::name).filter("purchase"::equals).count();
    }

    @Test
    void anOrderSentTwiceOrFromTwoTabsIsStoredOnce() throws Exception {
        try (WsClient tab1 = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            JsonNode welcome = tab1.hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", true));
            String visitorId = welcome.path("visitorId").asText();
            try (WsClient tab2 = visitor(welcome.path("visitorToken").asText(), true)) {
                purchase(tab1, order("CMD-1", 89.9));
                purchase(tab1, order("CMD-1", 89.9));
                purchase(tab2, order("CMD-1", 89.9));
                purchase(tab2, order("CMD-2", 10));
                purchase(tab1, frame("x").put("value", 5)); // no order id: kept as is
                purchase(tab1, frame("x").put("value", 5));
                eventually(() -> purchases(visitorId) >= 4, "the purchases are stored");
                Thread.sleep(300);
                assertEquals(4, purchases(visitorId), "CMD-1 once, CMD-2 once, two purchases without order id");
            }
        }
    }

    @Test
    void badPurchaseDataIsRefusedWithBadRequest() throws Exception {
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            String visitorId = client.hello(frame("hello").put("lastSeq", 0).put("consent", true)).path("visitorId").asText();
            for (ObjectNode bad : List.of(frame("x").put("value", -5), frame("x").put("value", "12.50"),
                    frame("x").put("value", 1e12), frame("x").put("value", 10).put("orderId", 123),
                    frame("x").put("value", 10).put("orderId", "x".repeat(101)), frame("x").put("value", 10).put("currency", "EUROS"),
                    frame("x").put("value", 10).put("currency", "eur"))) {
                purchase(client, bad);
                JsonNode error = client.next("error");
                assertEquals("bad_request", error.path("code").asText(), bad.toString());
                assertTrue(error.path("message").asText().startsWith("purchase "), error.toString());
            }
            assertTrue(client.isOpen());
            Thread.sleep(200);
            assertEquals(0, purchases(visitorId));
        }
    }

    @Test
    void aShopperShownAVariantWhoBuysCountsForIt() throws Exception {
        try (WsClient client = visitor(null, true)) {
            client.send(frame("event").put("name", "cart_update").set("data", frame("x").put("value", 250)));
            JsonNode proactive = client.next("proactive");
            String variant = proactive.path("variant").asText();
            String converted = variant + ":" + PurchaseRecorder.CONVERTED;
            long before = store().variantCounts(SITE, "big-cart").getOrDefault(converted, 0L);
            long revenueBefore = store().variantCounts(SITE, "big-cart").getOrDefault(variant + ":revenueCents", 0L);
            purchase(client, order("CMD-" + Instant.now().toEpochMilli(), 120));
            eventually(() -> store().variantCounts(SITE, "big-cart").getOrDefault(converted, 0L) == before + 1, "converted");
            // The revenue is a second counter, written just after the conversion's: wait for it too, not only the first.
            eventually(() -> store().variantCounts(SITE, "big-cart").containsKey(variant + ":revenueCents")
                    && store().variantCounts(SITE, "big-cart").get(variant + ":revenueCents") >= revenueBefore + 12_000, "revenue");
            assertEquals(revenueBefore + 12_000, store().variantCounts(SITE, "big-cart").get(variant + ":revenueCents"));

            JsonNode report = Json.MAPPER.readTree(hub.get("/api/sites/" + SITE + "/report", hub.login(SITE, "root")).body());
            JsonNode row = null;
            for (JsonNode v : report.path("variants").get(0).path("variants")) {
                if (v.path("variant").asText().equals(variant)) {
                    row = v;
                }
            }
            assertTrue(row != null && row.path("converted").asLong() >= 1 && row.path("revenue").asDouble() >= 120, report.toString());
            for (String field : List.of("conversions", "conversionValue", "conversionRate", "conversionsByHelper", "funnel",
                    "nps", "satisfaction", "attributionDays")) {
                assertTrue(report.has(field), field + " in " + report);
            }
        }
    }

    private static WsClient staff(String username) throws Exception {
        WsClient socket = WsClient.connect(URI.create("ws://127.0.0.1:" + hub.port() + "/ws/staff"), null);
        socket.hello(frame("hello").put("token", hub.login(SITE, username)));
        return socket;
    }

    /** A conversation with Anna, closed by her. */
    private static String closedWithAnna(WsClient visitor, WsClient anna, String clientId) throws Exception {
        visitor.send(frame("message").put("clientId", clientId).put("text", "Parler à un conseiller").put("payload", "INTENT:human_request"));
        String conversationId = visitor.next("ack").path("conversationId").asText();
        anna.next("assigned");
        anna.send(frame("message").put("conversationId", conversationId).put("clientId", "a-" + clientId).put("text", "Bonjour !"));
        anna.next("ack");
        anna.send(frame("close").put("conversationId", conversationId));
        visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "closed");
        return conversationId;
    }

    @Test
    void theNpsQuestionComesOnceAfterTheRatingAndOneAnswerIsKept() throws Exception {
        try (WsClient anna = staff("anna"); WsClient tab1 = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            JsonNode welcome = tab1.hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0));
            String visitorId = welcome.path("visitorId").asText();
            try (WsClient tab2 = visitor(welcome.path("visitorToken").asText(), false)) {
                String first = closedWithAnna(tab1, anna, "n1");
                tab2.send(frame("nps").put("score", 9));
                assertEquals("not_found", tab2.next("error").path("code").asText(), "not asked yet");

                tab1.send(frame("rate").put("score", 5));
                JsonNode ask = tab1.next("nps_request");
                assertEquals(first, ask.path("conversationId").asText());
                for (ObjectNode bad : List.of(frame("nps").put("score", 11), frame("nps").put("score", 7.5),
                        frame("nps").put("score", 4_294_967_305L), // would wrap to 9 as an int
                        frame("nps").put("score", "9"), frame("nps"))) {
                    tab1.send(bad);
                    assertEquals("bad_request", tab1.next("error").path("code").asText(), bad.toString());
                }
                tab1.send(frame("nps").put("score", 9).put("comment", "Anna a été parfaite"));
                eventually(() -> store().npsAnswers(SITE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(1)).stream()
                        .anyMatch(a -> a.visitorId().equals(visitorId)), "the answer is stored");
                tab2.send(frame("nps").put("score", 2));
                assertEquals("not_found", tab2.next("error").path("code").asText(), "one answer per question");
                assertEquals(1, store().npsAnswers(SITE, Instant.now().minusSeconds(60), Instant.now().plusSeconds(1)).stream()
                        .filter(a -> a.visitorId().equals(visitorId) && a.conversationId().equals(first)
                                && a.score() == 9).count());

                // Another conversation in the same period: rated, and not asked again.
                closedWithAnna(tab1, anna, "n2");
                tab1.send(frame("rate_skipped"));
                tab1.send(frame("rate").put("score", 4));
                assertFalse(tab1.drain(QUIET).stream().anyMatch(f -> f.path("type").asText().equals("nps_request")),
                        "at most once per period");
            }
        }
    }

    @Test
    void skippingTheRatingAlsoLeadsToTheQuestionAndNeedsAClosedConversation() throws Exception {
        try (WsClient anna = staff("anna"); WsClient client = visitor(null, false)) {
            client.send(frame("rate_skipped"));
            assertEquals("not_found", client.next("error").path("code").asText());
            String conversationId = closedWithAnna(client, anna, "s1");
            client.send(frame("rate_skipped"));
            assertEquals(conversationId, client.next("nps_request").path("conversationId").asText());
        }
    }

    @Test
    void theLeaderboardIsForAmbassadorsAndAdmins() throws Exception {
        JsonNode forLeo = Json.MAPPER.readTree(hub.get("/api/sites/" + SITE + "/leaderboard", hub.login(SITE, "leo")).body());
        assertEquals("leo", forLeo.path("me").path("staffId").asText(), forLeo.toString());
        assertEquals(1, forLeo.path("me").path("rank").asInt());
        assertEquals(10, forLeo.path("rules").path("csat5").asInt());
        String admin = hub.login(SITE, "root");
        assertEquals(200, hub.get("/api/sites/" + SITE + "/leaderboard?from=2026-01-01", admin).statusCode());
        assertTrue(Json.MAPPER.readTree(hub.get("/api/sites/" + SITE + "/leaderboard", admin).body()).path("me").isNull());
        assertEquals(403, hub.get("/api/sites/" + SITE + "/leaderboard", hub.login(SITE, "anna")).statusCode());
        assertEquals(401, hub.get("/api/sites/" + SITE + "/leaderboard", null).statusCode());
        assertEquals(400, hub.get("/api/sites/" + SITE + "/leaderboard?from=soon", admin).statusCode());
        assertEquals(403, hub.get("/api/sites/test-shop/leaderboard", admin).statusCode(), "another site's");
    }
}
