package org.causette.server.store;

import java.time.Instant;
import java.util.Map;

/** Conversational marketing's counters: the proactive-message frequency cap and the A/B variants' counts. */
public interface VariantStore {

    /**
     * Atomically takes the visitor's proactive-message slot until {@code until}: true when no claim was running at
     * {@code now} (the caller may show one), false when one is (the frequency cap). Atomic so two nodes or two tabs
     * never both show one.
     */
    boolean claimProactive(String siteId, String visitorId, Instant now, Instant until);

    /** Adds one to a counter of a scenario's variant ({@code stat} like shown, answered, dismissed). */
    void countVariant(String siteId, String scenarioId, String variant, String stat);

    /** Every counter of a scenario, keyed {@code variant + ":" + stat}; empty when nothing was counted. */
    Map<String, Long> variantCounts(String siteId, String scenarioId);

    /** Adds {@code amount} to a counter of a scenario's variant (like {@link #countVariant}, by more than one). */
    void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount);
}
