package org.causette.server.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emailed links' tokens (docs/email.md): what they name, and everything they refuse. */
class ResumeLinksTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ResumeLinks links = new ResumeLinks(secret);

    @Test
    void aTokenNamesItsSiteVisitorAndConversationUntilItExpires() {
        String token = links.issue("shop", "v_abc", "conv-1", NOW.plusSeconds(3600));
        ResumeLinks.Resume resume = links.verify("shop", token, NOW).orElseThrow();
        assertEquals("v_abc", resume.visitorId());
        assertEquals("conv-1", resume.conversationId());
        assertTrue(links.verify("shop", token, NOW.plusSeconds(3599)).isPresent());
        assertTrue(links.verify("shop", token, NOW.plusSeconds(3600)).isEmpty(), "expired");
        assertTrue(links.verify("other-shop", token, NOW).isEmpty(), "bound to its site");
        assertEquals("https://shop.example/aide#causette-resume=" + token, links.link("https://shop.example/aide", token));
    }

    @Test
    void forgedAlteredOrForeignTokensAreRefused() {
        String token = links.issue("shop", "v_abc", "conv-1", NOW.plusSeconds(3600));
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertTrue(links.verify("shop", altered, NOW).isEmpty());
        String[] parts = token.split("\\.");
        String otherBody = links.issue("shop", "v_someone_else", "conv-1", NOW.plusSeconds(3600)).split("\\.")[1];
        assertTrue(links.verify("shop", parts[0] + "." + otherBody + "." + parts[2], NOW).isEmpty(), "a body swapped");
        byte[] otherSecret = Arrays.copyOf(secret, secret.length);
        otherSecret[0] ^= 1;
        assertTrue(links.verify("shop", new ResumeLinks(otherSecret).issue("shop", "v_abc", "conv-1", NOW.plusSeconds(60)), NOW)
                .isEmpty(), "another hub's");
        assertTrue(links.verify("shop", new VisitorTokens(secret).issue("shop", "v_abc"), NOW).isEmpty(), "a visitor token is not a link");
        assertTrue(links.verify("shop", null, NOW).isEmpty());
        assertTrue(links.verify("shop", "r1." + "A".repeat(600) + ".x", NOW).isEmpty());
        assertTrue(links.verify("shop", "", NOW).isEmpty());
    }
}
