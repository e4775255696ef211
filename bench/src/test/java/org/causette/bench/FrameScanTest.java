package org.causette.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameScanTest {
    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheHubFramesTheToolNeeds() {
        Target hub = new Target.Hub("demo");
        ByteBuf ack = frame("{\"type\":\"ack\",\"clientId\":\"m4711\",\"conversationId\":\"c\",\"seq\":3,\"id\":\"x\",\"ts\":\"t\"}");
        assertEquals(Target.Kind.ACK, hub.classify(ack));
        assertEquals(4711, hub.ackNumber(ack));
        assertEquals(Target.Kind.REPLY, hub.classify(frame(
                "{\"type\":\"message\",\"conversationId\":\"c\",\"seq\":4,\"id\":\"y\",\"from\":{\"role\":\"bot\",\"name\":\"Colette\"},\"text\":\"ok\"}")));
        assertEquals(Target.Kind.OTHER, hub.classify(frame(
                "{\"type\":\"message\",\"seq\":4,\"from\":{\"role\":\"agent\",\"name\":\"Julie\"},\"text\":\"role bot\"}")));
        assertEquals(Target.Kind.WELCOME, hub.classify(frame("{\"type\":\"welcome\",\"visitorId\":\"v\"}")));
        assertEquals(Target.Kind.OTHER, hub.classify(frame("{\"type\":\"state\",\"state\":\"bot\"}")));
        ByteBuf error = frame("{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}");
        assertEquals(Target.Kind.ERROR, hub.classify(error));
        assertEquals("rate_limited", FrameScan.stringAfter(error, FrameScan.CODE_KEY));
    }

    @Test
    void typeMustMatchWholly() {
        assertFalse(FrameScan.hasType(frame("{\"type\":\"acknowledge\"}"), FrameScan.ascii("ack")));
        assertFalse(FrameScan.hasType(frame("{\"type\":\"ac"), FrameScan.ascii("ack")));
        assertTrue(FrameScan.hasType(frame("{\"type\":\"ack\"}"), FrameScan.ascii("ack")));
    }

    @Test
    void numbersAndStringsAreFoundOrNot() {
        assertEquals(-1, FrameScan.numberAfter(frame("{\"type\":\"ack\"}"), FrameScan.CLIENT_ID_KEY));
        assertEquals(-1, FrameScan.numberAfter(frame("{\"clientId\":\"mx\"}"), FrameScan.CLIENT_ID_KEY));
        assertNull(FrameScan.stringAfter(frame("{}"), FrameScan.CODE_KEY));
    }

    @Test
    void scanningHonoursTheReaderIndex() {
        ByteBuf buffer = frame("xx{\"type\":\"ack\",\"clientId\":\"m12\"}");
        buffer.readerIndex(2);
        assertTrue(FrameScan.hasType(buffer, FrameScan.ascii("ack")));
        assertEquals(12, FrameScan.numberAfter(buffer, FrameScan.CLIENT_ID_KEY));
    }

    @Test
    void messagesArePreEncodedWithTheirCounter() {
        Target.Messages messages = new Target.Messages();
        for (long n : new long[] {0, 7, 10, 99, 100, 123456789012L}) {
            ByteBuf out = Unpooled.buffer();
            messages.write(out, n);
            String json = out.toString(StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{\"type\":\"message\",\"clientId\":\"m" + n + "\",\"text\":\""), json);
            assertTrue(json.endsWith("\"}"), json);
            assertEquals(n, FrameScan.numberAfter(out, FrameScan.CLIENT_ID_KEY));
        }
    }

    @Test
    void theFloorEchoIsBothAckAndReply() {
        Target echo = new Target.Echo();
        ByteBuf out = Unpooled.buffer();
        echo.writeMessage(out, 42);
        assertEquals(Target.Kind.ACK_AND_REPLY, echo.classify(out));
        assertEquals(42, echo.ackNumber(out));
        assertEquals(Target.Kind.WELCOME, echo.classify(Unpooled.wrappedBuffer(echo.hello())));
    }
}
