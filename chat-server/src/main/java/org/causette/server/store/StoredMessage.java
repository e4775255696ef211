package org.causette.server.store;

import org.causette.bot.Card;
import org.causette.bot.QuickReply;

import java.time.Instant;
import java.util.List;

/** A message as stored: its place ({@code seq}, 1, 2, 3 … per conversation) and its unique {@code id}. */
public record StoredMessage(String id, String conversationId, long seq, Author from, String clientId, String text,
                           String payload, List<QuickReply> quickReplies, List<Card> cards, boolean internal,
                           Instant ts) {
    public StoredMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        cards = cards == null ? List.of() : List.copyOf(cards);
    }

    /** The message a draft becomes once the store gave it its id and seq. */
    public static StoredMessage of(String id, String conversationId, long seq, MessageDraft draft) {
        return new StoredMessage(id, conversationId, seq, draft.from(), draft.clientId(), draft.text(),
                draft.payload(), draft.quickReplies(), draft.cards(), draft.internal(), draft.ts());
    }
}
