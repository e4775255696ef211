package org.causette.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.auth.Hmac;
import org.causette.server.auth.SignedIdentity;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 8: what staff are shown as verified is what the shop signed. The full form of the hash signs the
 * email and name; the contract's first form signs the userId only, and its email and name are shown as not verified;
 * a full-form hash over another email is no identity at all.
 */
class IdentityDetailsTest {
    private static TestHub hub;
    private static String agentToken;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
        agentToken = hub.login("anna");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String hex(byte[] mac) {
        return HexFormat.of().formatHex(mac);
    }

    private static ObjectNode identity(String userId, String email, String name, String hash, long issuedAt) {
        return frame("x").removeAll().put("userId", userId).put("email", email).put("name", name)
                .put("issuedAt", issuedAt).put("hash", hash);
    }

    /** The visitor part of the conversation an agent opens after this identity said hello and asked something. */
    private static JsonNode seenByAnAgent(ObjectNode identity) throws Exception {
        try (WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR");
            hello.set("identity", identity);
            visitor.hello(hello);
            String conversationId = visitor.say("c1", "Bonjour").path("conversationId").asText();
            JsonNode detail = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, agentToken).body());
            return detail.path("visitor");
        }
    }

    @Test
    void theFullFormSignsEmailAndNameTheFirstFormOnlyTheUserId() throws Exception {
        long now = Instant.now().getEpochSecond();
        byte[] key = TestSites.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8);

        String full = hex(Hmac.sha256(key, SignedIdentity.fullInput("81", now, "anne@example.fr", "Anne Roy")));
        JsonNode signed = seenByAnAgent(identity("81", "anne@example.fr", "Anne Roy", full, now));
        assertTrue(signed.path("verified").asBoolean(), signed.toString());
        assertTrue(signed.path("detailsVerified").asBoolean(), "email and name signed: " + signed);
        assertEquals("anne@example.fr", signed.path("email").asText());

        String first = hex(Hmac.sha256(TestSites.IDENTITY_SECRET, "82." + now));
        JsonNode userIdOnly = seenByAnAgent(identity("82", "ceo@bigbank.example", "The CEO", first, now));
        assertTrue(userIdOnly.path("verified").asBoolean(), "the first form still verifies the userId: " + userIdOnly);
        assertEquals("82", userIdOnly.path("userId").asText());
        assertFalse(userIdOnly.path("detailsVerified").asBoolean(true), "anybody's email and name: " + userIdOnly);
        assertEquals("ceo@bigbank.example", userIdOnly.path("email").asText(), "kept, marked as not verified");

        JsonNode altered = seenByAnAgent(identity("81", "mallory@example.fr", "Anne Roy", full, now));
        assertFalse(altered.path("verified").asBoolean(), "a full hash over another email is no identity: " + altered);
        assertTrue(altered.path("userId").isNull(), altered.toString());
    }

    @Test
    void aLineFeedInAFieldIsNeverPartOfAFullFormIdentity() {
        Instant now = Instant.now();
        long issued = now.getEpochSecond();
        byte[] key = TestSites.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8);
        // Email "a\nb" and name "c" join to the same input as email "a" and name "b\nc": neither may verify.
        String hash = hex(Hmac.sha256(key, SignedIdentity.fullInput("7", issued, "a", "b\nc")));
        assertTrue(new SignedIdentity("7", "a\nb", "c", issued, hash).verify(TestSites.IDENTITY_SECRET, now).isEmpty());
        assertTrue(new SignedIdentity("7", "a", "b\nc", issued, hash).verify(TestSites.IDENTITY_SECRET, now).isEmpty());
        String clean = hex(Hmac.sha256(key, SignedIdentity.fullInput("7", issued, "a", "b")));
        assertTrue(new SignedIdentity("7", "a", "b", issued, clean).verify(TestSites.IDENTITY_SECRET, now)
                .orElseThrow().detailsSigned());
        assertTrue(new SignedIdentity("7", null, null, issued, hex(Hmac.sha256(key, SignedIdentity.fullInput("7", issued, null, null))))
                .verify(TestSites.IDENTITY_SECRET, now).orElseThrow().detailsSigned(), "absent fields sign as empty");
    }
}
