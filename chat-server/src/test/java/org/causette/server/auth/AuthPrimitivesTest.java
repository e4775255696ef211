package org.causette.server.auth;

import org.causette.server.config.BusinessHoursAccess;
import org.causette.server.ws.TokenBucket;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthPrimitivesTest {
    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    @Test
    void visitorTokensVerifyOnlyUnalteredForTheirSite() {
        VisitorTokens tokens = new VisitorTokens(secret());
        String visitorId = tokens.newVisitorId();
        String token = tokens.issue("shop", visitorId);
        assertEquals(visitorId, tokens.verify("shop", token).orElseThrow());
        assertTrue(tokens.verify("other-shop", token).isEmpty(), "bound to its site");
        assertTrue(tokens.verify("shop", token.replace('.', ',')).isEmpty());
        // Every other last character, those that differ only in Base64's spare bits included.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char c : alphabet.toCharArray()) {
            if (c != token.charAt(token.length() - 1)) {
                assertTrue(tokens.verify("shop", token.substring(0, token.length() - 1) + c).isEmpty(), "last char " + c);
            }
        }
        assertTrue(new VisitorTokens(secret()).verify("shop", token).isEmpty(), "another hub's secret");
        assertTrue(tokens.verify("shop", null).isEmpty());
        assertTrue(tokens.verify("shop", "v1.%%%.***").isEmpty());
        assertFalse(tokens.newVisitorId().equals(visitorId));
    }

    @Test
    void signedIdentitiesHoldFor24Hours() {
        String key = "identity-secret-for-tests";
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        long issued = now.getEpochSecond() - 3600;
        String hash = HexFormat.of().formatHex(Hmac.sha256(key, "42." + issued));
        assertTrue(new SignedIdentity("42", null, null, issued, hash).verify(key, now).isPresent());
        assertFalse(new SignedIdentity("42", "a@b.fr", null, issued, hash).verify(key, now).orElseThrow().detailsSigned(),
                "the first form signs the userId only");
        assertTrue(new SignedIdentity("42", null, null, issued, hash.toUpperCase()).verify(key, now).isPresent());
        assertTrue(new SignedIdentity("43", null, null, issued, hash).verify(key, now).isEmpty());
        assertTrue(new SignedIdentity("42", null, null, issued, hash).verify("other-secret-xxxxxxxx", now).isEmpty());
        assertTrue(new SignedIdentity("42", null, null, issued, hash).verify(key, now.plusSeconds(24 * 3600)).isEmpty());
        assertTrue(new SignedIdentity("42", null, null, issued, "zz").verify(key, now).isEmpty());
        assertTrue(new SignedIdentity("42", null, null, issued, hash).verify(null, now).isEmpty());
    }

    @Test
    void passwordHashesVerifyOnlyTheirPassword() {
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("s3cret!".toCharArray());
        assertTrue(hasher.verify("s3cret!".toCharArray(), hash));
        assertFalse(hasher.verify("s3cret".toCharArray(), hash));
        assertFalse(hasher.verify("s3cret!".toCharArray(), "pbkdf2-sha256$1$bad$bad"));
        assertFalse(hasher.verify("s3cret!".toCharArray(), null));
        assertFalse(hash.equals(hasher.hash("s3cret!".toCharArray())), "salted");
    }

    @Test
    void theFloodGuardAllowsABurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertTrue(bucket.tryTake(500_000_000L), "half a second at 2 per second refills one");
        assertFalse(bucket.tryTake(500_000_000L));
    }

    @Test
    void businessHoursFollowTheSiteTimeZone() {
        var hours = BusinessHoursAccess.parse("Europe/Paris", "mon-fri", "09:00-12:00,14:00-19:00", "sat", "10:00-18:00");
        assertTrue(hours.isOpen(Instant.parse("2026-11-23T08:30:00Z")), "Monday 09:30 in Paris");
        assertFalse(hours.isOpen(Instant.parse("2026-11-23T11:30:00Z")), "Monday 12:30 in Paris, lunch");
        assertFalse(hours.isOpen(Instant.parse("2026-11-22T12:00:00Z")), "Sunday");
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), hours.nextOpening(Instant.parse("2026-11-22T12:00:00Z")).orElseThrow().toInstant());
    }
}
