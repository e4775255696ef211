package org.causette.server.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.EncodedFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames sent in one lane task leave with one flush per socket at its end; outside a task, at once. */
class OutboundBatchTest {

    /** Records what reaches the socket: each frame written, and each flush as "|". */
    private static final class Wire extends ChannelOutboundHandlerAdapter {
        final List<String> events = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            TextWebSocketFrame frame = (TextWebSocketFrame) msg;
            events.add(frame.text());
            frame.release();
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            events.add("|");
        }
    }

    private record Numbered(String type, int n) {
    }

    private static EncodedFrame frame(int n) {
        return EncodedFrame.of(new Numbered("ack", n), "ack");
    }

    @Test
    void outsideATaskEachFrameIsFlushedAtOnce() {
        Wire wire = new Wire();
        VisitorlessSocket socket = new VisitorlessSocket(new EmbeddedChannel(wire));

        socket.send(frame(1));
        socket.send(frame(2));

        assertEquals(List.of("{\"type\":\"ack\",\"n\":1}", "|", "{\"type\":\"ack\",\"n\":2}", "|"), wire.events);
    }

    @Test
    void framesOfOneTaskLeaveTogetherWithOneFlushPerSocket() {
        Wire first = new Wire();
        Wire second = new Wire();
        VisitorlessSocket a = new VisitorlessSocket(new EmbeddedChannel(first));
        VisitorlessSocket b = new VisitorlessSocket(new EmbeddedChannel(second));

        OutboundBatch.around(() -> {
            a.send(frame(1));
            b.send(frame(2));
            a.send(frame(3));
            assertEquals(List.of("{\"type\":\"ack\",\"n\":1}", "{\"type\":\"ack\",\"n\":3}"), first.events,
                    "written in order, not flushed yet");
        });

        assertEquals(List.of("{\"type\":\"ack\",\"n\":1}", "{\"type\":\"ack\",\"n\":3}", "|"), first.events);
        assertEquals(List.of("{\"type\":\"ack\",\"n\":2}", "|"), second.events);
    }

    @Test
    void aTaskThatFailsStillFlushesWhatItSent() {
        Wire wire = new Wire();
        VisitorlessSocket socket = new VisitorlessSocket(new EmbeddedChannel(wire));

        assertThrows(IllegalStateException.class, () -> OutboundBatch.around(() -> {
            socket.send(frame(1));
            throw new IllegalStateException("the store went away");
        }));

        assertEquals(List.of("{\"type\":\"ack\",\"n\":1}", "|"), wire.events, "the ack already promised goes out");
    }

    @Test
    void aNestedBatchLeavesTheFlushToTheOuterOneAndTheNextTaskStartsClean() {
        Wire wire = new Wire();
        VisitorlessSocket socket = new VisitorlessSocket(new EmbeddedChannel(wire));

        OutboundBatch.around(() -> {
            OutboundBatch.around(() -> socket.send(frame(1)));
            assertEquals(List.of("{\"type\":\"ack\",\"n\":1}"), wire.events, "no flush at the inner end");
            socket.send(frame(2));
        });
        socket.send(frame(3));

        assertEquals(List.of("{\"type\":\"ack\",\"n\":1}", "{\"type\":\"ack\",\"n\":2}", "|",
                "{\"type\":\"ack\",\"n\":3}", "|"), wire.events);
    }

    @Test
    void aBroadcastToManySocketsFlushesEachOnce() {
        List<Wire> wires = new ArrayList<>();
        List<VisitorlessSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Wire wire = new Wire();
            wires.add(wire);
            sockets.add(new VisitorlessSocket(new EmbeddedChannel(wire)));
        }

        OutboundBatch.around(() -> {
            for (int round = 0; round < 2; round++) {
                sockets.forEach(s -> s.send(frame(7)));
            }
        });

        for (Wire wire : wires) {
            assertEquals(List.of("{\"type\":\"ack\",\"n\":7}", "{\"type\":\"ack\",\"n\":7}", "|"), wire.events);
        }
    }

    /** Counts flushes and lets frames through to the channel's outbound buffer, where they count as pending bytes. */
    private static final class PassingWire extends ChannelOutboundHandlerAdapter {
        int frames;
        int flushes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            frames++;
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    @Test
    void aTaskThatWritesMoreThanTheOutboundLimitFlushesAsItGoesAndIsNotTakenForASlowReader() {
        PassingWire wire = new PassingWire();
        EmbeddedChannel channel = new EmbeddedChannel(wire);
        VisitorlessSocket socket = new VisitorlessSocket(channel);
        String page = "x".repeat(2_000);
        int frames = 4 * channel.config().getWriteBufferHighWaterMark() / page.length(); // a replay of a long conversation

        OutboundBatch.around(() -> {
            for (int i = 0; i < frames; i++) {
                socket.send(EncodedFrame.of(new Page("message", page), "message"));
            }
        });

        assertTrue(socket.isOpen(), "closed as a slow reader by its own replay");
        assertEquals(frames, wire.frames, "every frame written");
        assertTrue(wire.flushes > 1, "flushed along the way");
        channel.finishAndReleaseAll();
    }

    private record Page(String type, String text) {
    }

    /** The socket basics alone (SocketConnection is abstract): no visitor, no flood guard in play. */
    private static final class VisitorlessSocket extends SocketConnection {
        VisitorlessSocket(EmbeddedChannel channel) {
            super(channel, new HubMetrics(), new TokenBucket.Limit(30, 10));
        }
    }
}
