package org.causette.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.CausetteServer;
import org.causette.server.auth.Hmac;
import org.causette.server.auth.SignedIdentity;
import org.causette.server.config.EdgeSettings;
import org.causette.server.config.ServerConfig;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21: the per-visitor quotas bound a visitor, not an attacker who makes a fresh visitor per burst. One source
 * address creates at most {@code CAUSETTE_NEW_VISITORS_PER_ADDRESS} visitors a minute; a shopper who keeps their token,
 * or brings a signed identity, is never counted.
 */
class NewVisitorLimitTest {
    private static final int LIMIT = 5;

    @Test
    void oneAddressMakesABoundedNumberOfNewVisitorsAMinute() throws Exception {
        Map<String, String> env = new HashMap<>(TestSites.ENV);
        env.put(EdgeSettings.NEW_VISITORS_ENV, Integer.toString(LIMIT));
        try (CausetteServer server = CausetteServer.start(ServerConfig.defaults().withPort(0)
                .withSites(List.of(TestSites.testShop())), env, Clock.systemUTC())) {
            String token = null;
            for (int i = 0; i < LIMIT; i++) {
                try (WsClient client = WsClient.visitor(server.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                    token = client.helloAnonymous().path("visitorToken").asText();
                }
            }
            try (WsClient client = WsClient.visitor(server.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                client.send(frame("hello").put("locale", "fr-FR"));
                JsonNode error = client.next("error");
                assertEquals("rate_limited", error.path("code").asText(), error.toString());
                assertTrue(error.path("message").asText().contains("new visitors a minute from this address"), error.toString());
                assertEquals(1013, client.awaitClose().getCloseCode().getCode(), "try again later");
            }
            // A returning visitor is no new visitor, nor a customer the shop signed in.
            try (WsClient client = WsClient.visitor(server.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                assertEquals("welcome", client.hello(frame("hello").put("visitorToken", token)).path("type").asText());
            }
            long now = Instant.now().getEpochSecond();
            ObjectNode hello = frame("hello");
            hello.putObject("identity").put("userId", "900").put("issuedAt", now).put("hash", HexFormat.of().formatHex(
                    Hmac.sha256(TestSites.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8),
                            SignedIdentity.fullInput("900", now, null, null))));
            try (WsClient client = WsClient.visitor(server.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
                assertEquals("welcome", client.hello(hello).path("type").asText());
            }
        }
    }

    @Test
    void theSettingIsReadFromTheEnvironmentAndAWrongOneNamesIt() {
        assertEquals(EdgeSettings.DEFAULT_NEW_VISITORS_PER_MINUTE, EdgeSettings.fromEnvironment(Map.of()).newVisitorsPerMinute());
        assertEquals(0, EdgeSettings.fromEnvironment(Map.of(EdgeSettings.NEW_VISITORS_ENV, "0")).newVisitorsPerMinute());
        var error = org.junit.jupiter.api.Assertions.assertThrows(org.causette.server.config.ConfigException.class,
                () -> EdgeSettings.fromEnvironment(Map.of(EdgeSettings.NEW_VISITORS_ENV, "lots")));
        assertTrue(error.getMessage().contains(EdgeSettings.NEW_VISITORS_ENV), error.getMessage());
    }
}
