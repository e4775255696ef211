package org.causette.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 21 item 6: an ambassador never reads a shopper's address or phone number, by any path: live frames, the
 * history frame, {@code GET /api/conversations/{id}}, search (no oracle) and rating comments; whoever wrote it.
 */
class AmbassadorPrivacyTest {
    private static final String EMAIL = "anne.secret@example.fr";
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode nextMessage(WsClient client, String role) throws InterruptedException {
        return client.nextMatching(f -> f.path("type").asText().equals("message")
                && f.path("from").path("role").asText().equals(role), "a message from " + role);
    }

    @Test
    void noPathShowsAnAmbassadorPersonalData() throws Exception {
        try (TestHub.Staff leo = hub.staff("leo");
             WsClient visitor = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            visitor.helloAnonymous();
            visitor.send(frame("message").put("clientId", "q1").put("text", "Quelle ampoule pour la Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String conversationId = visitor.next("ack").path("conversationId").asText();
            leo.socket().next("assigned");

            // A system notice repeating the address (the lead form), and phones written with Unicode spaces or digits.
            visitor.send(frame("lead").put("email", EMAIL).put("consent", true));
            JsonNode notice = nextMessage(leo.socket(), "system");
            assertFalse(notice.toString().contains("anne.secret"), notice.toString());
            visitor.say("q2", "au 06\u00a012\u00a034\u00a056\u00a078 ou 06\u202f12\u202f34\u202f56\u202f78 ou \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18");
            JsonNode phones = nextMessage(leo.socket(), "visitor");
            assertEquals("au [phone] ou [phone] ou [phone]", phones.path("text").asText());

            leo.socket().send(frame("history").put("conversationId", conversationId));
            JsonNode history = leo.socket().next("history");
            assertFalse(history.toString().contains("anne.secret") || history.toString().contains("12\u00a034"), history.toString());

            JsonNode detail = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, leo.token()).body());
            assertFalse(detail.toString().contains("anne.secret"), detail.toString());

            // Search: the real address and a wrong guess answer alike (no oracle); an agent still finds it.
            JsonNode right = Json.MAPPER.readTree(hub.get("/api/sites/" + TestHub.SITE + "/conversations?q=" + EMAIL, leo.token()).body());
            JsonNode wrong = Json.MAPPER.readTree(hub.get("/api/sites/" + TestHub.SITE + "/conversations?q=bob.guess@example.fr", leo.token()).body());
            assertEquals(0, right.path("conversations").size(), right.toString());
            assertEquals(0, wrong.path("conversations").size());
            JsonNode agent = Json.MAPPER.readTree(hub.get("/api/sites/" + TestHub.SITE + "/conversations?q=" + EMAIL, hub.login("anna")).body());
            assertEquals(1, agent.path("conversations").size(), agent.toString());

            // A rating comment comes back masked.
            leo.socket().send(frame("close").put("conversationId", conversationId));
            visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"), "closed");
            visitor.send(frame("rate").put("score", 5).put("comment", "Merci, rappelez-moi au 0612345678 ou " + EMAIL));
            visitor.send(frame("ping"));
            visitor.next("pong");
            Thread.sleep(300);
            JsonNode rated = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, leo.token()).body());
            assertEquals("Merci, rappelez-moi au [phone] ou [email]", rated.path("rating").path("comment").asText(), rated.toString());
            // One rating per conversation, the first wins (issue 21: a later 2.7 was stored as 2 over a 5).
            visitor.send(frame("rate").put("score", 1));
            assertEquals("bad_request", visitor.next("error").path("code").asText());
            JsonNode still = Json.MAPPER.readTree(hub.get("/api/conversations/" + conversationId, leo.token()).body());
            assertEquals(5, still.path("rating").path("score").asInt());
            leo.socket().drain(Duration.ofMillis(100));
        }
    }
}
