package org.causette.server.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.ws.frames.ServerFrames;

/**
 * What every socket does, visitor or staff: send encoded frames without letting a slow reader grow the heap (its
 * outbound buffer full means it is closed, and it resumes later from the store), send errors, guard against floods.
 */
public abstract class SocketConnection {
    private final Channel channel;
    private final HubMetrics metrics;
    private final TokenBucket floodGuard;

    protected SocketConnection(Channel channel, HubMetrics metrics, int burst, double perSecond) {
        this.channel = channel;
        this.metrics = metrics;
        this.floodGuard = new TokenBucket(burst, perSecond, System.nanoTime());
    }

    /** Only from the socket's event loop. */
    boolean tryTakeFrameToken() {
        return floodGuard.tryTake(System.nanoTime());
    }

    public final void send(EncodedFrame frame) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            metrics.slowReaderClosed();
            close(WebSocketCloseStatus.TRY_AGAIN_LATER, "reading too slowly");
            return;
        }
        metrics.frameOut(frame.kind());
        channel.writeAndFlush(frame.newFrame(), channel.voidPromise());
    }

    public final void sendError(ErrorCode code, String message, String ref) {
        metrics.error(code.wireName());
        send(EncodedFrame.of(new ServerFrames.Error(code.wireName(), message, ref), "error"));
    }

    public final void close(WebSocketCloseStatus status, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(f -> channel.close());
        }
    }

    public final boolean isOpen() {
        return channel.isActive();
    }
}
