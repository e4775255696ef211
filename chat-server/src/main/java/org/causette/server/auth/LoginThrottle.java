package org.causette.server.auth;

import org.causette.server.store.LoginAttempts;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing without letting anyone lock a staff member out (issue 21: 20 failures from one address once
 * gave the admin's correct password a 429 for 15 minutes, and behind a load balancer every staff member shares the
 * proxy's address). Two counts, both in the store so they hold across nodes:
 * <ul>
 *   <li>per (username, address): after {@link #FREE_FAILURES_PER_PAIR} failures that pair must wait before trying
 *   again, 1 s, then 2, 4, … up to {@link #MAX_PAIR_WAIT} (429 with Retry-After). Another address is not affected.</li>
 *   <li>per username, from any address: after {@link #FREE_FAILURES_PER_USERNAME} failures every answer for that
 *   username is delayed, by one more second per five failures up to {@link #MAX_USERNAME_DELAY}, but never refused:
 *   the right password from an address that has not failed still gets in.</li>
 * </ul>
 * A correct password clears its pair's count; the username's count only runs out with the window (a success of the
 * real owner must not reset what an attacker elsewhere has spent).
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES_PER_PAIR = 5;
    public static final Duration MAX_PAIR_WAIT = Duration.ofMinutes(15);
    public static final int FREE_FAILURES_PER_USERNAME = 20;
    public static final Duration MAX_USERNAME_DELAY = Duration.ofSeconds(10);
    /** A failure past the free ones doubles the pair's wait; 2^10 s is already over the maximum. */
    private static final int MAX_DOUBLINGS = 10;
    private static final int USERNAME_FAILURES_PER_SECOND_OF_DELAY = 5;

    private final LoginAttempts attempts;

    public LoginThrottle(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    private static String pair(String username, String address) {
        return "p:" + username + "|" + address;
    }

    private static String user(String username) {
        return "u:" + username;
    }

    /** Seconds this (username, address) must still wait, or 0 when the attempt may go ahead. */
    public long retryAfterSeconds(String username, String address, Instant now) {
        LoginAttempts.Failures failures = attempts.failures(pair(username, address), now);
        if (failures.count() < FREE_FAILURES_PER_PAIR) {
            return 0;
        }
        Duration wait = pairWait(failures.count());
        Duration left = wait.minus(Duration.between(failures.last(), now));
        return left.isNegative() || left.isZero() ? 0 : Math.max(1, (left.toMillis() + 999) / 1000);
    }

    static Duration pairWait(int failures) {
        int doublings = Math.min(MAX_DOUBLINGS, failures - FREE_FAILURES_PER_PAIR);
        Duration wait = Duration.ofSeconds(1L << doublings);
        return wait.compareTo(MAX_PAIR_WAIT) > 0 ? MAX_PAIR_WAIT : wait;
    }

    /** How long to hold the answer to any attempt for this username (0 below the free failures). */
    public Duration answerDelay(String username, Instant now) {
        int over = attempts.failures(user(username), now).count() - FREE_FAILURES_PER_USERNAME;
        if (over < 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofSeconds(1 + over / USERNAME_FAILURES_PER_SECOND_OF_DELAY);
        return delay.compareTo(MAX_USERNAME_DELAY) > 0 ? MAX_USERNAME_DELAY : delay;
    }

    public void failed(String username, String address, Instant now) {
        attempts.failed(pair(username, address), now);
        attempts.failed(user(username), now);
    }

    public void succeeded(String username, String address) {
        attempts.clear(pair(username, address));
    }
}
