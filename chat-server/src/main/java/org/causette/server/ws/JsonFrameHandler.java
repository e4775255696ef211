package org.causette.server.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.ws.frames.ServerFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The discipline every socket keeps, visitor or staff: text frames of JSON objects with a string {@code type}, a
 * flood guard, {@code ping}/{@code pong}, a {@code hello} first within {@link #HELLO_TIMEOUT_SECONDS}, frames that
 * come while the hello is being handled held back and replayed in order, and precise errors for everything else.
 */
abstract class JsonFrameHandler<C extends SocketConnection> extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(JsonFrameHandler.class);

    public static final int HELLO_TIMEOUT_SECONDS = 10;
    /** Frames a client may send while its hello is still being handled. */
    public static final int MAX_FRAMES_BEFORE_WELCOME = 64;

    private enum Phase { AWAITING_HELLO, HELLO_PENDING, READY }

    protected final HubMetrics metrics;
    private final String kind;
    private final ChannelGroup sockets;
    private final ArrayDeque<JsonNode> heldBack = new ArrayDeque<>();
    private Phase phase = Phase.AWAITING_HELLO;
    private ScheduledFuture<?> helloTimeout;
    protected C connection;

    /**
     * @param kind    "visitor" or "staff", for metrics
     * @param sockets every open socket of the server, closed with 1001 on shutdown
     */
    JsonFrameHandler(HubMetrics metrics, String kind, ChannelGroup sockets) {
        this.metrics = metrics;
        this.kind = kind;
        this.sockets = sockets;
    }

    protected abstract C newConnection(ChannelHandlerContext ctx);

    /** Handles a hello frame; call {@link #helloDone} or {@link #helloFailed} when it is through. */
    protected abstract void hello(ChannelHandlerContext ctx, JsonNode node);

    /** Handles any frame after the welcome. */
    protected abstract void dispatch(JsonNode node, String type);

    protected abstract void closed();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            connection = newConnection(ctx);
            sockets.add(ctx.channel());
            metrics.connectionOpened(kind);
            armHelloTimeout(ctx);
        }
        super.userEventTriggered(ctx, event);
    }

    private void armHelloTimeout(ChannelHandlerContext ctx) {
        helloTimeout = ctx.executor().schedule(() -> {
            if (phase == Phase.AWAITING_HELLO) {
                connection.sendError(ErrorCode.BAD_REQUEST, "no hello within " + HELLO_TIMEOUT_SECONDS + " s", null);
                connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "hello expected");
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            metrics.connectionClosed(kind);
            closed();
        }
        if (helloTimeout != null) {
            helloTimeout.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        metrics.frameIn(kind);
        if (!(frame instanceof TextWebSocketFrame text)) {
            connection.sendError(ErrorCode.BAD_REQUEST, "only text frames are understood", null);
            return;
        }
        if (!connection.tryTakeFrameToken()) {
            connection.sendError(ErrorCode.RATE_LIMITED, "too many frames; slow down", null);
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text.text());
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
                    helloTimeout.cancel(false);
                    hello(ctx, node);
                } else {
                    connection.sendError(ErrorCode.BAD_REQUEST, "the first frame must be hello", null);
                }
            }
            case HELLO_PENDING -> {
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
            while (!heldBack.isEmpty() && ctx.channel().isActive()) {
                JsonNode held = heldBack.poll();
                dispatch(held, held.get("type").asText());
            }
        });
    }

    /** The hello did not go through: the client may say hello again. Safe from any thread. */
    protected final void helloFailed(ChannelHandlerContext ctx) {
        ctx.executor().execute(() -> {
            phase = Phase.AWAITING_HELLO;
            heldBack.clear();
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
        if (cause instanceof TooLongFrameException) {
            // A fragmented message whose parts add up to more than the limit.
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame too large"))
                    .addListener(f -> ctx.close());
            return;
        }
        if (cause instanceof java.io.IOException) {
            log.debug("{} socket dropped: {}", kind, cause.getMessage()); // A peer that went away: routine.
        } else {
            log.warn("{} socket failed", kind, cause);
        }
        ctx.close();
    }
}
