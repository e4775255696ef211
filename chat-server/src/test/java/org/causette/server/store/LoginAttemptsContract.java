package org.causette.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link LoginAttempts}: failures counted per key, seen by every node, forgotten on a clear. */
public abstract class LoginAttemptsContract {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Counts on the shared backend, as one node of a cluster would have them; closed after the test when closeable. */
    protected abstract LoginAttempts newAttempts(List<AutoCloseable> toClose);

    @AfterEach
    void closeNodes() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void failuresAreCountedAcrossNodesUntilCleared() {
        LoginAttempts first = newAttempts(opened);
        LoginAttempts second = newAttempts(opened);
        String key = "site/u:" + UUID.randomUUID();
        Instant now = Instant.now();
        assertEquals(0, first.failures(key, now).count());
        assertEquals(1, first.failed(key, now));
        assertEquals(2, second.failed(key, now));
        assertEquals(2, first.failures(key, now).count());
        assertTrue(Math.abs(first.failures(key, now).last().toEpochMilli() - now.toEpochMilli()) < 2_000,
                "when the last failure was");
        assertEquals(0, first.failures(key + "-other", now).count(), "another key counts apart");
        second.clear(key);
        assertEquals(0, first.failures(key, now).count());
    }
}
