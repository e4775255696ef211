package org.causette.bot;

import java.util.List;

/**
 * What the bot remembers of one conversation between turns. Immutable and plain data, so the hub can keep it
 * with the conversation (in memory or serialised as JSON in the store). Every field added after the first release has
 * a default, so a context stored by an older version reads back as one with nothing remembered in that field.
 *
 * @param language          the conversation's language so far, or null
 * @param productSku        the product under discussion ("it", "elle"), or null
 * @param lastIntent        the intent of the previous turn, or null
 * @param misunderstoodRuns how many turns in a row the bot did not understand
 * @param recentSkus        products recently talked about, newest first (never the "often bought with" cards)
 * @param listSkus          the last list of products shown, in the order shown ("le premier", "the cheaper one",
 *                          "laquelle est la plus légère"); empty when the last answer was about one product
 * @param filters           the last search's filters (category, budget, colour, size, capacity), for « et en 3
 *                          places ? » and "any in blue?" after a list; never null
 * @param topic             the last policy or shop intent answered ("shipping"), for "is it free?"; or null
 */
public record DialogueContext(String language, String productSku, String lastIntent, int misunderstoodRuns,
                              List<String> recentSkus, List<String> listSkus, Filters filters, String topic) {
    public static final DialogueContext EMPTY = new DialogueContext(null, null, null, 0, List.of());

    public DialogueContext {
        recentSkus = recentSkus == null ? List.of() : List.copyOf(recentSkus);
        listSkus = listSkus == null ? List.of() : List.copyOf(listSkus);
        filters = filters == null ? Filters.NONE : filters;
    }

    /** A context of the first release's fields. */
    public DialogueContext(String language, String productSku, String lastIntent, int misunderstoodRuns,
                           List<String> recentSkus) {
        this(language, productSku, lastIntent, misunderstoodRuns, recentSkus, List.of(), Filters.NONE, null);
    }

    /**
     * A product search's criteria, each null when not asked.
     *
     * @param category   the catalog's category
     * @param priceRange "100..200", "..300" or "200.." as the price_range entity gives it
     * @param color      the colour as the color entity gives it
     * @param size       the size as the size entity gives it
     * @param capacity   a number of places or persons ("3")
     */
    public record Filters(String category, String priceRange, String color, String size, String capacity) {
        public static final Filters NONE = new Filters(null, null, null, null, null);

        /** True when no criterion is set (not named isEmpty: Jackson would store it as a field). */
        public boolean noneSet() {
            return category == null && priceRange == null && color == null && size == null && capacity == null;
        }
    }
}
