package org.causette.server.marketing;

import org.causette.server.config.scenario.Scenario;
import org.causette.server.config.scenario.Scenarios;
import org.causette.server.config.scenario.Variant;
import org.causette.server.insights.PurchaseRecorder;
import org.causette.server.store.VariantStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-variant figures of a site's scenarios, for the report: each variant's shown, answered and dismissed
 * counts and answer rate, its converted orders, conversion rate and revenue, and each other variant compared with the
 * first (the control) by the two-proportion test, on answers ({@code comparison}) and on conversions
 * ({@code conversionComparison}).
 * The counters are since the scenario started (not per report period): an A/B test is read over its whole run.
 */
public final class VariantReport {
    private VariantReport() {
    }

    public static List<Map<String, Object>> build(VariantStore store, String siteId, Scenarios scenarios) {
        List<Map<String, Object>> report = new ArrayList<>();
        for (Scenario scenario : scenarios.scenarios()) {
            Map<String, Long> counts = store.variantCounts(siteId, scenario.id());
            List<Map<String, Object>> variants = new ArrayList<>();
            Variant control = scenario.variants().get(0);
            long controlShown = counts.getOrDefault(control.id() + ":" + ProactiveEngine.SHOWN, 0L);
            long controlAnswered = counts.getOrDefault(control.id() + ":" + ProactiveEngine.ANSWERED, 0L);
            long controlConverted = converted(counts, control.id(), controlShown);
            for (Variant variant : scenario.variants()) {
                long shown = counts.getOrDefault(variant.id() + ":" + ProactiveEngine.SHOWN, 0L);
                long answered = counts.getOrDefault(variant.id() + ":" + ProactiveEngine.ANSWERED, 0L);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", variant.id());
                row.put("text", variant.text()); // by language: what the shopper read, for the console's table
                row.put("weight", variant.weight());
                row.put("shown", shown);
                row.put("answered", answered);
                row.put("dismissed", counts.getOrDefault(variant.id() + ":" + ProactiveEngine.DISMISSED, 0L));
                row.put("answerRate", shown == 0 ? null : (double) answered / shown);
                // Outcomes (insights): orders within the attribution window after being shown, and their value.
                long converted = counts.getOrDefault(variant.id() + ":" + PurchaseRecorder.CONVERTED, 0L);
                row.put("converted", converted);
                row.put("conversionRate", shown == 0 ? null : (double) converted / shown);
                row.put("revenue", counts.getOrDefault(variant.id() + ":" + PurchaseRecorder.REVENUE_CENTS, 0L) / 100.0);
                if (variant != control) {
                    TwoProportionTest test = TwoProportionTest.of(controlShown, controlAnswered, shown, answered);
                    Map<String, Object> comparison = new LinkedHashMap<>();
                    comparison.put("against", control.id());
                    comparison.put("difference", test.difference());
                    comparison.put("z", test.z());
                    comparison.put("pValue", test.pValue());
                    comparison.put("significant", test.significant());
                    comparison.put("verdict", verdict(test));
                    row.put("comparison", comparison);
                    TwoProportionTest sales = TwoProportionTest.of(controlShown, controlConverted, shown,
                            converted(counts, variant.id(), shown));
                    Map<String, Object> conversion = new LinkedHashMap<>();
                    conversion.put("against", control.id());
                    conversion.put("difference", sales.difference());
                    conversion.put("z", sales.z());
                    conversion.put("pValue", sales.pValue());
                    conversion.put("significant", sales.significant());
                    conversion.put("verdict", verdict(sales));
                    row.put("conversionComparison", conversion);
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

    private static String verdict(TwoProportionTest test) {
        return !test.enoughData()
                ? "not enough data yet (at least " + TwoProportionTest.MIN_SAMPLE + " shown per variant)"
                : test.significant() ? (test.difference() > 0 ? "better" : "worse") : "no significant difference";
    }

    /**
     * Orders credited to a variant, for the test: one shopper may order twice within the window, but the test compares
     * proportions of those shown, so the count is capped at the number shown.
     */
    private static long converted(Map<String, Long> counts, String variant, long shown) {
        return Math.min(shown, counts.getOrDefault(variant + ":" + PurchaseRecorder.CONVERTED, 0L));
    }
}
