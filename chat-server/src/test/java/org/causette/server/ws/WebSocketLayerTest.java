package org.causette.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.KeepAliveSettings;
import org.causette.server.support.RawWebSocket.Frame;
import org.causette.server.support.RawWebSocket;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket protocol as the hub speaks it itself (close, ping, pong, fragments, UTF-8) and the keep-alive sweep,
 * against a real server with short keep-alive times, through a client that sends raw frames and never pongs by itself.
 */
class WebSocketLayerTest {
    private static final Duration PING_AFTER = Duration.ofMillis(300);
    private static final Duration DEAD_AFTER = Duration.ofMillis(1_200);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(new KeepAliveSettings(PING_AFTER, DEAD_AFTER));
    }

    @AfterAll
    static void stop() {
        hub.server().close();
    }

    private static RawWebSocket visitor() throws Exception {
        return RawWebSocket.connect(hub.port(), "/ws/visitor?site=" + TestHub.SITE, TestSites.ALLOWED_ORIGIN);
    }

    private static RawWebSocket helloed() throws Exception {
        RawWebSocket ws = visitor();
        ws.sendText("{\"type\":\"hello\",\"locale\":\"fr-FR\",\"lastSeq\":0}");
        assertEquals("welcome", nextJson(ws).path("type").asText());
        return ws;
    }

    /** The next text frame as JSON, skipping the keep-alive's pings. */
    private static JsonNode nextJson(RawWebSocket ws) throws Exception {
        Frame frame = ws.nextNotPing(WAIT);
        assertNotNull(frame, "a frame before the server closed");
        assertEquals(RawWebSocket.TEXT, frame.opcode(), "a text frame, not " + frame.opcode());
        return Json.MAPPER.readTree(frame.text());
    }

    private static Frame nextClose(RawWebSocket ws) throws Exception {
        while (true) {
            Frame frame = ws.next(WAIT);
            assertNotNull(frame, "a close frame before the TCP connection ends");
            if (frame.opcode() == RawWebSocket.CLOSE) {
                return frame;
            }
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsPingedThenClosedWith1001() throws Exception {
        try (RawWebSocket ws = helloed()) {
            long quietSince = System.nanoTime();
            int pings = 0;
            Frame frame;
            while ((frame = ws.next(WAIT)).opcode() != RawWebSocket.CLOSE) {
                if (frame.opcode() == RawWebSocket.PING) {
                    pings++;
                }
            }
            long quietFor = (System.nanoTime() - quietSince) / 1_000_000;
            assertEquals(1001, frame.closeCode());
            assertTrue(new String(frame.payload(), StandardCharsets.UTF_8).endsWith("no sign of life"));
            assertTrue(pings >= 2, "pinged while quiet: " + pings);
            assertTrue(quietFor >= DEAD_AFTER.toMillis() - 50, "closed only after " + DEAD_AFTER + ": " + quietFor + " ms");
            assertTrue(ws.closedWithin(WAIT), "then the TCP connection ends");
        }
    }

    @Test
    void aPeerThatAnswersThePingsStaysOpen() throws Exception {
        try (RawWebSocket ws = helloed()) {
            long until = System.nanoTime() + DEAD_AFTER.multipliedBy(3).toNanos();
            int pings = 0;
            while (System.nanoTime() < until) {
                Frame frame = ws.next(WAIT);
                assertNotNull(frame, "still open");
                assertTrue(frame.opcode() != RawWebSocket.CLOSE, "not closed while answering pings");
                if (frame.opcode() == RawWebSocket.PING) {
                    pings++;
                    ws.send(true, RawWebSocket.PONG, frame.payload());
                }
            }
            assertTrue(pings >= 3, "pinged every " + PING_AFTER + ": " + pings);
            ws.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", nextJson(ws).path("type").asText());
        }
    }

    @Test
    void aSocketThatNeverSaysHelloIsClosedTooOnceSilent() throws Exception {
        // The keep-alive watches a socket from its handshake, before any hello (the hello timeout is longer here).
        try (RawWebSocket ws = visitor()) {
            assertEquals(1001, nextClose(ws).closeCode());
        }
    }

    @Test
    void aMessageInFragmentsIsOneMessage() throws Exception {
        try (RawWebSocket ws = visitor()) {
            byte[] hello = "{\"type\":\"hello\",\"locale\":\"fr-FR\",\"lastSeq\":0}".getBytes(StandardCharsets.UTF_8);
            ws.send(false, RawWebSocket.TEXT, Arrays.copyOfRange(hello, 0, 10));
            ws.send(false, RawWebSocket.CONTINUATION, Arrays.copyOfRange(hello, 10, 20));
            ws.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(hello, 20, hello.length));
            assertEquals("welcome", nextJson(ws).path("type").asText());
            // A multi-byte character split across two fragments is still one valid character.
            byte[] ping = "{\"type\":\"ping\",\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8);
            int split = new String(ping, StandardCharsets.UTF_8).indexOf('é') + 1;
            ws.send(false, RawWebSocket.TEXT, Arrays.copyOfRange(ping, 0, split));
            ws.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(ping, split, ping.length));
            assertEquals("pong", nextJson(ws).path("type").asText());
        }
    }

    @Test
    void fragmentsAddingUpToOverSixtyFourKibClose1009() throws Exception {
        try (RawWebSocket ws = helloed()) {
            byte[] part = new byte[40 * 1024];
            Arrays.fill(part, (byte) 'a');
            ws.send(false, RawWebSocket.TEXT, part);
            ws.send(true, RawWebSocket.CONTINUATION, part);
            assertEquals(1009, nextClose(ws).closeCode());
            assertTrue(ws.closedWithin(WAIT));
        }
    }

    @Test
    void textThatIsNotUtf8Closes1007() throws Exception {
        try (RawWebSocket ws = helloed()) {
            ws.send(true, RawWebSocket.TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, nextClose(ws).closeCode());
            assertTrue(ws.closedWithin(WAIT));
        }
    }

    @Test
    void aPingGetsItsPongAndBinaryGetsAnError() throws Exception {
        try (RawWebSocket ws = helloed()) {
            byte[] payload = {1, 2, 3};
            ws.send(true, RawWebSocket.PING, payload);
            Frame pong = ws.nextNotPing(WAIT);
            assertEquals(RawWebSocket.PONG, pong.opcode());
            assertArrayEquals(payload, pong.payload());
            ws.send(true, RawWebSocket.BINARY, payload);
            JsonNode error = nextJson(ws);
            assertEquals("bad_request", error.path("code").asText());
            ws.send(false, RawWebSocket.BINARY, payload);
            ws.send(true, RawWebSocket.CONTINUATION, payload);
            assertEquals("bad_request", nextJson(ws).path("code").asText(), "a fragmented binary message too");
            ws.sendText("{\"type\":\"ping\"}");
            assertEquals("pong", nextJson(ws).path("type").asText(), "the socket stays open");
        }
    }

    @Test
    void aContinuationWithNothingToContinueCloses1002() throws Exception {
        try (RawWebSocket ws = helloed()) {
            ws.send(true, RawWebSocket.CONTINUATION, "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(1002, nextClose(ws).closeCode());
        }
    }

    @Test
    void theClientsCloseIsEchoedThenTheSocketCloses() throws Exception {
        try (RawWebSocket ws = helloed()) {
            ws.send(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
            assertEquals(1000, nextClose(ws).closeCode());
            assertTrue(ws.closedWithin(WAIT));
        }
    }

    /**
     * A client that stops reading while the hub writes to it (answers to its pings here) fills its window, then the
     * hub's buffers: the hub must still drop it, either at once (over the high-water mark) or once its Close cannot
     * be written within {@link SocketConnection#CLOSE_TIMEOUT_MILLIS}. Seen from the client without reading (reading
     * would let the Close through): once the hub has closed, what the client writes is refused.
     */
    @Test
    void aPeerThatStopsReadingIsClosedByTheHub() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(hub.port(), "/ws/visitor?site=" + TestHub.SITE,
                TestSites.ALLOWED_ORIGIN, 4096)) {
            ws.sendText("{\"type\":\"hello\",\"locale\":\"fr-FR\",\"lastSeq\":0}");
            try {
                // Each answered (pong, or an error of some 80 bytes once over the flood limit): more than the hub's
                // kernel send buffer can grow to (4 MiB here) plus its high-water mark.
                for (int i = 0; i < 150_000; i++) {
                    ws.sendText("{\"type\":\"ping\"}");
                }
            } catch (java.io.IOException closedMeanwhile) {
                return; // closed at once, over the high-water mark
            }
            Thread.sleep(DEAD_AFTER.toMillis() + SocketConnection.CLOSE_TIMEOUT_MILLIS + 1_000);
            boolean refused = false;
            try {
                for (int i = 0; i < 5 && !refused; i++) {
                    ws.send(true, RawWebSocket.PONG, new byte[0]);
                    Thread.sleep(100);
                }
            } catch (java.io.IOException e) {
                refused = true;
            }
            assertTrue(refused, "the hub closed the socket of a peer that does not read");
        }
    }

    /**
     * The console has no heartbeat of its own: a socket the hub writes to all the time (here the other tab's
     * messages) but whose client only answers pings must still be pinged, or it would be taken for dead.
     */
    @Test
    void aQuietClientOfABusySocketIsPingedAndStaysOpen() throws Exception {
        try (RawWebSocket quiet = visitor(); WsClient busy = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN)) {
            quiet.sendText("{\"type\":\"hello\",\"locale\":\"fr-FR\",\"lastSeq\":0}");
            JsonNode welcome = nextJson(quiet);
            busy.hello(WsClient.frame("hello").put("visitorToken", welcome.path("visitorToken").asText()).put("lastSeq", 0));
            java.util.concurrent.ScheduledExecutorService writer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            // Well under the flood limit (10 a second), and far more often than PING_AFTER: the hub is never quiet.
            writer.scheduleAtFixedRate(() -> {
                try {
                    int n = sent.incrementAndGet();
                    busy.send(WsClient.frame("message").put("clientId", "m" + n).put("text", "message " + n));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 0, PING_AFTER.toMillis() / 2, java.util.concurrent.TimeUnit.MILLISECONDS);
            long until = System.nanoTime() + DEAD_AFTER.multipliedBy(3).toNanos();
            int pings = 0;
            int texts = 0;
            try {
                while (System.nanoTime() < until) {
                    Frame frame = quiet.next(WAIT);
                    assertNotNull(frame, "still open after " + sent + " messages");
                    assertTrue(frame.opcode() != RawWebSocket.CLOSE, "not closed while answering pings");
                    if (frame.opcode() == RawWebSocket.PING) {
                        pings++;
                        quiet.send(true, RawWebSocket.PONG, frame.payload());
                    } else {
                        texts++;
                    }
                }
            } finally {
                writer.shutdownNow();
            }
            assertTrue(texts >= DEAD_AFTER.multipliedBy(3).dividedBy(PING_AFTER), "written to all along: " + texts);
            assertTrue(pings >= 3, "pinged though written to: " + pings);
        }
    }

    /** RFC 6455 §5.5.1: after its Close the hub sends nothing, so the client's answer is not echoed. */
    @Test
    void theAnswerToTheHubsCloseIsNotEchoed() throws Exception {
        try (RawWebSocket ws = visitor()) {
            assertEquals(1001, nextClose(ws).closeCode()); // the keep-alive's: it never said hello nor ponged
            try {
                ws.send(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE9});
            } catch (java.io.IOException alreadyClosed) {
                return;
            }
            Frame after;
            try {
                after = ws.next(WAIT);
            } catch (java.io.IOException reset) {
                return;
            }
            assertEquals(null, after, "the TCP connection ends, no second Close");
        }
    }
}
