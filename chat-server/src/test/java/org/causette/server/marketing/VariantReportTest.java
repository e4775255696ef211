package org.causette.server.marketing;

import org.causette.server.config.scenario.Conditions;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Scenarios;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.config.scenario.Variant;
import org.causette.server.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantReportTest {
    private static final Scenarios SCENARIOS = new Scenarios(Scenarios.DEFAULT_CAP, List.of(new Scenario("cart",
            new Trigger(Trigger.On.CART_UPDATE, null, 0, 100, false), Conditions.NONE, List.of(
            new Variant("a", 1, Map.of("fr", "A"), List.of()), new Variant("b", 1, Map.of("fr", "B"), List.of())))));

    private static void count(MemoryStore store, String variant, String stat, int times) {
        for (int i = 0; i < times; i++) {
            store.countVariant("s", "cart", variant, stat);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> comparison(MemoryStore store) {
        List<Map<String, Object>> variants = (List<Map<String, Object>>) VariantReport.build(store, "s", SCENARIOS).get(0).get("variants");
        return (Map<String, Object>) variants.get(1).get("comparison");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachVariantCarriesItsMessageForTheConsole() {
        List<Map<String, Object>> variants = (List<Map<String, Object>>) VariantReport.build(new MemoryStore(), "s", SCENARIOS).get(0).get("variants");
        assertEquals(Map.of("fr", "A"), variants.get(0).get("text"));
        assertEquals(Map.of("fr", "B"), variants.get(1).get("text"));
    }

    @Test
    void saysWhenThereIsNotEnoughDataYet() {
        MemoryStore store = new MemoryStore();
        count(store, "a", "shown", 20);
        count(store, "b", "shown", 20);
        count(store, "b", "answered", 15);
        assertTrue(((String) comparison(store).get("verdict")).startsWith("not enough data"));
    }

    @Test
    void namesTheBetterVariantOnEnoughData() {
        MemoryStore store = new MemoryStore();
        count(store, "a", "shown", 1000);
        count(store, "a", "answered", 100);
        count(store, "b", "shown", 1000);
        count(store, "b", "answered", 150);
        Map<String, Object> comparison = comparison(store);
        assertEquals("better", comparison.get("verdict"));
        assertEquals("a", comparison.get("against"));
        assertEquals(0.05, (double) comparison.get("difference"), 1e-9);
    }
}
