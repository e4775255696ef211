package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestClock;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the demo's README promises a newcomer (docs/marketing.md): on the bundled demo shop, leaving a cart alone
 * for a minute brings the A/B-tested bubble with the cart's product, half a minute on a product page brings the
 * related products, and both are counted in the admin's report. The clock is the test's: no real minute waited.
 */
class DemoScenariosTest {
    private static final String SITE = "demo";
    private static final TestClock CLOCK = TestClock.startingNow();
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(TestSites.resource("demo/site"), CLOCK);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static WsClient consentingShopper() throws Exception {
        WsClient client = WsClient.visitor(hub.port(), SITE, "http://127.0.0.1");
        client.hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", true));
        return client;
    }

    /** Moves the clock past a trigger's wait and runs the timer sweep now (housekeeping would within a second). */
    private static void wait(Duration duration) {
        CLOCK.advance(duration);
        hub.server().proactive().sweep();
    }

    @Test
    void aCartLeftAloneAndALongLookAtAProductBringTheirBubblesAndTheReportCountsThem() throws Exception {
        String variant;
        try (WsClient shopper = consentingShopper()) {
            ObjectNode cart = frame("x").put("value", 299.0).put("currency", "EUR");
            cart.putArray("items").addObject().put("sku", "OSLO-GRIS").put("productSku", "OSLO").put("quantity", 1)
                    .put("price", 299.0);
            shopper.send(frame("event").put("name", "cart_update").set("data", cart));
            Thread.sleep(300); // the event reaches the visitor's lane before the clock moves
            wait(Duration.ofSeconds(61));

            JsonNode bubble = shopper.next("proactive");
            assertEquals("cart-left", bubble.path("scenarioId").asText());
            variant = bubble.path("variant").asText();
            assertTrue(List.of("a", "b").contains(variant), bubble.toString());
            assertEquals("OSLO", bubble.path("cards").get(0).path("sku").asText(), "the cart's product as a card");

            shopper.send(frame("message").put("clientId", "demo-1").put("text", "Vous livrez en Belgique ?"));
            assertTrue(shopper.next("ack").path("conversationId").isTextual(), "answering opens a conversation");
        }

        try (WsClient browsing = consentingShopper()) {
            browsing.send(frame("event").put("name", "page_view")
                    .set("data", frame("x").put("url", "http://127.0.0.1:8080/product.html?sku=LUNA")));
            Thread.sleep(300);
            wait(Duration.ofSeconds(31));
            JsonNode bubble = browsing.next("proactive");
            assertEquals("hesitating", bubble.path("scenarioId").asText());
            List<String> cards = new ArrayList<>();
            bubble.path("cards").forEach(c -> cards.add(c.path("sku").asText()));
            assertFalse(cards.isEmpty(), "related products as cards");
            assertTrue(List.of("PILOU", "VELIA", "VEGA").containsAll(cards), "Luna's related products: " + cards);
        }

        JsonNode report = Json.MAPPER.readTree(hub.get("/api/sites/" + SITE + "/report", demoAdmin()).body());
        JsonNode cartLeft = scenario(report, "cart-left");
        JsonNode row = null;
        for (JsonNode v : cartLeft.path("variants")) {
            if (v.path("variant").asText().equals(variant)) {
                row = v;
            }
        }
        assertTrue(row != null, cartLeft.toString());
        assertEquals(1, row.path("shown").asLong(), row.toString());
        assertEquals(1, row.path("answered").asLong(), row.toString());
        assertEquals(2, cartLeft.path("variants").size(), "an A/B test: " + cartLeft);
        assertEquals(1, scenario(report, "hesitating").path("variants").get(0).path("shown").asLong());
    }

    /** The demo's admin login, as its README prints it. */
    private static String demoAdmin() throws Exception {
        var response = hub.post("/api/login", "{\"site\":\"demo\",\"username\":\"admin\",\"password\":\"admin-demo\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).path("token").asText();
    }

    private static JsonNode scenario(JsonNode report, String id) {
        for (JsonNode s : report.path("variants")) {
            if (s.path("scenarioId").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError(id + " not in the report's variants: " + report.path("variants"));
    }
}
