package org.causette.server.store;

import java.util.Locale;

/** The life of a conversation: the bot answers, then it may wait for a person, be assigned, and finally close. */
public enum ConversationState {
    BOT, QUEUED, ASSIGNED, CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isOpen() {
        return this != CLOSED;
    }
}
