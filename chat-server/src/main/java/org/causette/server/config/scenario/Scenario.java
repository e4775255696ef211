package org.causette.server.config.scenario;

import java.util.List;

/** One proactive message of a site: when it fires, for whom, and its variants (one or more, for A/B tests). */
public record Scenario(String id, Trigger trigger, Conditions conditions, List<Variant> variants) {
    /** The id the bot's greeting is counted under, like a scenario (reserved in scenarios.json). */
    public static final String GREETING = "greeting";

    public Scenario {
        variants = List.copyOf(variants);
    }

    public int totalWeight() {
        return variants.stream().mapToInt(Variant::weight).sum();
    }
}
