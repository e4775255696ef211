package org.causette.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a plain HTTP connection that does not send a whole request in time: {@link #FIRST_REQUEST} after it opens
 * (headers and body, so a client dribbling a header a byte at a time is bounded too), and {@link #KEEP_ALIVE_IDLE}
 * after the last response between two requests. An idle TCP connection once stayed open for over 200 s and 19,990 of
 * them used up the process's open files (issue 21). While a request is being answered no timer runs (a login takes a
 * PBKDF2 of about a second). The WebSocket upgrade removes this handler: sockets have their own keep-alive.
 */
public final class HttpIdleGuard extends ChannelDuplexHandler {
    /** From connect to a whole first request. */
    public static final Duration FIRST_REQUEST = Duration.ofSeconds(10);
    /** From the end of a response to the whole next request on the same connection. */
    public static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(30);

    private final Duration firstRequest;
    private final Duration keepAliveIdle;
    private ScheduledFuture<?> timer;

    public HttpIdleGuard() {
        this(FIRST_REQUEST, KEEP_ALIVE_IDLE);
    }

    /** With other times (tests). */
    public HttpIdleGuard(Duration firstRequest, Duration keepAliveIdle) {
        this.firstRequest = firstRequest;
        this.keepAliveIdle = keepAliveIdle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx, firstRequest);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx, firstRequest);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            // The response is complete: the next request must come within the keep-alive time.
            arm(ctx, keepAliveIdle);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx, Duration after) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            ctx.channel().close();
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
