package org.causette.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token in an email's link that reopens a conversation in the widget (docs/email.md):
 * {@code r1.<base64url(siteId \n visitorId \n conversationId \n expiresEpochSeconds)>.<base64url(HMAC-SHA256)>}.
 * Signed with a key derived from the hub's secret for this use only, so a resume token is never a visitor token nor
 * the reverse; checked in constant time; bound to its site; refused after it expires.
 */
public final class ResumeLinks {
    /** The fragment key the widget looks for: {@code https://shop.example/page#causette-resume=TOKEN}. */
    public static final String FRAGMENT_KEY = "causette-resume";
    private static final String VERSION = "r1";
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final Pattern SHAPE = Pattern.compile("r1\\.[A-Za-z0-9_-]{1,400}\\.[A-Za-z0-9_-]{43}");
    private static final byte[] PURPOSE = "causette resume link v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    /** What a valid token names. */
    public record Resume(String siteId, String visitorId, String conversationId, Instant expiresAt) {
    }

    public ResumeLinks(byte[] serverSecret) {
        if (serverSecret.length < 32) {
            throw new IllegalArgumentException("the signing secret must have at least 256 bits");
        }
        this.key = Hmac.sha256(serverSecret, PURPOSE);
    }

    public String issue(String siteId, String visitorId, String conversationId, Instant expiresAt) {
        String body = B64.encodeToString(String.join("\n", siteId, visitorId, conversationId,
                Long.toString(expiresAt.getEpochSecond())).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + body + "." + B64.encodeToString(sign(body));
    }

    /** The full link: the shop's page with the token in its fragment (never sent to the shop's server). */
    public String link(String pageUrl, String token) {
        return pageUrl + "#" + FRAGMENT_KEY + "=" + token;
    }

    /** What the token names, if it was issued by this hub for that site and has not expired at {@code now}. */
    public Optional<Resume> verify(String siteId, String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        // Compared as text: Base64 decoding ignores a last character's spare bits (several spellings of one MAC).
        if (!MessageDigest.isEqual(B64.encode(sign(parts[1])), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] fields;
        try {
            fields = new String(B64_DECODE.decode(parts[1]), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (fields.length != 4 || !fields[0].equals(siteId)) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(fields[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(new Resume(fields[0], fields[1], fields[2], expires));
    }

    private byte[] sign(String body) {
        return Hmac.sha256(key, (VERSION + "." + body).getBytes(StandardCharsets.US_ASCII));
    }
}
