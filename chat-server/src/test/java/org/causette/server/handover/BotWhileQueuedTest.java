package org.causette.server.handover;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.causette.server.handover.HandoverTest.askForAPerson;
import static org.causette.server.handover.HandoverTest.nextMessageFrom;
import static org.causette.server.handover.HandoverTest.nextState;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the shopper waits in the queue the bot keeps answering routine questions, as the hand-over message promises;
 * it does not hand over a second time, and once a person has joined it is quiet.
 */
class BotWhileQueuedTest {
    private TestHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theBotAnswersInTheQueueAndFallsSilentWhenAPersonJoins() throws Exception {
        try (WsClient visitor = hub.visitor()) {
            askForAPerson(visitor, "c1");
            JsonNode promise = nextMessageFrom(visitor, "system");
            nextState(visitor, "queued");
            assertTrue(promise.path("text").asText().contains("En attendant, je reste là"), promise.toString());

            visitor.say("c2", "Combien coûte la lampe Luna ?");
            JsonNode answer = nextMessageFrom(visitor, "bot");
            assertTrue(answer.path("text").asText().contains("69"), "the sale price, while waiting: " + answer);

            visitor.say("c3", "je veux parler a un humain");
            List<JsonNode> again = visitor.drain(Duration.ofMillis(800));
            assertTrue(again.stream().noneMatch(f -> f.path("type").asText().equals("message")
                            && f.path("from").path("role").asText().equals("system")),
                    "no second hand-over announcement: " + again);
            assertTrue(again.stream().noneMatch(f -> f.path("type").asText().equals("state")
                            && !f.path("state").asText().equals("queued")),
                    "still waiting in the queue: " + again);

            try (TestHub.Staff anna = hub.staff("anna")) {
                anna.socket().next("assigned");
                nextState(visitor, "assigned");
                visitor.say("c4", "Et le lampadaire Sola, il coûte combien ?");
                nextMessageFrom(anna.socket(), "visitor");
                List<JsonNode> after = visitor.drain(Duration.ofMillis(800));
                assertTrue(after.stream().noneMatch(f -> f.path("from").path("role").asText().equals("bot")),
                        "the bot is quiet once a person holds the conversation: " + after);
            }
        }
    }
}
