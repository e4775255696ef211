package org.causette.server.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversation nobody answers in time goes to the next person; an ambassador's goes to an agent. */
class AnswerTimeoutTest {
    @TempDir
    static Path folder;
    private TestHub hub;

    @BeforeEach
    void start() throws Exception {
        Path site = folder.resolve("quick-" + System.nanoTime());
        Files.createDirectories(site);
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, site.resolve(file.getFileName()));
            }
        }
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(site.resolve("site.json").toFile());
        config.putObject("routing").put("answerTimeoutSeconds", 2).put("ambassadorAnswerTimeoutSeconds", 2);
        Files.writeString(site.resolve("site.json"), config.toString());
        hub = TestHub.start(site);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void anUnansweredConversationIsOfferedToTheNextPerson() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            String conversationId = HandoverTest.askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            try (TestHub.Staff zoe = hub.staff("zoe")) {
                JsonNode gone = anna.socket().nextMatching(f -> f.path("type").asText().equals("unassigned"),
                        "unassigned after the timeout", Duration.ofSeconds(15));
                assertEquals("timeout", gone.path("reason").asText());
                // Anna let it pass: zoe speaks English only, so it waits for someone else... unless she fits.
                JsonNode queued = HandoverTest.nextState(visitor, "queued");
                assertEquals(conversationId, queued.path("conversationId").asText());
            }
        }
    }

    @Test
    void withNobodyElseOnlineTheShopperIsNotPromisedSomeoneElse() throws Exception {
        try (TestHub.Staff anna = hub.staff("anna"); WsClient visitor = hub.visitor()) {
            HandoverTest.askForAPerson(visitor, "c1");
            anna.socket().next("assigned");
            anna.socket().nextMatching(f -> f.path("type").asText().equals("unassigned"), "unassigned after the timeout",
                    Duration.ofSeconds(15));
            JsonNode told = HandoverTest.nextMessageSaying(visitor, "system", "personne d'autre n'est en ligne");
            assertFalse(told.path("text").asText().contains("quelqu'un d'autre"), told.toString());
            assertTrue(told.path("quickReplies").toString().contains("LEAVE_EMAIL"), told.toString());
            JsonNode queued = HandoverTest.nextState(visitor, "queued");
            assertFalse(queued.path("teamOnline").asBoolean(true), queued.toString());
        }
    }

    @Test
    void anAmbassadorWhoDoesNotAnswerGivesWayToAnAgent() throws Exception {
        try (TestHub.Staff leo = hub.staff("leo"); WsClient visitor = hub.visitor()) {
            visitor.send(frame("message").put("clientId", "q1").put("text", "Quelle ampoule pour la Luna ?")
                    .put("payload", "INTENT:lamp_advice"));
            String conversationId = visitor.next("ack").path("conversationId").asText();
            leo.socket().next("assigned");
            try (TestHub.Staff anna = hub.staff("anna")) {
                assertEquals("timeout", leo.socket().nextMatching(f -> f.path("type").asText().equals("unassigned"),
                        "unassigned", Duration.ofSeconds(15)).path("reason").asText());
                JsonNode assigned = anna.socket().nextMatching(f -> f.path("type").asText().equals("assigned"),
                        "assigned to the agent", Duration.ofSeconds(15));
                assertEquals(conversationId, assigned.path("conversation").path("conversationId").asText());
                assertEquals("agent", assigned.path("conversation").path("target").asText());
            }
        }
    }
}
