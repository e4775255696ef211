package org.causette.bot.knowledge;

import java.util.List;
import java.util.Map;

/**
 * One intent of faq.json (docs/site-files.md, faq.json).
 *
 * @param examples     by language code
 * @param answer       by language code
 * @param quickReplies suggested follow-ups
 * @param escalate     null (the bot answers), {@code "agent"} or {@code "ambassador"}
 * @param skill        the skill or expertise for the hand-over, or null
 * @param title        the name staff read for it, by language ("fr", "en"); empty: staff see its id
 */
public record FaqIntent(String id, Map<String, List<String>> examples, Map<String, String> answer,
                        List<FaqQuickReply> quickReplies, String escalate, String skill, Map<String, String> title) {
    /** A title is a label, not a paragraph. */
    public static final int MAX_TITLE_LENGTH = 80;

    public FaqIntent {
        title = title == null ? Map.of() : OrderedMaps.copyOf(title);
        examples = examples == null ? Map.of() : OrderedMaps.copyOf(examples);
        answer = answer == null ? Map.of() : OrderedMaps.copyOf(answer);
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    /** An intent without a title. */
    public FaqIntent(String id, Map<String, List<String>> examples, Map<String, String> answer,
                     List<FaqQuickReply> quickReplies, String escalate, String skill) {
        this(id, examples, answer, quickReplies, escalate, skill, Map.of());
    }

    /** A quick reply with its title by language. */
    public record FaqQuickReply(Map<String, String> title, String payload) {
        public FaqQuickReply {
            title = OrderedMaps.copyOf(title);
        }
    }
}
