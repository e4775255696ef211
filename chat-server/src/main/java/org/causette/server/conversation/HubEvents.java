package org.causette.server.conversation;

import org.causette.server.store.Conversation;
import org.causette.server.store.Lead;
import org.causette.server.store.Rating;
import org.causette.server.store.StoredMessage;

/**
 * What happened in the hub that a shop's CRM may subscribe to (the channel package's CrmWebhooks). Called on the
 * conversation's lane right after the change is stored; implementations must not block it nor throw.
 */
public interface HubEvents {
    HubEvents NONE = new HubEvents() {
    };

    /** A new conversation was opened (its first message follows). */
    default void conversationCreated(Conversation conversation) {
    }

    /** The bot let go: the conversation waits for a person. */
    default void handedOver(Conversation conversation) {
    }

    default void conversationClosed(Conversation conversation) {
    }

    /** A message anyone can see was stored (internal notes are not told). */
    default void messageCreated(Conversation conversation, StoredMessage message) {
    }

    default void leadCaptured(Lead lead) {
    }

    default void ratingCreated(Rating rating) {
    }
}
