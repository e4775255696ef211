package org.causette.bot;

import java.util.List;

/**
 * What the bot understood of one text, as {@code POST /api/sites/{site}/parse} returns it.
 *
 * @param language "fr" or "en"
 * @param intent   the best intent
 * @param ranking  intents best first (the best included)
 * @param entities products, colours, sizes, quantities, prices, order numbers found in the text
 * @param action   what the bot would do with it
 * @param handover to whom, when {@code action} is {@link Action#HANDOVER}; else null
 */
public record Parse(String language, IntentScore intent, List<IntentScore> ranking, List<Entity> entities,
                    Action action, Handover handover) {
    /** The intent name reported when the bot did not understand (the out-of-scope band). */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public Parse {
        ranking = List.copyOf(ranking);
        entities = List.copyOf(entities);
    }

    public record IntentScore(String name, double confidence) {
    }

    /** An entity found in the text; {@code start} and {@code end} are character offsets in the original text. */
    public record Entity(String type, String value, int start, int end) {
    }

    public enum Action {
        ANSWER, CLARIFY, HANDOVER;

        /** Lower-cased once: the name is read on every bot turn, and a fresh string each time showed in profiles. */
        private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

        public String wireName() {
            return wireName;
        }
    }
}
