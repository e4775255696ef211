package org.causette.server.conversation;

import org.causette.server.store.Conversation;
import org.causette.server.store.StoredMessage;

/**
 * Sends what is said in a conversation of an outside channel (Messenger, WhatsApp) to the shopper there. Called on the
 * conversation's lane after the message is stored; implementations must not block it (queue the HTTP call).
 */
public interface ChannelOutbound {

    /** A message from the bot, a person or the hub, to deliver to the shopper on the channel. */
    void send(Conversation conversation, StoredMessage message);

    /** A person (or the bot) started or stopped typing. */
    default void typing(Conversation conversation, boolean on) {
    }
}
