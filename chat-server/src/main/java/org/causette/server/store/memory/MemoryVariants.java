package org.causette.server.store.memory;

import org.causette.server.store.VariantStore;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import static org.causette.server.store.memory.MemoryKeys.key;

/** Proactive slots and A/B counters in memory. */
final class MemoryVariants implements VariantStore {
    /** (site, visitor) → until when its proactive slot is taken. */
    private final Map<String, Instant> proactiveClaims = new ConcurrentHashMap<>();
    /** (site, scenario) → "variant:stat" → count. */
    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();

    @Override
    public boolean claimProactive(String siteId, String visitorId, Instant now, Instant until) {
        boolean[] claimed = {false};
        proactiveClaims.compute(key(siteId, visitorId), (k, held) -> {
            if (held != null && held.isAfter(now)) {
                return held;
            }
            claimed[0] = true;
            return until;
        });
        return claimed[0];
    }

    @Override
    public void countVariant(String siteId, String scenarioId, String variant, String stat) {
        addToVariant(siteId, scenarioId, variant, stat, 1);
    }

    @Override
    public void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount) {
        counters.computeIfAbsent(key(siteId, scenarioId), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(variant + ":" + stat, k -> new LongAdder()).add(amount);
    }

    @Override
    public Map<String, Long> variantCounts(String siteId, String scenarioId) {
        Map<String, Long> counts = new TreeMap<>();
        counters.getOrDefault(key(siteId, scenarioId), Map.of()).forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }
}
