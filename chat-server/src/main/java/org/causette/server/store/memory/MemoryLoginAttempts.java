package org.causette.server.store.memory;

import org.causette.server.store.LoginAttempts;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link LoginAttempts} for one process. */
public final class MemoryLoginAttempts implements LoginAttempts {
    /** Swept of ended windows when it holds more keys than this: an attacker's usernames are outside input. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Count(int failures, Instant last) {
    }

    private final ConcurrentMap<String, Count> counts = new ConcurrentHashMap<>();

    @Override
    public int failed(String key, Instant now) {
        if (counts.size() > SWEEP_ABOVE) {
            counts.values().removeIf(c -> expired(c, now));
        }
        return counts.compute(key, (k, c) -> c == null || expired(c, now) ? new Count(1, now) : new Count(c.failures() + 1, now))
                .failures();
    }

    @Override
    public Failures failures(String key, Instant now) {
        Count count = counts.get(key);
        return count == null || expired(count, now) ? Failures.NONE : new Failures(count.failures(), count.last());
    }

    @Override
    public void clear(String key) {
        counts.remove(key);
    }

    private static boolean expired(Count count, Instant now) {
        return !count.last().plus(WINDOW).isAfter(now);
    }
}
