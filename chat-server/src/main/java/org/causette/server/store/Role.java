package org.causette.server.store;

import java.util.Locale;

/** Who wrote a message. */
public enum Role {
    VISITOR, BOT, AGENT, AMBASSADOR, SYSTEM;

    /** Lower-cased once: the name is read for every frame and message, and a fresh string each time showed in profiles. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
