package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.store.Store;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proactive scenarios end to end: the marketing-shop site's scenarios.json, a real server and WebSocket clients. */
class ProactiveScenariosTest {
    private static final String SITE = "marketing-shop";
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

    private static WsClient visitor(boolean consent, String locale) throws Exception {
        WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
        client.hello(frame("hello").put("locale", locale).put("lastSeq", 0).put("consent", consent));
        return client;
    }

    private static void cart(WsClient client, double value) throws Exception {
        client.send(frame("event").put("name", "cart_update").set("data",
                frame("x").put("value", value).put("currency", "EUR")));
    }

    private static void page(WsClient client, String url) throws Exception {
        client.send(frame("event").put("name", "page_view").set("data", frame("x").put("url", url)));
    }

    private static boolean anyProactive(List<JsonNode> frames) {
        return frames.stream().anyMatch(f -> f.path("type").asText().equals("proactive"));
    }

    private static long count(String scenario, String key) {
        return store().variantCounts(SITE, scenario).getOrDefault(key, 0L);
    }

    @Test
    void aBigCartBringsOneStickyProactiveMessageAndTheAnswerIsCounted() throws Exception {
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            String visitorId = client.hello(frame("hello").put("locale", "en-GB").put("lastSeq", 0).put("consent", true))
                    .path("visitorId").asText();
            cart(client, 50);
            assertFalse(anyProactive(client.drain(QUIET)), "a small cart fires nothing");
            Map<String, Long> before = Map.copyOf(store().variantCounts(SITE, "big-cart"));
            cart(client, 250);
            JsonNode proactive = client.next("proactive");
            assertEquals("big-cart", proactive.path("scenarioId").asText());
            String variant = proactive.path("variant").asText();
            Scenario scenario = hub.server().sites().all().stream().filter(s -> s.id().equals(SITE)).findFirst()
                    .orElseThrow().scenarios().scenarios().get(0);
            assertEquals(VariantPicker.pick(visitorId, scenario).id(), variant, "the sticky variant of this visitor");
            assertTrue(proactive.path("text").asText().contains("?"));
            assertTrue(proactive.path("text").asText().matches(".*(cart|delivery).*"), "in English: " + proactive);
            assertTrue(proactive.path("cards").isArray());
            assertEquals(before.getOrDefault(variant + ":shown", 0L) + 1, count("big-cart", variant + ":shown"));

            cart(client, 300);
            assertFalse(anyProactive(client.drain(QUIET)), "at most one per visitor per cap period");

            client.say("c1", "Oui, la livraison ?");
            long answered = before.getOrDefault(variant + ":answered", 0L) + 1;
            for (int i = 0; i < 50 && count("big-cart", variant + ":answered") < answered; i++) {
                Thread.sleep(20);
            }
            assertEquals(answered, count("big-cart", variant + ":answered"));

            // The admin report shows the A/B test, per variant.
            JsonNode report = org.causette.server.wire.Json.MAPPER.readTree(
                    hub.get("/api/sites/" + SITE + "/report", hub.login(SITE, "root")).body());
            assertTrue(report.path("variants").toString().contains("\"variant\":\"" + variant + "\""), report.toString());
        }
    }

    @Test
    void withoutConsentEventsTriggerNothing() throws Exception {
        try (WsClient client = visitor(false, "fr-FR")) {
            cart(client, 500);
            page(client, "https://shop.example/fauteuils/oslo");
            page(client, "https://shop.example/fauteuils/bergen");
            assertFalse(anyProactive(client.drain(QUIET)));
        }
    }

    @Test
    void pagesMatchingAPatternFireAfterTheMinimumNumberOfPages() throws Exception {
        try (WsClient client = visitor(true, "fr-FR")) {
            page(client, "https://shop.example/fauteuils/oslo");
            assertFalse(anyProactive(client.drain(QUIET)), "one page of the two needed");
            page(client, "https://shop.example/fauteuils/bergen");
            JsonNode proactive = client.next("proactive");
            assertEquals("armchairs", proactive.path("scenarioId").asText());
            assertEquals("a", proactive.path("variant").asText());
            assertEquals("Besoin d'aide pour choisir un fauteuil ?", proactive.path("text").asText());
        }
    }

    @Test
    void neverDuringAnOpenConversation() throws Exception {
        try (WsClient client = visitor(true, "fr-FR")) {
            client.say("c1", "Bonjour");
            client.drain(QUIET);
            cart(client, 500);
            assertFalse(anyProactive(client.drain(QUIET)));
        }
    }

    @Test
    void aDismissalIsCountedAndABadOneIsRefused() throws Exception {
        try (WsClient client = visitor(true, "fr-FR")) {
            cart(client, 500);
            JsonNode proactive = client.next("proactive");
            String key = proactive.path("variant").asText() + ":dismissed";
            long before = count("big-cart", key);
            client.send(frame("proactive_dismissed").put("scenarioId", "big-cart"));
            for (int i = 0; i < 50 && count("big-cart", key) == before; i++) {
                Thread.sleep(20);
            }
            assertEquals(before + 1, count("big-cart", key));

            client.send(frame("proactive_dismissed").put("scenarioId", "NOT valid!"));
            JsonNode error = client.next("error");
            assertEquals("bad_request", error.path("code").asText());
            client.send(frame("ping"));
            client.next("pong");
        }
    }
}
