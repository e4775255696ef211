package org.causette.server.insights;

import org.causette.server.store.Conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which help a purchase is credited to (docs/marketing.md): it counts when the shopper had a conversation that
 * started at most the site's attribution window before it; among those conversations, newest first, the last person
 * who wrote to the shopper before the purchase gets it, else the bot.
 */
final class Attribution {
    private Attribution() {
    }

    /** Conversations of the visitor that started within {@code window} before {@code at} (inclusive of {@code at}). */
    static List<Conversation> inWindow(List<Conversation> visitorConversations, Instant at, Duration window) {
        return visitorConversations.stream()
                .filter(c -> !c.createdAt().isAfter(at) && c.createdAt().isAfter(at.minus(window)))
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .toList();
    }

    /** Who gets a purchase made at {@code at}, or empty when no conversation is in the window. */
    static Optional<Helper> of(List<Conversation> visitorConversations, Instant at, Duration window, Helpers helpers) {
        List<Conversation> candidates = inWindow(visitorConversations, at, window);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        for (Conversation c : candidates) {
            Helper helper = helpers.of(c, at);
            if (helper.person()) {
                return Optional.of(helper);
            }
        }
        return Optional.of(Helper.BOT);
    }
}
