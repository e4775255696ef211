package org.causette.bot;

import java.util.List;

/** One message from the bot: text, optional quick replies and product cards. */
public record BotMessage(String text, List<QuickReply> quickReplies, List<Card> cards) {
    public BotMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    public static BotMessage text(String text) {
        return new BotMessage(text, List.of(), List.of());
    }
}
