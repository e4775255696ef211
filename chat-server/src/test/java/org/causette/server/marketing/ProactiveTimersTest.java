package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.support.TestClock;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time-based triggers, exit intent, segments, cards and the greeting A/B test, end to end on the marketing-shop
 * site, with a clock the test moves: no waiting for real minutes. Each test uses new visitors (the cap is per visitor).
 */
class ProactiveTimersTest {
    private static final String SITE = "marketing-shop";
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final TestClock CLOCK = TestClock.startingNow();
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(TestSites.resource("sites/" + SITE), CLOCK);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static WsClient visitor(String token) throws Exception {
        WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN);
        ObjectNode hello = frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", true);
        if (token != null) {
            hello.put("visitorToken", token);
        }
        client.hello(hello);
        return client;
    }

    /**
     * Waits until the visitor's lane has handled everything sent before: a rating without a closed conversation is
     * answered with not_found from that same lane. Then moving the clock cannot overtake an event still on its way.
     *
     * @return the frames that came before that answer (a proactive message fired at once is among them)
     */
    private static List<JsonNode> settle(WsClient client) throws Exception {
        client.send(frame("rate").put("score", 5));
        List<JsonNode> before = new java.util.ArrayList<>();
        while (true) {
            JsonNode next = client.next();
            if (next.path("type").asText().equals("error") && next.path("code").asText().equals("not_found")) {
                return before;
            }
            before.add(next);
        }
    }

    private static List<JsonNode> event(WsClient client, String name, ObjectNode data) throws Exception {
        client.send(frame("event").put("name", name).set("data", data));
        return settle(client);
    }

    private static JsonNode proactiveIn(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.path("type").asText().equals("proactive")).findFirst()
                .orElseThrow(() -> new AssertionError("no proactive frame in " + frames));
    }

    private static ObjectNode cart(double value, String... skus) {
        ObjectNode data = frame("x").put("value", value).put("currency", "EUR");
        var items = data.putArray("items");
        for (String sku : skus) {
            items.addObject().put("sku", sku).put("quantity", 1);
        }
        return data;
    }

    private static ObjectNode page(String url) {
        return frame("x").put("url", url);
    }

    /** Waits until the hub has seen every visitor socket of this class close (its connections gauge). */
    private static void untilNoVisitorSocketIsOpen() throws Exception {
        for (int i = 0; i < 250; i++) {
            if (hub.get("/metrics", null).body().contains("causette_connections{kind=\"visitor\"} 0.0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("visitor sockets still open on the hub");
    }

    /** Moves the clock and runs the timer sweep at once (the housekeeping one would within a second anyway). */
    private static void advance(Duration duration) {
        CLOCK.advance(duration);
        hub.server().proactive().sweep();
    }

    private static boolean anyProactive(List<JsonNode> frames) {
        return frames.stream().anyMatch(f -> f.path("type").asText().equals("proactive"));
    }

    private static void assertNoProactive(List<JsonNode> frames, String why) {
        assertFalse(anyProactive(frames), why + ": " + frames);
    }

    private static List<String> skus(JsonNode proactive) {
        List<String> skus = new java.util.ArrayList<>();
        proactive.path("cards").forEach(c -> skus.add(c.path("sku").asText()));
        return skus;
    }

    private static long count(String scenario, String key) {
        return hub.server().store().variantCounts(SITE, scenario).getOrDefault(key, 0L);
    }

    private static long eventually(String scenario, String key, long expected) throws InterruptedException {
        for (int i = 0; i < 100 && count(scenario, key) < expected; i++) {
            Thread.sleep(20);
        }
        return count(scenario, key);
    }

    // ---- time on page ----------------------------------------------------------------------------------------------

    @Test
    void stayingOnAPageFiresAfterItsSecondsWithTheRelatedProductsAsCards() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "page_view", page("https://shop.example/luna"));
            advance(Duration.ofSeconds(44));
            assertNoProactive(client.drain(QUIET), "44 of the 45 seconds");
            advance(Duration.ofSeconds(1));
            JsonNode proactive = client.next("proactive");
            assertEquals("linger", proactive.path("scenarioId").asText());
            assertEquals("Vous hésitez ? Voici ce qui va bien avec Luna.", proactive.path("text").asText());
            assertEquals(List.of("SOLA"), skus(proactive), "Luna's related product, as the bot would show it");
            JsonNode card = proactive.path("cards").get(0);
            assertEquals("Lampadaire Sola", card.path("title").asText());
            assertTrue(card.path("price").asText().contains("249"), card.toString());
            assertTrue(card.path("buttons").toString().contains("INTENT:product_stock|SOLA"), card.toString());
        }
    }

    @Test
    void aNewerPageViewStartsTheTimeOnPageAgainAndOtherPagesDoNotCount() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "page_view", page("https://shop.example/luna"));
            advance(Duration.ofSeconds(30));
            event(client, "page_view", page("https://shop.example/sola"));
            advance(Duration.ofSeconds(60));
            assertNoProactive(client.drain(QUIET), "the visitor left Luna's page after 30 s");
            event(client, "page_view", page("https://shop.example/luna"));
            advance(Duration.ofSeconds(30));
            event(client, "page_view", page("https://shop.example/luna?colour=blanc"));
            advance(Duration.ofSeconds(30));
            assertNoProactive(client.drain(QUIET), "30 s on the newer page only");
            advance(Duration.ofSeconds(15));
            assertEquals("linger", client.next("proactive").path("scenarioId").asText());
        }
    }

    // ---- cart abandonment --------------------------------------------------------------------------------------------

    @Test
    void aCartLeftAloneForItsMinutesFiresWithTheCartsProductsAsCards() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "cart_update", cart(120, "LUNA-BLANC"));
            advance(Duration.ofMinutes(5));
            event(client, "page_view", page("https://shop.example/"));
            advance(Duration.ofSeconds(299));
            assertNoProactive(client.drain(QUIET), "viewing pages does not touch the cart: 10 min from the update");
            advance(Duration.ofSeconds(1));
            JsonNode proactive = client.next("proactive");
            assertEquals("cart-left", proactive.path("scenarioId").asText());
            assertEquals(List.of("LUNA"), skus(proactive), "the cart's product (its variant's SKU stands for it)");
            assertTrue(proactive.path("cards").get(0).path("imageUrl").asText().endsWith("luna.jpg"));
        }
    }

    @Test
    void aNewCartUpdateRestartsTheWaitAndACheckoutOrAnEmptyCartCancelsIt() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "cart_update", cart(120, "LUNA"));
            advance(Duration.ofMinutes(8));
            event(client, "cart_update", cart(180, "LUNA", "SOLA"));
            advance(Duration.ofMinutes(8));
            assertNoProactive(client.drain(QUIET), "8 min since the last update");
            advance(Duration.ofMinutes(2));
            JsonNode proactive = client.next("proactive");
            assertEquals(List.of("LUNA", "SOLA"), skus(proactive));
        }
        try (WsClient client = visitor(null)) {
            event(client, "cart_update", cart(120, "LUNA"));
            event(client, "checkout", frame("x").put("value", 120));
            advance(Duration.ofMinutes(11));
            assertNoProactive(client.drain(QUIET), "checked out");
        }
        try (WsClient client = visitor(null)) {
            event(client, "cart_update", cart(120, "LUNA"));
            event(client, "cart_update", cart(0));
            advance(Duration.ofMinutes(11));
            assertNoProactive(client.drain(QUIET), "emptied");
        }
        try (WsClient client = visitor(null)) {
            event(client, "cart_update", cart(30, "LUNA"));
            advance(Duration.ofMinutes(11));
            assertNoProactive(client.drain(QUIET), "under the scenario's minCartValue of 50");
        }
    }

    @Test
    void aVisitorWhoLeftWithACartGetsTheMessageWhenTheyComeBack() throws Exception {
        String token;
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            token = client.hello(frame("hello").put("locale", "en-GB").put("lastSeq", 0).put("consent", true))
                    .path("visitorToken").asText();
            event(client, "cart_update", cart(99, "SOLA-LAITON"));
        }
        untilNoVisitorSocketIsOpen(); // else the check could still find the closing socket and spend the cap on it
        advance(Duration.ofMinutes(30)); // The check finds no socket: nothing is sent, nothing is kept.
        try (WsClient back = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            back.send(frame("hello").put("visitorToken", token).put("locale", "en-GB").put("lastSeq", 0).put("consent", true));
            JsonNode proactive = back.next("proactive");
            assertEquals("cart-left", proactive.path("scenarioId").asText());
            assertTrue(proactive.path("text").asText().matches("Your cart is waiting\\.|A question before you order\\?"),
                    "in English: " + proactive);
            assertEquals(List.of("SOLA"), skus(proactive));
        }
    }

    @Test
    void theCapStillHoldsAcrossTimerTriggers() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "page_view", page("https://shop.example/luna"));
            event(client, "cart_update", cart(120, "LUNA"));
            advance(Duration.ofSeconds(45));
            assertEquals("linger", client.next("proactive").path("scenarioId").asText());
            advance(Duration.ofMinutes(11));
            assertNoProactive(client.drain(QUIET), "one proactive message per visitor per cap period");
        }
    }

    @Test
    void withoutConsentNoTimerStarts() throws Exception {
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            client.hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", false));
            event(client, "page_view", page("https://shop.example/luna"));
            event(client, "cart_update", cart(120, "LUNA"));
            advance(Duration.ofMinutes(11));
            assertNoProactive(client.drain(QUIET), "nothing");
        }
    }

    // ---- exit intent and segments ------------------------------------------------------------------------------------

    @Test
    void exitIntentFiresForTheSegmentOfNewcomers() throws Exception {
        try (WsClient client = visitor(null)) {
            JsonNode proactive = proactiveIn(event(client, "custom", frame("x").put("name", "exit_intent")
                    .set("data", page("https://shop.example/"))));
            assertEquals("leaving", proactive.path("scenarioId").asText());
            assertEquals(0, proactive.path("cards").size());
        }
        String token;
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            token = client.hello(frame("hello").put("locale", "fr-FR").put("lastSeq", 0).put("consent", true))
                    .path("visitorToken").asText();
        }
        advance(Duration.ofMinutes(31));
        try (WsClient returning = visitor(token)) {
            assertNoProactive(event(returning, "custom", frame("x").put("name", "exit_intent")),
                    "first seen over 30 minutes ago: not a newcomer");
            assertNoProactive(event(returning, "custom", frame("x").put("name", "something_else")), "another custom event");
        }
    }

    @Test
    void aSegmentOfBigSpendersIsComputedFromTheirPurchases() throws Exception {
        try (WsClient client = visitor(null)) {
            event(client, "purchase", frame("x").put("value", 120).put("orderId", "o1"));
            assertNoProactive(event(client, "page_view", page("https://shop.example/vip")), "120 spent, 300 needed");
            event(client, "purchase", frame("x").put("value", 200).put("orderId", "o2"));
            JsonNode proactive = proactiveIn(event(client, "page_view", page("https://shop.example/vip")));
            assertEquals("vip-corner", proactive.path("scenarioId").asText());
            assertEquals(List.of("SOLA"), skus(proactive), "the variant's own list of SKUs");
        }
    }

    // ---- the greeting as an A/B test ---------------------------------------------------------------------------------

    @Test
    void theGreetingIsTheVisitorsStickyVariantCountedOncePerSessionAndAnswered() throws Exception {
        Scenario greeting = hub.server().sites().all().stream().filter(s -> s.id().equals(SITE)).findFirst().orElseThrow()
                .scenarios().greeting().orElseThrow();
        String token;
        String variant;
        try (WsClient client = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            JsonNode welcome = client.hello(frame("hello").put("locale", "en-US").put("lastSeq", 0));
            token = welcome.path("visitorToken").asText();
            variant = welcome.path("greeting").path("variant").asText();
            assertEquals(VariantPicker.pick(welcome.path("visitorId").asText(), greeting).id(), variant);
            assertTrue(welcome.path("greeting").path("text").asText().matches("Hello! .*|Welcome! .*"), welcome.toString());
            assertEquals(variant.equals("b") ? 1 : 0, welcome.path("greeting").path("quickReplies").size());

            long shown = count(Scenario.GREETING, variant + ":shown");
            long answered = count(Scenario.GREETING, variant + ":answered");
            client.send(frame("greeting_shown").put("variant", variant));
            client.send(frame("greeting_shown").put("variant", variant));
            settle(client);
            assertEquals(shown + 1, count(Scenario.GREETING, variant + ":shown"), "once per session");
            client.say("g1", "Hello");
            assertEquals(answered + 1, eventually(Scenario.GREETING, variant + ":answered", answered + 1));

            client.send(frame("greeting_shown").put("variant", "Not Valid"));
            assertEquals("bad_request", client.next("error").path("code").asText());
            String other = variant.equals("a") ? "b" : "a";
            long otherShown = count(Scenario.GREETING, other + ":shown");
            client.send(frame("greeting_shown").put("variant", other));
            settle(client);
            assertEquals(otherShown, count(Scenario.GREETING, other + ":shown"), "not this visitor's variant: not counted");
        }
        try (WsClient again = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            JsonNode welcome = again.hello(frame("hello").put("visitorToken", token).put("locale", "fr-FR").put("lastSeq", 0));
            assertEquals(variant, welcome.path("greeting").path("variant").asText(), "the same variant on every visit");
            assertTrue(welcome.path("greeting").path("text").asText().matches("Bonjour ! .*|Bienvenue ! .*"));
        }
        // A purchase after the greeting was shown credits its variant, as a bubble's would be.
        try (WsClient buyer = WsClient.visitor(hub.port(), SITE, TestSites.ALLOWED_ORIGIN)) {
            buyer.hello(frame("hello").put("visitorToken", token).put("locale", "fr-FR").put("lastSeq", 0).put("consent", true));
            long converted = count(Scenario.GREETING, variant + ":converted");
            buyer.send(frame("event").put("name", "purchase").set("data", frame("x").put("value", 80)
                    .put("currency", "EUR").put("orderId", "GREET-1")));
            assertEquals(converted + 1, eventually(Scenario.GREETING, variant + ":converted", converted + 1));
        }
        var report = VariantReport.build(hub.server().store(), SITE, hub.server().sites().all().stream()
                .filter(s -> s.id().equals(SITE)).findFirst().orElseThrow().scenarios());
        assertTrue(report.stream().anyMatch(r -> Scenario.GREETING.equals(r.get("scenarioId"))), Json.MAPPER.writeValueAsString(report));
    }
}
