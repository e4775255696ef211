package org.causette.server.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Failed staff logins counted per key (a username, or a username with an address) over a sliding {@link #WINDOW}
 * that restarts with each failure. Kept in the store so every node of a cluster sees the same counts (issue 21).
 */
public interface LoginAttempts {
    Duration WINDOW = Duration.ofMinutes(15);

    /** Counts one failure for {@code key}. @return the failures counted within the window, this one included */
    int failed(String key, Instant now);

    /** The failures counted for {@code key} within the window, and when the last one was. */
    Failures failures(String key, Instant now);

    /** @param last when the last failure was; null when there is none */
    record Failures(int count, Instant last) {
        public static final Failures NONE = new Failures(0, null);
    }

    /** Forgets {@code key} (after a correct password). */
    void clear(String key);
}
