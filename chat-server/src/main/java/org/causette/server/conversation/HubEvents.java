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

    /** Tells each listener in turn (the CRM webhooks, the emailed replies …). */
    static HubEvents all(java.util.List<HubEvents> listeners) {
        java.util.List<HubEvents> copy = java.util.List.copyOf(listeners);
        return new HubEvents() {
            @Override
            public void conversationCreated(Conversation conversation) {
                copy.forEach(l -> l.conversationCreated(conversation));
            }

            @Override
            public void handedOver(Conversation conversation) {
                copy.forEach(l -> l.handedOver(conversation));
            }

            @Override
            public void conversationClosed(Conversation conversation) {
                copy.forEach(l -> l.conversationClosed(conversation));
            }

            @Override
            public void messageCreated(Conversation conversation, StoredMessage message) {
                copy.forEach(l -> l.messageCreated(conversation, message));
            }

            @Override
            public void leadCaptured(Lead lead) {
                copy.forEach(l -> l.leadCaptured(lead));
            }

            @Override
            public void ratingCreated(Rating rating) {
                copy.forEach(l -> l.ratingCreated(rating));
            }
        };
    }

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
