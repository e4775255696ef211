package org.causette.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A shop's proof of who the shopper is: {@code hash = hex(HMAC-SHA256(userId + "." + issuedAt, identitySecret))},
 * valid for 24 hours from {@code issuedAt} (epoch seconds).
 */
public record SignedIdentity(String userId, String email, String name, long issuedAt, String hash) {
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** Clocks differ: an identity issued a little in the future is still accepted. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The verified identity, or empty when the hash is wrong, it is too old, or the site has no secret. */
    public Optional<SignedIdentity> verify(String identitySecret, Instant now) {
        if (identitySecret == null || userId == null || userId.isEmpty() || userId.length() > 256 || hash == null) {
            return Optional.empty();
        }
        Instant issued = Instant.ofEpochSecond(issuedAt);
        if (issued.isBefore(now.minus(MAX_AGE)) || issued.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.empty();
        }
        byte[] expected = Hmac.sha256(identitySecret.getBytes(StandardCharsets.UTF_8),
                (userId + "." + issuedAt).getBytes(StandardCharsets.UTF_8));
        return Hmac.matchesHex(expected, hash) ? Optional.of(this) : Optional.empty();
    }
}
