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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 9, the hub's half: on a site with {@code requireIdentityForCustomers}, a visitor token bound to a
 * signed-in customer is refused without a fresh identity for that customer (a new anonymous visitor, nothing
 * replayed), and works as before with one.
 */
class CustomerTokenTest {
    private static Path site;
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        site = Files.createTempDirectory("customer-token-site");
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, site.resolve(file.getFileName().toString()));
            }
        }
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(site.resolve("site.json").toFile());
        config.put("requireIdentityForCustomers", true);
        Files.writeString(site.resolve("site.json"), Json.MAPPER.writeValueAsString(config));
        hub = TestHub.start(site);
    }

    @AfterAll
    static void stop() throws IOException {
        hub.close();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static WsClient visitor() throws Exception {
        return WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
    }

    private static ObjectNode identity(String userId) {
        long now = Instant.now().getEpochSecond();
        String hash = HexFormat.of().formatHex(Hmac.sha256(TestSites.IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8),
                SignedIdentity.fullInput(userId, now, "anne@example.fr", "Anne")));
        return frame("x").removeAll().put("userId", userId).put("email", "anne@example.fr").put("name", "Anne")
                .put("issuedAt", now).put("hash", hash);
    }

    @Test
    void aCustomersTokenWithoutTheirIdentityIsANewAnonymousVisitor() throws Exception {
        String token;
        String customerVisitor;
        String conversationId;
        try (WsClient signedIn = visitor()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR");
            hello.set("identity", identity("4242"));
            JsonNode welcome = signedIn.hello(hello);
            token = welcome.path("visitorToken").asText();
            customerVisitor = welcome.path("visitorId").asText();
            conversationId = signedIn.say("c1", "Ma commande 4471, livrée au 3 rue des Lilas ?").path("conversationId").asText();
        }

        try (WsClient nextPerson = visitor()) {
            JsonNode welcome = nextPerson.hello(frame("hello").put("locale", "fr-FR").put("visitorToken", token));
            assertNotEquals(customerVisitor, welcome.path("visitorId").asText(), "not the customer's visitor");
            assertTrue(welcome.path("conversationId").isNull(), welcome.toString());
            List<JsonNode> replayed = nextPerson.drain(Duration.ofMillis(500));
            assertFalse(replayed.toString().contains("Lilas"), "nothing of the customer's is replayed: " + replayed);
            assertTrue(hub.server().store().findVisitor(TestHub.SITE, welcome.path("visitorId").asText())
                    .orElseThrow().userId() == null, "anonymous");
        }

        try (WsClient sameCustomer = visitor()) {
            ObjectNode hello = frame("hello").put("locale", "fr-FR").put("visitorToken", token);
            hello.set("identity", identity("4242"));
            JsonNode welcome = sameCustomer.hello(hello);
            assertEquals(customerVisitor, welcome.path("visitorId").asText(), "with a fresh identity: the customer again");
            assertEquals(conversationId, welcome.path("conversationId").asText());
        }
    }

    @Test
    void anAnonymousVisitorsTokenStillWorksWithoutIdentity() throws Exception {
        String token;
        String visitorId;
        try (WsClient first = visitor()) {
            JsonNode welcome = first.hello(frame("hello").put("locale", "fr-FR"));
            token = welcome.path("visitorToken").asText();
            visitorId = welcome.path("visitorId").asText();
        }
        try (WsClient again = visitor()) {
            assertEquals(visitorId, again.hello(frame("hello").put("visitorToken", token)).path("visitorId").asText());
        }
    }
}
