package org.causette.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of {@link EventQuota}: a visitor's events counted by number and bytes over a window, the count
 * shared by every node that uses the same backend.
 */
public abstract class EventQuotaContract {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A quota on the shared backend, as one node of a cluster would have it; closed after the test when closeable. */
    protected abstract EventQuota newQuota(List<AutoCloseable> toClose);

    @AfterEach
    void closeNodes() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private EventQuota node() {
        return newQuota(opened);
    }

    @Test
    void theCountHoldsAcrossNodes() {
        EventQuota first = node();
        EventQuota second = node();
        String visitor = "v_" + UUID.randomUUID();
        for (int i = 0; i < EventQuota.MAX_EVENTS; i++) {
            assertTrue((i % 2 == 0 ? first : second).admit("s", visitor, 10, NOW), "event " + i);
        }
        assertFalse(first.admit("s", visitor, 10, NOW), "one more than the count");
        assertFalse(second.admit("s", visitor, 10, NOW), "on the other node too");
        assertTrue(first.admit("s", "v_other-" + visitor, 10, NOW), "another visitor has a quota of their own");
        assertTrue(first.admit("other-site", visitor, 10, NOW), "the same id on another site is another visitor");
    }

    @Test
    void theBytesAreBoundedToo() {
        EventQuota quota = node();
        String visitor = "v_" + UUID.randomUUID();
        assertTrue(quota.admit("s", visitor, (int) EventQuota.MAX_BYTES, NOW));
        assertFalse(quota.admit("s", visitor, 1, NOW), "one byte more than the bytes");
    }
}
