package org.causette.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins within {@link #WINDOW} for one username, or
 * {@link #MAX_FAILURES_PER_ADDRESS} from one address (several people may share an office's address), further
 * attempts are refused until the oldest failure leaves the window. Per node.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Bounds the memory an attacker can make us spend on distinct keys. */
    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    /** Seconds to wait before trying again, or 0 when the attempt may go ahead. */
    public long retryAfterSeconds(String username, String address, Instant now) {
        return Math.max(wait("u:" + username, MAX_FAILURES, now), wait("a:" + address, MAX_FAILURES_PER_ADDRESS, now));
    }

    public void failed(String username, String address, Instant now) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        record("u:" + username, MAX_FAILURES, now);
        record("a:" + address, MAX_FAILURES_PER_ADDRESS, now);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private void record(String key, int limit, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    private long wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            times.removeIf(t -> t.isBefore(now.minus(WINDOW)));
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds());
        }
    }
}
