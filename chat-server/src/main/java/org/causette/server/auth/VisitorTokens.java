package org.causette.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Visitor tokens: {@code v1.<base64url(siteId:visitorId)>.<base64url(HMAC)>}, signed with the hub's secret from the
 * store, so every node and every restart accepts them and nobody can make one for another visitor. A token is bound
 * to its site.
 */
public final class VisitorTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final String VERSION = "v1";
    private static final int MAX_TOKEN_LENGTH = 256;

    private final byte[] secret;
    private final SecureRandom random = new SecureRandom();
    private final ResumeLinks resumeLinks;

    public VisitorTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the signing secret must have at least 256 bits");
        }
        this.secret = secret.clone();
        this.resumeLinks = new ResumeLinks(secret);
    }

    /** The emailed links' tokens, signed with a key derived from the same secret (docs/email.md). */
    public ResumeLinks resumeLinks() {
        return resumeLinks;
    }

    /** A new visitor id: 128 random bits. */
    public String newVisitorId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "v_" + B64.encodeToString(bytes);
    }

    public String issue(String siteId, String visitorId) {
        String body = B64.encodeToString((siteId + ":" + visitorId).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + body + "." + B64.encodeToString(sign(body));
    }

    /** The visitor id the token was issued for on that site, or empty for anything forged, altered or foreign. */
    public Optional<String> verify(String siteId, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            // Compared as text, not as decoded bytes: Base64 decoding ignores a last character's spare bits, so a
            // byte comparison would accept several spellings of one signature (a token that was altered).
            if (!MessageDigest.isEqual(B64.encode(sign(parts[1])), parts[2].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            String body = new String(B64_DECODE.decode(parts[1]), StandardCharsets.UTF_8);
            int colon = body.indexOf(':');
            if (colon < 0 || !body.substring(0, colon).equals(siteId)) {
                return Optional.empty();
            }
            return Optional.of(body.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String body) {
        return Hmac.sha256(secret, (VERSION + "." + body).getBytes(StandardCharsets.US_ASCII));
    }
}
