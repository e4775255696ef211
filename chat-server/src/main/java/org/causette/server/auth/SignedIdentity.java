package org.causette.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A shop's proof of who the shopper is, valid for 24 hours from {@code issuedAt} (epoch seconds), in one of two forms
 * (docs/protocol.md):
 * <ul>
 *   <li>{@code hash = hex(HMAC-SHA256(userId + "\n" + issuedAt + "\n" + email + "\n" + name, identitySecret))}, a
 *       missing email or name as the empty string: every field is signed, so staff may be shown all of them as
 *       verified;</li>
 *   <li>the contract's first form, {@code hex(HMAC-SHA256(userId + "." + issuedAt, identitySecret))}: only
 *       {@code userId} is signed; the email and name that came with it are anybody's words and are shown as not
 *       verified (issue 21: with a valid hash for a userId, any email and name were shown as verified).</li>
 * </ul>
 * The full form joins with a line feed, which no field may contain, so one input cannot be read as two different
 * identities (a dot may be in an email or a name); and it always holds line feeds, which the first form never does.
 */
public record SignedIdentity(String userId, String email, String name, long issuedAt, String hash) {
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** Clocks differ: an identity issued a little in the future is still accepted. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    public static final int MAX_USER_ID_CHARS = 256;

    /**
     * A verified identity.
     *
     * @param detailsSigned whether {@code email} and {@code name} were signed too (the full form); false: only the
     *                      {@code userId} is the shop's word
     */
    public record Verified(String userId, String email, String name, boolean detailsSigned) {
    }

    /** The verified identity, or empty when the hash is wrong in both forms, it is too old, or the site has no secret. */
    public Optional<Verified> verify(String identitySecret, Instant now) {
        if (identitySecret == null || userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID_CHARS
                || hash == null) {
            return Optional.empty();
        }
        Instant issued = Instant.ofEpochSecond(issuedAt);
        if (issued.isBefore(now.minus(MAX_AGE)) || issued.isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.empty();
        }
        byte[] key = identitySecret.getBytes(StandardCharsets.UTF_8);
        if (!hasLineFeed(userId) && !hasLineFeed(email) && !hasLineFeed(name)
                && Hmac.matchesHex(Hmac.sha256(key, fullInput(userId, issuedAt, email, name)), hash)) {
            return Optional.of(new Verified(userId, email, name, true));
        }
        if (Hmac.matchesHex(Hmac.sha256(key, (userId + "." + issuedAt).getBytes(StandardCharsets.UTF_8)), hash)) {
            return Optional.of(new Verified(userId, email, name, false));
        }
        return Optional.empty();
    }

    /** What the full form signs, as UTF-8. Public for shops' own tests and our tools. */
    public static byte[] fullInput(String userId, long issuedAt, String email, String name) {
        return (userId + "\n" + issuedAt + "\n" + (email == null ? "" : email) + "\n" + (name == null ? "" : name))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasLineFeed(String value) {
        return value != null && value.indexOf('\n') >= 0;
    }
}
