package org.causette.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a staff socket and a hand-over shopper's socket share: hello once the WebSocket is open, ready at the welcome,
 * the frames read on the channel's event loop (every field of a subclass is touched from there only).
 */
abstract class WsSession extends SimpleChannelInboundHandler<WebSocketFrame> implements SessionClient.Session {
    static final byte[] WELCOME = FrameScan.ascii("welcome");
    static final byte[] ERROR = FrameScan.ascii("error");

    private CountDownLatch settled;
    private boolean ready;
    private boolean counted;
    private Throwable failure;
    protected Channel channel;

    @Override
    public final void attach(CountDownLatch latch) {
        this.settled = latch;
    }

    @Override
    public final boolean ready() {
        return ready;
    }

    Channel channel() {
        return channel;
    }

    /** The first frame, sent once the WebSocket handshake is done. */
    protected abstract String hello();

    /** A text frame after the welcome. */
    protected abstract void frame(ByteBuf frame, long now);

    /** Once, from the loop: the welcome came. */
    protected void welcomed() {
    }

    /** Once, from the loop: a socket that was ready closed (the hub closed it, or it failed). */
    protected void lost(Throwable cause) {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            send(hello());
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        settle();
        if (ready) {
            lost(failure);
        }
        ready = false;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        long now = System.nanoTime();
        ByteBuf content = frame.content();
        if (!ready) {
            if (FrameScan.hasType(content, WELCOME)) {
                ready = true;
                settle();
                welcomed();
            } else if (FrameScan.hasType(content, ERROR)) {
                Bench.info("  refused at hello: " + content.toString(StandardCharsets.UTF_8));
                ctx.close();
            }
            return;
        }
        frame(content, now);
    }

    private void settle() {
        if (!counted && settled != null) {
            counted = true;
            settled.countDown();
        }
    }

    /** A frame now (from the loop, or from any thread: Netty hands the write to the loop). */
    protected final void send(String json) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8)), channel.voidPromise());
        }
    }

    protected final void later(Runnable task, long delayNanos) {
        if (delayNanos <= 0) {
            task.run();
        } else {
            channel.eventLoop().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** JSON string contents: the few texts we write are ours, but ids come from the server. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
