package org.causette.server.store;

import java.util.Locale;

/** The life of a conversation: the bot answers, then it may wait for a person, be assigned, and finally close. */
public enum ConversationState {
    BOT, QUEUED, ASSIGNED, CLOSED;

    /** Lower-cased once: the name is read for every frame and message, and a fresh string each time showed in profiles. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean isOpen() {
        return this != CLOSED;
    }
}
