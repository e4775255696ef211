package org.causette.server.marketing;

import org.causette.server.config.scenario.Conditions;
import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.config.scenario.Variant;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantPickerTest {
    private static Scenario scenario(String id, int weightA, int weightB) {
        return new Scenario(id, new Trigger(Trigger.On.HELLO, null, 0, 0, false), Conditions.NONE, List.of(
                new Variant("a", weightA, Map.of("fr", "A"), List.of()),
                new Variant("b", weightB, Map.of("fr", "B"), List.of())));
    }

    @Test
    void aVisitorAlwaysGetsTheSameVariant() {
        Scenario scenario = scenario("s", 1, 1);
        for (int i = 0; i < 100; i++) {
            String visitor = "v_" + i;
            assertEquals(VariantPicker.pick(visitor, scenario).id(), VariantPicker.pick(visitor, scenario(("s"), 1, 1)).id());
        }
    }

    @Test
    void followsTheWeights() {
        Scenario scenario = scenario("s", 3, 1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(VariantPicker.pick("v_" + i, scenario).id(), 1, Integer::sum);
        }
        double shareA = counts.get("a") / 20_000.0;
        assertTrue(shareA > 0.73 && shareA < 0.77, "share of a: " + shareA);
    }
}
