package org.causette.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.ws.VisitorFrameHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 item 3: consented events are bounded in depth and rate per socket (the per-visitor quota: EdgeStoresContractTest). */
class VisitorEventLimitsTest {
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static WsClient consented() throws Exception {
        WsClient client = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
        client.hello(frame("hello").put("consent", true));
        return client;
    }

    @Test
    void deeplyNestedDataIsRefused() throws Exception {
        try (WsClient client = consented()) {
            ObjectNode event = frame("event").put("name", "custom");
            ObjectNode level = event.putObject("data");
            for (int i = 0; i < VisitorFrameHandler.MAX_EVENT_DATA_DEPTH + 1; i++) {
                level = level.putObject("k");
            }
            client.send(event);
            JsonNode error = client.next("error");
            assertEquals("bad_request", error.path("code").asText(), error.toString());
        }
    }

    @Test
    void aStreamOfEventsIsRateLimitedAndTheSocketStaysOpen() throws Exception {
        try (WsClient client = consented()) {
            for (int i = 0; i < 25; i++) { // under the socket's flood burst of 30, over the events' burst
                client.send(frame("event").put("name", "custom").set("data", frame("x").put("i", i)));
            }
            client.send(frame("ping"));
            List<JsonNode> answers = client.drain(Duration.ofMillis(500));
            long limited = answers.stream().filter(f -> f.path("code").asText().equals("rate_limited")).count();
            assertTrue(limited >= 25 - VisitorFrameHandler.EVENT_RATE.capacity() - 2, "refused: " + limited + " " + answers);
            assertTrue(answers.stream().anyMatch(f -> f.path("type").asText().equals("pong")), "still serving");
        }
    }

    /** Issue 21 item 10: {@code lastSeq: 1.5} was read as 1. */
    @Test
    void aFractionalLastSeqIsRefused() throws Exception {
        try (WsClient client = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            client.send(frame("hello").put("lastSeq", 1.5));
            assertEquals("bad_request", client.next("error").path("code").asText());
        }
    }
}
