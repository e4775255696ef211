package org.causette.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub tells a live socket from a dead one: after {@code pingAfter} without hearing from a socket or pinging it
 * it sends a WebSocket ping; a socket that sent nothing at all (not even the pong) for {@code deadAfter} is closed
 * with 1001.
 *
 * @param pingAfter default 25 s: below the 30–60 s after which proxies and NATs drop a silent connection
 * @param deadAfter default 70 s: more than two pings unanswered
 */
public record KeepAliveSettings(Duration pingAfter, Duration deadAfter) {
    public static final KeepAliveSettings DEFAULTS = new KeepAliveSettings(Duration.ofSeconds(25), Duration.ofSeconds(70));
    /** The sweep looks at every socket this many times per {@link #pingAfter}: a ping is at most 1/5 late. */
    private static final int SWEEPS_PER_PING = 5;
    private static final Duration MIN_SWEEP = Duration.ofMillis(10);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(5);

    public KeepAliveSettings {
        Objects.requireNonNull(pingAfter, "pingAfter");
        Objects.requireNonNull(deadAfter, "deadAfter");
        if (pingAfter.isNegative() || pingAfter.isZero()) {
            throw new IllegalArgumentException("pingAfter must be positive: " + pingAfter);
        }
        if (deadAfter.compareTo(pingAfter) <= 0) {
            throw new IllegalArgumentException("deadAfter (" + deadAfter + ") must be longer than pingAfter (" + pingAfter + ")");
        }
    }

    /** How often each event loop looks over its sockets: a fifth of {@link #pingAfter}, within 10 ms … 5 s. */
    public Duration sweepEvery() {
        Duration fifth = pingAfter.dividedBy(SWEEPS_PER_PING);
        if (fifth.compareTo(MIN_SWEEP) < 0) {
            return MIN_SWEEP;
        }
        return fifth.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : fifth;
    }
}
