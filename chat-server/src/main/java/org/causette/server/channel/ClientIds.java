package org.causette.server.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Channel message ids (Messenger {@code mid}, WhatsApp {@code wamid}) as the hub's clientIds (1–64 of
 * {@code [A-Za-z0-9_-]}): a SHA-256 in base64url, so a long or oddly spelled id becomes a valid key and the same id
 * always the same key — a webhook Meta retries is stored once.
 */
final class ClientIds {
    private ClientIds() {
    }

    /** @return {@code prefix} + 43 base64url characters */
    static String of(String prefix, String externalId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(externalId.getBytes(StandardCharsets.UTF_8));
            return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
