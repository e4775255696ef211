package org.causette.bot;

import java.util.List;

/**
 * What the bot remembers of one conversation between turns. Immutable and plain data, so the hub can keep it
 * with the conversation (in memory or serialised as JSON in the store).
 *
 * @param language          the conversation's language so far, or null
 * @param productSku        the product under discussion ("it", "elle"), or null
 * @param lastIntent        the intent of the previous turn, or null
 * @param misunderstoodRuns how many turns in a row the bot did not understand
 * @param recentSkus        products recently shown, newest first (for "the first one", comparisons)
 */
public record DialogueContext(String language, String productSku, String lastIntent, int misunderstoodRuns,
                              List<String> recentSkus) {
    public static final DialogueContext EMPTY = new DialogueContext(null, null, null, 0, List.of());

    public DialogueContext {
        recentSkus = recentSkus == null ? List.of() : List.copyOf(recentSkus);
    }
}
