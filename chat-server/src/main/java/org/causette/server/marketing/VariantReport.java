package org.causette.server.marketing;

import org.causette.server.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-variant figures of a site's scenarios, for the report: each variant's shown, answered and dismissed
 * counts and answer rate, and each other variant compared with the first (the control) by the two-proportion test.
 * The counters are since the scenario started (not per report period): an A/B test is read over its whole run.
 */
public final class VariantReport {
    private VariantReport() {
    }

    public static List<Map<String, Object>> build(Store store, String siteId, Scenarios scenarios) {
        List<Map<String, Object>> report = new ArrayList<>();
        for (Scenario scenario : scenarios.scenarios()) {
            Map<String, Long> counts = store.variantCounts(siteId, scenario.id());
            List<Map<String, Object>> variants = new ArrayList<>();
            Variant control = scenario.variants().get(0);
            long controlShown = counts.getOrDefault(control.id() + ":" + ProactiveEngine.SHOWN, 0L);
            long controlAnswered = counts.getOrDefault(control.id() + ":" + ProactiveEngine.ANSWERED, 0L);
            for (Variant variant : scenario.variants()) {
                long shown = counts.getOrDefault(variant.id() + ":" + ProactiveEngine.SHOWN, 0L);
                long answered = counts.getOrDefault(variant.id() + ":" + ProactiveEngine.ANSWERED, 0L);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", variant.id());
                row.put("weight", variant.weight());
                row.put("shown", shown);
                row.put("answered", answered);
                row.put("dismissed", counts.getOrDefault(variant.id() + ":" + ProactiveEngine.DISMISSED, 0L));
                row.put("answerRate", shown == 0 ? null : (double) answered / shown);
                if (variant != control) {
                    TwoProportionTest test = TwoProportionTest.of(controlShown, controlAnswered, shown, answered);
                    Map<String, Object> comparison = new LinkedHashMap<>();
                    comparison.put("against", control.id());
                    comparison.put("difference", test.difference());
                    comparison.put("z", test.z());
                    comparison.put("pValue", test.pValue());
                    comparison.put("significant", test.significant());
                    comparison.put("verdict", !test.enoughData()
                            ? "not enough data yet (at least " + TwoProportionTest.MIN_SAMPLE + " shown per variant)"
                            : test.significant() ? (test.difference() > 0 ? "better" : "worse") : "no significant difference");
                    row.put("comparison", comparison);
                }
                variants.add(row);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scenarioId", scenario.id());
            entry.put("variants", variants);
            report.add(entry);
        }
        return report;
    }
}
