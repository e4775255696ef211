package org.causette.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.causette.server.config.KeepAliveSettings;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.EncodedFrame;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a socket closes when its peer does not read: in an EmbeddedChannel whose wire never completes a write (the
 * peer's window is full), with the event loop's clock moved by hand.
 */
class ClosingHandshakeTest {
    private static final HubMetrics METRICS = new HubMetrics();
    private static final KeepAliveSettings SETTINGS = new KeepAliveSettings(Duration.ofSeconds(1), Duration.ofSeconds(3));

    /** A wire to a peer that reads nothing: records what is written, completes no write. */
    private static final class StalledWire extends ChannelOutboundHandlerAdapter {
        final List<String> frames = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            frames.add(msg instanceof CloseWebSocketFrame close ? "close " + close.statusCode()
                    : msg.getClass().getSimpleName());
            ReferenceCountUtil.release(msg);
        }
    }

    /** The frame discipline with nothing behind it. */
    private static final class Bare extends JsonFrameHandler<SocketConnection> {
        Bare(KeepAlive keepAlive) {
            super(METRICS, "visitor", new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), keepAlive);
        }

        @Override
        protected SocketConnection newConnection(ChannelHandlerContext ctx) {
            return new SocketConnection(ctx.channel(), METRICS, new TokenBucket.Limit(30, 10)) {
            };
        }

        @Override
        protected void hello(ChannelHandlerContext ctx, JsonNode node) {
        }

        @Override
        protected void dispatch(JsonNode node, String type) {
        }

        @Override
        protected void closed() {
        }
    }

    private final KeepAlive keepAlive = new KeepAlive(SETTINGS);
    private final StalledWire wire = new StalledWire();
    private final Bare socket = new Bare(keepAlive);
    private final EmbeddedChannel channel = new EmbeddedChannel(wire, socket);

    {
        socket.opened(channel.pipeline().context(socket));
    }

    private void advance(Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aCloseThatIsNeverWrittenStillClosesTheSocketAfterTheTimeout() {
        socket.connection.close(WebSocketCloseStatus.NORMAL_CLOSURE, "bye");
        assertEquals(List.of("close 1000"), wire.frames);
        assertTrue(channel.isActive(), "waits for the close to be written");
        advance(Duration.ofMillis(SocketConnection.CLOSE_TIMEOUT_MILLIS));
        assertFalse(channel.isActive(), "closed after " + SocketConnection.CLOSE_TIMEOUT_MILLIS + " ms anyway");
    }

    @Test
    void aSocketOverItsHighWaterMarkIsClosedAtOnce() {
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        socket.connection.close(WebSocketCloseStatus.TRY_AGAIN_LATER, "reading too slowly");
        assertFalse(channel.isActive(), "the close could only wait behind what the peer does not read");
    }

    @Test
    void afterOurCloseThePeersCloseIsNotEchoedAndNothingElseGoesOut() {
        socket.connection.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no sign of life");
        socket.connection.send(EncodedFrame.of(new Object() {
            public final String type = "late";
        }, "late"));
        channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"late\"}"));
        assertTrue(channel.isActive());
        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "ok"));
        assertEquals(List.of("close 1001"), wire.frames, "one close, nothing after it");
        assertFalse(channel.isActive(), "the peer's answer ends the closing handshake");
    }

    @Test
    void aCloseWrittenStraightOnTheChannelAlsoEndsTheWrites() {
        // As the server's shutdown does, to every socket at once through the channel group.
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down"));
        channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"late\"}"));
        channel.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "ok"));
        assertEquals(List.of("close 1001"), wire.frames);
    }

    @Test
    void theSweepKeepsASilentSocketWhileItClosesAndClosesItOnce() {
        socket.lastReadNanos = System.nanoTime() - SETTINGS.deadAfter().toNanos();
        advance(SETTINGS.sweepEvery());
        assertEquals(List.of("close 1001"), wire.frames);
        assertEquals(1, keepAlive.watched(), "still watched while its close is not written");
        advance(SETTINGS.sweepEvery());
        assertEquals(List.of("close 1001"), wire.frames, "the next sweep does not close it again");
        advance(Duration.ofMillis(SocketConnection.CLOSE_TIMEOUT_MILLIS));
        assertFalse(channel.isActive());
        assertEquals(0, keepAlive.watched(), "forgotten once its channel is closed");
    }

    /** A socket that throws in the sweep (here: no connection yet) must not stop the sweep of its event loop. */
    @Test
    void oneSocketThatFailsDoesNotStopTheSweep() {
        KeepAlive sweeps = new KeepAlive(SETTINGS);
        Bare first = new Bare(sweeps);
        Bare broken = new Bare(sweeps); // watched last, so looked at first
        long quiet = System.nanoTime() - SETTINGS.pingAfter().toNanos() * 2;
        for (Bare each : List.of(first, broken)) {
            each.lastReadNanos = quiet;
            each.lastPingNanos = quiet;
            sweeps.watch(each, channel.eventLoop());
        }
        for (int round = 0; round < 2; round++) {
            advance(SETTINGS.sweepEvery());
            assertTrue(first.lastPingNanos > quiet, "round " + round + ": the socket after the failing one is still looked at");
            first.lastPingNanos = quiet;
            broken.lastPingNanos = quiet;
        }
    }
}
