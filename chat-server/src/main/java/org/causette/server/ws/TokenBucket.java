package org.causette.server.ws;

/**
 * A per-connection flood guard: {@code capacity} frames at once, refilled at {@code perSecond}. Used only from its
 * connection's event loop, so it needs no locking. The limit is shared by every bucket of one kind of socket, so a
 * bucket holds only its own count and time.
 */
public final class TokenBucket {
    /** A burst and a rate; one per kind of socket. */
    public record Limit(int capacity, double perSecond) {
        double perNano() {
            return perSecond / 1_000_000_000.0;
        }
    }

    private final Limit limit;
    private double tokens;
    private long lastRefill;

    public TokenBucket(int capacity, double perSecond, long nowNanos) {
        this(new Limit(capacity, perSecond), nowNanos);
    }

    public TokenBucket(Limit limit, long nowNanos) {
        this.limit = limit;
        this.tokens = limit.capacity();
        this.lastRefill = nowNanos;
    }

    public boolean tryTake(long nowNanos) {
        tokens = Math.min(limit.capacity(), tokens + (nowNanos - lastRefill) * limit.perNano());
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
