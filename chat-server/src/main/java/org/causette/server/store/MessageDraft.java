package org.causette.server.store;

import org.causette.bot.Card;
import org.causette.bot.QuickReply;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message about to be appended.
 *
 * @param clientId the sender's idempotency key (unique per visitor or per staff member), or null for server-made messages
 * @param payload  the quick-reply or button payload the visitor chose, or null
 * @param internal a staff note that never reaches the visitor
 */
public record MessageDraft(Author from, String clientId, String text, String payload, List<QuickReply> quickReplies,
                           List<Card> cards, boolean internal, Instant ts) {
    public MessageDraft {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ts, "ts");
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        cards = cards == null ? List.of() : List.copyOf(cards);
    }
}
