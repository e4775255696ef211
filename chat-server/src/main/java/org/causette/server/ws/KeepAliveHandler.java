package org.causette.server.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Finds dead peers: after {@link #PING_AFTER_SECONDS} without writing the server pings; a peer that has sent
 * nothing at all (not even the pong) for {@link #DEAD_AFTER_SECONDS} is gone and its socket is closed.
 */
public final class KeepAliveHandler extends ChannelDuplexHandler {
    public static final int PING_AFTER_SECONDS = 25;
    public static final int DEAD_AFTER_SECONDS = 70;

    public static IdleStateHandler idleStateHandler() {
        return new IdleStateHandler(DEAD_AFTER_SECONDS, PING_AFTER_SECONDS, 0, TimeUnit.SECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (idle.state() == IdleState.READER_IDLE) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no sign of life"))
                        .addListener(f -> ctx.close());
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
