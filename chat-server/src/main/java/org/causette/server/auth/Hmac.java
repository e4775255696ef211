package org.causette.server.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC-SHA256 and constant-time comparison, the one primitive behind tokens, identities and webhook signatures. */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(String key, String data) {
        return sha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    /** Compares an expected MAC with a hex string from outside, in time that does not depend on where they differ. */
    public static boolean matchesHex(byte[] expected, String candidateHex) {
        if (candidateHex == null) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = HexFormat.of().parseHex(candidateHex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, candidate);
    }
}
