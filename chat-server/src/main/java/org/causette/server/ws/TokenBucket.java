package org.causette.server.ws;

/**
 * A per-connection flood guard: {@code capacity} frames at once, refilled at {@code perSecond}. Used only from its
 * connection's event loop, so it needs no locking.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1_000_000_000.0;
        this.tokens = capacity;
        this.lastRefill = nowNanos;
    }

    public boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * perNano);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
