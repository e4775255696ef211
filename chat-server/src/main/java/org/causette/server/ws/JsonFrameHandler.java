package org.causette.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.Json;
import org.causette.server.wire.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The discipline every socket keeps, visitor or staff: text frames of JSON objects with a string {@code type}, a
 * flood guard, {@code ping}/{@code pong}, a {@code hello} first within {@link #HELLO_TIMEOUT_SECONDS}, frames that
 * come while the hello is being handled held back and replayed in order, and precise errors for everything else.
 * <p>
 * It is also the socket's whole WebSocket layer above Netty's frame codec: control frames (close, ping, pong),
 * fragmented messages up to {@link #MAX_MESSAGE_BYTES}, UTF-8 checks, and the keep-alive's read and write times.
 * Netty's protocol handler, UTF-8 validator and aggregator did that in three handlers of their own, which an idle
 * socket paid for (with their pipeline slots and the handshaker kept in a channel attribute) about 400 bytes.
 */
public abstract class JsonFrameHandler<C extends SocketConnection> extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(JsonFrameHandler.class);

    public static final int HELLO_TIMEOUT_SECONDS = 10;
    /** Frames a client may send while its hello is still being handled. */
    public static final int MAX_FRAMES_BEFORE_WELCOME = 64;
    /** A message (one frame, or the fragments of one) over this many bytes closes the socket with 1009. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private enum Phase { AWAITING_HELLO, HELLO_PENDING, READY }

    protected final HubMetrics metrics;
    private final String kind;
    private final ChannelGroup sockets;
    private final KeepAlive keepAlive;
    /** Made only when a frame comes during the hello: most sockets never need it. */
    private ArrayDeque<JsonNode> heldBack;
    private Phase phase = Phase.AWAITING_HELLO;
    /** Null once the hello came: a cancelled task kept here would stay on the heap as long as the socket. */
    private ScheduledFuture<?> helloTimeout;
    protected C connection;

    // The message being received in fragments (rare: browsers send each message in one frame).
    private CompositeByteBuf fragments;
    private boolean binaryFragments;
    private int fragmentBytes;

    // Owned by the keep-alive sweep of this socket's event loop (see KeepAlive).
    JsonFrameHandler<?> keepAlivePrev;
    JsonFrameHandler<?> keepAliveNext;
    boolean keepAliveLinked;
    long lastReadNanos;
    long lastPingNanos;
    /** Our Close frame has passed: RFC 6455 §5.5.1 lets nothing follow it. Event loop only. */
    private boolean closeWritten;

    /**
     * @param kind      "visitor" or "staff", for metrics
     * @param sockets   every open socket of the server, closed with 1001 on shutdown
     * @param keepAlive pings this socket when it is quiet and closes it when its peer is gone
     */
    JsonFrameHandler(HubMetrics metrics, String kind, ChannelGroup sockets, KeepAlive keepAlive) {
        this.metrics = metrics;
        this.kind = kind;
        this.sockets = sockets;
        this.keepAlive = keepAlive;
    }

    protected abstract C newConnection(ChannelHandlerContext ctx);

    /** Handles a hello frame; call {@link #helloDone} or {@link #helloFailed} when it is through. */
    protected abstract void hello(ChannelHandlerContext ctx, JsonNode node);

    /** Handles any frame after the welcome. */
    protected abstract void dispatch(JsonNode node, String type);

    protected abstract void closed();

    /**
     * The handshake went through (its response is written): the socket is open. Called by the upgrade, on the
     * socket's event loop, with this handler's context.
     */
    public final void opened(ChannelHandlerContext ctx) {
        connection = newConnection(ctx);
        sockets.add(ctx.channel());
        metrics.connectionOpened(kind);
        long now = System.nanoTime();
        lastReadNanos = now;
        lastPingNanos = now;
        keepAlive.watch(this, ctx.channel().eventLoop());
        armHelloTimeout(ctx);
    }

    private void armHelloTimeout(ChannelHandlerContext ctx) {
        helloTimeout = ctx.executor().schedule(() -> {
            helloTimeout = null;
            if (phase == Phase.AWAITING_HELLO) {
                connection.sendError(ErrorCode.BAD_REQUEST, "no hello within " + HELLO_TIMEOUT_SECONDS + " s", null);
                connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "hello expected");
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private void cancelHelloTimeout() {
        if (helloTimeout != null) {
            helloTimeout.cancel(false);
            helloTimeout = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            metrics.connectionClosed(kind);
            keepAlive.forget(this, ctx.channel().eventLoop());
            closed();
        }
        cancelHelloTimeout();
        releaseFragments();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseFragments();
    }

    // ---- keep-alive -------------------------------------------------------------------------------------------

    /** Any bytes from the peer (a pong, a control frame, part of a frame) are a sign of life. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    /**
     * Every frame the server sends passes here (they are written on the channel, from the end of the pipeline), so
     * this is where the rule of RFC 6455 §5.5.1 is kept, whoever writes (a lane, the keep-alive, the shutdown's
     * group write): after our Close, nothing more, not even a second Close. Netty's protocol handler did the same.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (closeWritten) {
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            closeWritten = true;
        }
        ctx.write(msg, promise);
    }

    /** Heard nothing and pinged nothing for a while: a ping, which makes a live peer answer. From the sweep. */
    final void ping(long now) {
        lastPingNanos = now;
        Channel channel = connection.channel();
        if (channel.isActive() && !connection.closeSent()) {
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    /** Nothing heard for too long: the peer is gone. From the sweep, on the event loop; once (later calls do nothing). */
    final void closeSilent() {
        connection.close(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no sign of life");
    }

    // ---- WebSocket frames --------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            frame(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            Channel channel = ctx.channel();
            channel.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), channel.voidPromise());
        } else if (frame instanceof PongWebSocketFrame) {
            return; // the answer to our ping: its sign of life is counted in channelReadComplete
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeReceived(ctx, close);
        } else if (frame instanceof ContinuationWebSocketFrame) {
            continuation(ctx, frame);
        } else if (fragments != null || binaryFragments) {
            protocolError(ctx, "a new message began before the previous one ended");
        } else if (!frame.isFinalFragment()) {
            firstFragment(ctx, frame);
        } else if (frame instanceof TextWebSocketFrame) {
            text(ctx, frame.content());
        } else if (frame instanceof BinaryWebSocketFrame) {
            notText();
        }
    }

    private void firstFragment(ChannelHandlerContext ctx, WebSocketFrame frame) {
        fragmentBytes = frame.content().readableBytes();
        if (frame instanceof BinaryWebSocketFrame) {
            binaryFragments = true; // refused when complete, like a whole binary frame: nothing to keep meanwhile
            return;
        }
        fragments = ctx.alloc().compositeBuffer();
        fragments.addComponent(true, frame.content().retain());
    }

    private void continuation(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (fragments == null && !binaryFragments) {
            protocolError(ctx, "a continuation frame without a message to continue");
            return;
        }
        fragmentBytes += frame.content().readableBytes();
        if (fragmentBytes > MAX_MESSAGE_BYTES) {
            releaseFragments();
            close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame too large");
            return;
        }
        if (fragments != null) {
            fragments.addComponent(true, frame.content().retain());
        }
        if (!frame.isFinalFragment()) {
            return;
        }
        if (binaryFragments) {
            binaryFragments = false;
            notText();
            return;
        }
        CompositeByteBuf message = fragments;
        fragments = null;
        try {
            text(ctx, message);
        } finally {
            message.release();
        }
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        binaryFragments = false;
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        releaseFragments();
        close(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, reason);
    }

    /**
     * The peer's Close: if we sent ours, this is its answer and the handshake is over; otherwise echo it, then
     * close (through the same path as every close: at most {@link SocketConnection#CLOSE_TIMEOUT_MILLIS} later).
     */
    private void closeReceived(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (connection == null || connection.closeSent() || closeWritten) {
            ctx.close();
        } else {
            connection.closeEcho(close.retainedDuplicate());
        }
    }

    private void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (connection == null) {
            ctx.close();
        } else {
            connection.close(status, reason);
        }
    }

    private void notText() {
        metrics.frameIn(kind);
        connection.sendError(ErrorCode.BAD_REQUEST, "only text frames are understood", null);
    }

    /** A whole text message. */
    private void text(ChannelHandlerContext ctx, ByteBuf utf8) {
        if (!ByteBufUtil.isText(utf8, StandardCharsets.UTF_8)) {
            // RFC 6455 §8.1: text that is not UTF-8 fails the connection, with 1007.
            close(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "invalid UTF-8");
            return;
        }
        metrics.frameIn(kind);
        if (!connection.tryTakeFrameToken()) {
            connection.sendError(ErrorCode.RATE_LIMITED, "too many frames; slow down", null);
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(utf8.toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            connection.sendError(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage(), null);
            return;
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "a frame is a JSON object with a string \"type\"", null);
            return;
        }
        String type = node.get("type").asText();
        if (type.equals("ping")) {
            connection.send(EncodedFrame.of(ServerFrames.Pong.INSTANCE, "pong"));
            return;
        }
        switch (phase) {
            case AWAITING_HELLO -> {
                if (type.equals("hello")) {
                    phase = Phase.HELLO_PENDING;
                    cancelHelloTimeout();
                    hello(ctx, node);
                } else {
                    connection.sendError(ErrorCode.BAD_REQUEST, "the first frame must be hello", null);
                }
            }
            case HELLO_PENDING -> {
                if (heldBack == null) {
                    heldBack = new ArrayDeque<>();
                }
                if (heldBack.size() >= MAX_FRAMES_BEFORE_WELCOME) {
                    connection.sendError(ErrorCode.RATE_LIMITED, "too many frames before welcome", null);
                } else {
                    heldBack.add(node);
                }
            }
            case READY -> {
                if (type.equals("hello")) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "hello was already received", null);
                } else {
                    dispatch(node, type);
                }
            }
        }
    }

    /** The hello went through: handle what came meanwhile, in order. Safe from any thread. */
    protected final void helloDone(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> {
            phase = Phase.READY;
            ArrayDeque<JsonNode> held = heldBack;
            heldBack = null;
            while (held != null && !held.isEmpty() && ctx.channel().isActive()) {
                JsonNode next = held.poll();
                dispatch(next, next.get("type").asText());
            }
        });
    }

    /** The hello did not go through: the client may say hello again. Safe from any thread. */
    protected final void helloFailed(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> {
            phase = Phase.AWAITING_HELLO;
            heldBack = null;
            armHelloTimeout(ctx);
        });
    }

    /** The frame as a record, or empty after telling the client which field is wrong. */
    protected final <T> Optional<T> read(JsonNode node, Class<T> type, String ref) {
        try {
            return Optional.of(Json.MAPPER.treeToValue(node, type));
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "a field" : "\"" + e.getPath().get(e.getPath().size() - 1).getFieldName() + "\"";
            connection.sendError(ErrorCode.BAD_REQUEST, field + " has the wrong type", ref);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            connection.sendError(ErrorCode.BAD_REQUEST, "malformed " + node.path("type").asText() + " frame", ref);
        }
        return Optional.empty();
    }

    protected final void unknownType(String type) {
        connection.sendError(ErrorCode.UNKNOWN_TYPE, "unknown frame type \"" + (type.length() > 40 ? type.substring(0, 40) + "…" : type) + "\"", null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            ctx.close(); // The decoder has already sent the close frame with the right status (1009 for size).
            return;
        }
        if (cause instanceof java.io.IOException) {
            log.debug("{} socket dropped: {}", kind, cause.getMessage()); // A peer that went away: routine.
            ctx.close(); // nobody to send a Close to
            return;
        }
        log.warn("{} socket failed", kind, cause);
        // Our fault, not the peer's: say so (1011) rather than drop the TCP connection unannounced.
        close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
}
