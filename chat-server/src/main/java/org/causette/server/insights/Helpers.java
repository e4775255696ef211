package org.causette.server.insights;

import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.Role;
import org.causette.server.store.StoredMessage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule of who helped in a conversation (docs/marketing.md): the agent or ambassador who last wrote to the shopper
 * (internal notes do not count), up to a given instant; the bot when no person wrote. Who <em>held</em> it is not
 * enough: a conversation handed back to the bot, or transferred, keeps the credit with whoever spoke last. A
 * conversation the bot kept is decided without reading its messages; others are read from the newest message back.
 * One instance per report: answers are remembered.
 */
final class Helpers {
    private static final int PAGE = 50;

    private final ConversationStore store;
    private final Map<String, Helper> known = new HashMap<>();

    Helpers(ConversationStore store) {
        this.store = store;
    }

    /** Who helped in {@code conversation} with what was written up to {@code until} (null: all of it). */
    Helper of(Conversation conversation, Instant until) {
        if (conversation.handedOverAt() == null || (until != null && conversation.handedOverAt().isAfter(until))) {
            return Helper.BOT; // people write only after a hand-over
        }
        return known.computeIfAbsent(conversation.id() + "@" + until, k -> lastPerson(conversation, until));
    }

    private Helper lastPerson(Conversation conversation, Instant until) {
        long before = conversation.lastSeq() + 1;
        while (before > 1) {
            List<StoredMessage> page = store.messagesBefore(conversation.id(), before, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (int i = page.size() - 1; i >= 0; i--) {
                StoredMessage m = page.get(i);
                if (m.internal() || (until != null && m.ts().isAfter(until))) {
                    continue;
                }
                if (m.from().role() == Role.AGENT) {
                    return new Helper(Helper.Kind.AGENT, m.from().id(), m.from().name());
                }
                if (m.from().role() == Role.AMBASSADOR) {
                    return new Helper(Helper.Kind.AMBASSADOR, m.from().id(), m.from().name());
                }
            }
            before = page.get(0).seq();
        }
        return Helper.BOT;
    }
}
