package org.causette.server.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.ServerFrames;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every socket does, visitor or staff: send encoded frames without letting a slow reader grow the heap (its
 * outbound buffer full means it is closed, and it resumes later from the store), send errors, guard against floods.
 * Snapshots that replace the previous one (a staff member's view of the queue) are conflated instead: at most one in
 * flight per socket and only the newest waiting, so a big queue pushed often never fills a socket by itself.
 */
public abstract class SocketConnection {
    /**
     * How long the server waits for its Close frame to be written before it drops the TCP connection anyway: a peer
     * that stops reading (its window full) would otherwise keep the socket, and its buffers, forever.
     */
    public static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    // Plain fields set atomically through VarHandles rather than Atomic* objects: 48 bytes less per socket.
    private static final VarHandle CLOSING;
    private static final VarHandle WAITING_SNAPSHOT;
    private static final VarHandle SNAPSHOT_IN_FLIGHT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSING = lookup.findVarHandle(SocketConnection.class, "closing", boolean.class);
            WAITING_SNAPSHOT = lookup.findVarHandle(SocketConnection.class, "waitingSnapshot", EncodedFrame.class);
            SNAPSHOT_IN_FLIGHT = lookup.findVarHandle(SocketConnection.class, "snapshotInFlight", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final HubMetrics metrics;
    private final TokenBucket floodGuard;
    /** Set once our Close frame is on its way (RFC 6455 §5.5.1: nothing may follow it, not even another Close). */
    private volatile boolean closing;
    /** The newest snapshot not written yet; replaced, never queued, by a newer one. */
    private volatile EncodedFrame waitingSnapshot;
    private volatile boolean snapshotInFlight;

    protected SocketConnection(Channel channel, HubMetrics metrics, TokenBucket.Limit floodLimit) {
        this.channel = channel;
        this.metrics = metrics;
        this.floodGuard = new TokenBucket(floodLimit, System.nanoTime());
    }

    final Channel channel() {
        return channel;
    }

    /** Only from the socket's event loop. */
    boolean tryTakeFrameToken() {
        return floodGuard.tryTake(System.nanoTime());
    }

    public final void send(EncodedFrame frame) {
        if (!channel.isActive() || closing) {
            return;
        }
        if (!channel.isWritable()) {
            if (close(WebSocketCloseStatus.TRY_AGAIN_LATER, "reading too slowly")) { // once, not per frame refused
                metrics.slowReaderClosed();
            }
            return;
        }
        metrics.frameOut(frame.kind());
        OutboundBatch.write(channel, webSocketFrame(frame));
    }

    /**
     * Sends a frame that makes the previous one of its kind obsolete. While one is being written, a newer one waits
     * and replaces any older one waiting: a slow reader gets the latest state late, not every state in a pile.
     */
    public final void sendSnapshot(EncodedFrame frame) {
        if (!channel.isActive() || closing) {
            return;
        }
        waitingSnapshot = frame;
        writeWaitingSnapshot();
    }

    private void writeWaitingSnapshot() {
        if (!SNAPSHOT_IN_FLIGHT.compareAndSet(this, false, true)) {
            return; // the write in flight picks up the newest one when it completes
        }
        EncodedFrame next = (EncodedFrame) WAITING_SNAPSHOT.getAndSet(this, (EncodedFrame) null);
        if (next == null) {
            snapshotInFlight = false;
            if (waitingSnapshot != null) {
                writeWaitingSnapshot(); // set between our read and our release: nobody else will write it
            }
            return;
        }
        metrics.frameOut(next.kind());
        channel.writeAndFlush(webSocketFrame(next)).addListener(written -> {
            snapshotInFlight = false;
            if (waitingSnapshot != null) {
                writeWaitingSnapshot();
            }
        });
    }

    /**
     * The frame's shared bytes in a buffer of this write's own: Netty releases it once written, which frees nothing
     * of the array the other receivers still wrap.
     */
    private static TextWebSocketFrame webSocketFrame(EncodedFrame frame) {
        return new TextWebSocketFrame(Unpooled.wrappedBuffer(frame.bytes()));
    }

    public final void sendError(ErrorCode code, String message, String ref) {
        metrics.error(code.wireName());
        send(EncodedFrame.of(new ServerFrames.Error(code.wireName(), message, ref), "error"));
    }

    /**
     * Starts the closing handshake, once: later calls, and every frame but this Close, are dropped. Safe from any
     * thread.
     *
     * @return whether this call sent the Close (false when the socket was already closing or closed)
     */
    public final boolean close(WebSocketCloseStatus status, String reason) {
        if (!channel.isActive() || !CLOSING.compareAndSet(this, false, true)) {
            return false;
        }
        closeChannel(channel, new CloseWebSocketFrame(status, reason));
        return true;
    }

    /** The peer closed first: echo its Close (RFC 6455 §5.5.1), unless ours is already out, then close. */
    final void closeEcho(CloseWebSocketFrame echo) {
        if (CLOSING.compareAndSet(this, false, true)) {
            closeChannel(channel, echo);
        } else {
            echo.release();
            channel.close();
        }
    }

    /** Whether our Close has gone out: nothing else may be written after it. */
    final boolean closeSent() {
        return closing;
    }

    /**
     * Writes {@code close} and closes the TCP connection when it is written or after {@link #CLOSE_TIMEOUT_MILLIS},
     * whichever comes first; at once if the channel is over its high-water mark, where the Close could only wait
     * behind what the peer is not reading. (Netty's protocol handler did the same with its own timeout.)
     */
    static void closeChannel(Channel channel, CloseWebSocketFrame close) {
        if (!channel.isWritable()) {
            close.release();
            channel.close();
            return;
        }
        ChannelFuture written = channel.writeAndFlush(close);
        if (written.isDone()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        written.addListener(f -> {
            timeout.cancel(false);
            channel.close();
        });
    }

    public final boolean isOpen() {
        return channel.isActive();
    }
}
