package org.causette.server.insights;

import org.causette.server.config.scenario.Conditions;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Scenarios;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.config.scenario.Variant;
import org.causette.server.marketing.VariantReport;
import org.causette.server.store.Exposure;
import org.causette.server.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Purchases credited to the proactive variants a shopper was shown, and the report's test on conversions. */
class VariantConversionsTest {
    private static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
    private static final Scenarios SCENARIOS = new Scenarios(Scenarios.DEFAULT_CAP, List.of(new Scenario("cart",
            new Trigger(Trigger.On.CART_UPDATE, null, 0, 100, false), Conditions.NONE, List.of(
            new Variant("a", 1, Map.of("fr", "A"), List.of()), new Variant("b", 1, Map.of("fr", "B"), List.of())))));

    @Test
    void eachOrderCountsOnceForEachVariantShownWithinTheWindow() {
        MemoryStore store = new MemoryStore();
        Shop shop = new Shop(store, 7);
        PurchaseRecorder recorder = new PurchaseRecorder(store);
        store.saveExposure(new Exposure(Shop.ID, "v1", "cart", "b", T.minus(Duration.ofDays(3))));
        store.saveExposure(new Exposure(Shop.ID, "v1", "pages", "a", T.minus(Duration.ofDays(1))));
        store.saveExposure(new Exposure(Shop.ID, "v1", "pages", "a", T.minus(Duration.ofHours(12)))); // shown again

        assertTrue(recorder.record(shop.site, shop.purchase("v1", "O1", 120.5, "EUR", T)));
        assertFalse(recorder.record(shop.site, shop.purchase("v1", "O1", 120.5, "EUR", T.plusSeconds(2))), "the same order");
        assertEquals(Map.of("b:converted", 1L, "b:revenueCents", 12_050L), store.variantCounts(Shop.ID, "cart"));
        assertEquals(Map.of("a:converted", 1L, "a:revenueCents", 12_050L), store.variantCounts(Shop.ID, "pages"));

        // 5 days later, 8 days after "cart" was shown: only "pages" (5.5 days) gets it; paid in USD: no revenue.
        assertTrue(recorder.record(shop.site, shop.purchase("v1", "O2", 30, "USD", T.plus(Duration.ofDays(5)))));
        assertEquals(Map.of("b:converted", 1L, "b:revenueCents", 12_050L), store.variantCounts(Shop.ID, "cart"));
        assertEquals(Map.of("a:converted", 2L, "a:revenueCents", 12_050L), store.variantCounts(Shop.ID, "pages"));

        // Without an order id, each purchase event counts.
        assertTrue(recorder.record(shop.site, shop.purchase("v1", null, 1, null, T.plusSeconds(60))));
        assertTrue(recorder.record(shop.site, shop.purchase("v1", null, 1, null, T.plusSeconds(61))));
        assertEquals(3L, store.variantCounts(Shop.ID, "cart").get("b:converted"));
        assertEquals(12_250L, store.variantCounts(Shop.ID, "cart").get("b:revenueCents"));
        assertEquals(4, store.events(Shop.ID, "v1").size());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variants(MemoryStore store) {
        return (List<Map<String, Object>>) VariantReport.build(store, "s", SCENARIOS).get(0).get("variants");
    }

    private static void count(MemoryStore store, String variant, String stat, long n) {
        store.addToVariant("s", "cart", variant, stat, n);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportTestsConversionsLikeAnswers() {
        MemoryStore store = new MemoryStore();
        count(store, "a", "shown", 1000);
        count(store, "a", "converted", 50);
        count(store, "a", "revenueCents", 250_000);
        count(store, "b", "shown", 1000);
        count(store, "b", "converted", 80);
        count(store, "b", "revenueCents", 412_345);
        Map<String, Object> a = variants(store).get(0);
        Map<String, Object> b = variants(store).get(1);
        assertEquals(50L, a.get("converted"));
        assertEquals(0.05, (double) a.get("conversionRate"), 1e-12);
        assertEquals(2500.0, a.get("revenue"));
        assertEquals(4123.45, b.get("revenue"));
        Map<String, Object> test = (Map<String, Object>) b.get("conversionComparison");
        // By hand: rates 0.05 and 0.08; pooled 130/2000 = 0.065; se = sqrt(0.065 × 0.935 × (1/1000 + 1/1000))
        // = 0.0110250; z = 0.03 / 0.0110250 = 2.7211; two-sided p = 2 × (1 − Φ(2.7211)) = 0.00651.
        assertEquals(0.03, (double) test.get("difference"), 1e-12);
        assertEquals(2.7211, (double) test.get("z"), 1e-4);
        assertEquals(0.00651, (double) test.get("pValue"), 1e-4);
        assertEquals("better", test.get("verdict"));
        assertEquals("a", test.get("against"));

        MemoryStore small = new MemoryStore();
        count(small, "a", "shown", 40);
        count(small, "b", "shown", 40);
        count(small, "b", "converted", 30);
        Map<String, Object> early = (Map<String, Object>) variants(small).get(1).get("conversionComparison");
        assertTrue(((String) early.get("verdict")).startsWith("not enough data yet"), early.toString());
        assertEquals(0L, variants(small).get(0).get("converted"));
        assertEquals(0.0, variants(small).get(0).get("revenue"));
    }
}
