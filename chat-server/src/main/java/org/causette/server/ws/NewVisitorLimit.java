package org.causette.server.ws;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many new visitors one source address may create per minute on this node (issue 21). Each visitor has its own
 * quotas (frames, events), so an attacker's way around them is a fresh visitor per burst: a hello without a token,
 * each one stored. Fixed one-minute windows: the counts of the last minute are dropped whole when the next begins, so
 * the map holds at most the addresses seen in one minute (each of which had to open a connection), with no sweep.
 * At a window's edge an address may create up to twice the limit within a few seconds; that is the price of holding
 * no history.
 */
public final class NewVisitorLimit {
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** No limit. */
    public static final NewVisitorLimit NONE = new NewVisitorLimit(0);

    private final int perWindow;
    private final Object roll = new Object();
    private volatile long windowStartNanos = System.nanoTime();
    private volatile ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** @param perWindow new visitors per address per minute; 0: no limit */
    public NewVisitorLimit(int perWindow) {
        if (perWindow < 0) {
            throw new IllegalArgumentException("perWindow must be 0 or more: " + perWindow);
        }
        this.perWindow = perWindow;
    }

    public int perWindow() {
        return perWindow;
    }

    /** Counts one new visitor from {@code address}. @return false when it is over the limit: make none */
    public boolean tryCreate(String address, long nowNanos) {
        if (perWindow == 0) {
            return true;
        }
        if (nowNanos - windowStartNanos >= WINDOW.toNanos()) {
            synchronized (roll) {
                if (nowNanos - windowStartNanos >= WINDOW.toNanos()) {
                    counts = new ConcurrentHashMap<>();
                    windowStartNanos = nowNanos;
                }
            }
        }
        return counts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet() <= perWindow;
    }
}
