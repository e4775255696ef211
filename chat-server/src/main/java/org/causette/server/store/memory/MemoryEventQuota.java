package org.causette.server.store.memory;

import org.causette.server.store.EventQuota;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link EventQuota} for one process: a window per visitor, dropped once over (bounded by the visitors kept). */
public final class MemoryEventQuota implements EventQuota {
    /** Swept of ended windows when it holds more entries than this. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Window(Instant start, int events, long bytes) {
    }

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    @Override
    public boolean admit(String siteId, String visitorId, int bytes, Instant now) {
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> !w.start().plus(WINDOW).isAfter(now));
        }
        Window after = windows.compute(siteId + "/" + visitorId, (key, w) -> w == null || !w.start().plus(WINDOW).isAfter(now)
                ? new Window(now, 1, bytes) : new Window(w.start(), w.events() + 1, w.bytes() + bytes));
        return after.events() <= MAX_EVENTS && after.bytes() <= MAX_BYTES;
    }
}
