package org.causette.server.config.scenario;

import org.causette.bot.QuickReply;

import java.util.List;
import java.util.Map;

/**
 * One version of a scenario's message.
 *
 * @param weight       its share of visitors, relative to the other variants' weights (1 or more)
 * @param text         the message by language ({@code fr}, {@code en})
 * @param quickReplies suggested answers, each title by language
 * @param cards        the product cards to show with it
 */
public record Variant(String id, int weight, Map<String, String> text, List<LocalizedReply> quickReplies,
                      CardSource cards) {
    public Variant {
        text = Map.copyOf(text);
        quickReplies = List.copyOf(quickReplies);
        cards = cards == null ? CardSource.NONE : cards;
    }

    /** A variant without cards. */
    public Variant(String id, int weight, Map<String, String> text, List<LocalizedReply> quickReplies) {
        this(id, weight, text, quickReplies, CardSource.NONE);
    }

    /** A quick reply whose title depends on the visitor's language. */
    public record LocalizedReply(Map<String, String> title, String payload) {
        public LocalizedReply {
            title = Map.copyOf(title);
        }

        QuickReply in(String language, String fallbackLanguage) {
            return new QuickReply(pick(title, language, fallbackLanguage), payload);
        }
    }

    /** The text in that language, else in the fallback, else any. */
    public String textIn(String language, String fallbackLanguage) {
        return pick(text, language, fallbackLanguage);
    }

    public List<QuickReply> quickRepliesIn(String language, String fallbackLanguage) {
        return quickReplies.stream().map(r -> r.in(language, fallbackLanguage)).toList();
    }

    public static String pick(Map<String, String> byLanguage, String language, String fallbackLanguage) {
        String value = byLanguage.get(language);
        if (value == null) {
            value = byLanguage.get(fallbackLanguage);
        }
        return value != null ? value : byLanguage.values().iterator().next();
    }
}
