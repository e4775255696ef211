package org.causette.server.store;

import java.util.Locale;

/** Who wrote a message. */
public enum Role {
    VISITOR, BOT, AGENT, AMBASSADOR, SYSTEM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
