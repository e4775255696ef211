package org.causette.server.store;

import java.util.List;

/** What {@link Store#saveBotTurn(VersionedConversation, java.util.function.UnaryOperator, List, BotTurnRecord)} stored: the conversation after the change, and the bot's messages with their seqs, in order. */
public record SavedTurn(VersionedConversation conversation, List<StoredMessage> messages) {
    public SavedTurn {
        messages = List.copyOf(messages);
    }
}
