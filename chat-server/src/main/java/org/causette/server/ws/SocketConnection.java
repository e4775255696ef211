package org.causette.server.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.ws.frames.ServerFrames;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every socket does, visitor or staff: send encoded frames without letting a slow reader grow the heap (its
 * outbound buffer full means it is closed, and it resumes later from the store), send errors, guard against floods.
 * Snapshots that replace the previous one (a staff member's view of the queue) are conflated instead: at most one in
 * flight per socket and only the newest waiting, so a big queue pushed often never fills a socket by itself.
 */
public abstract class SocketConnection {
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
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            if (CLOSING.compareAndSet(this, false, true)) { // once per socket, not once per frame refused while it closes
                metrics.slowReaderClosed();
                close(WebSocketCloseStatus.TRY_AGAIN_LATER, "reading too slowly");
            }
            return;
        }
        metrics.frameOut(frame.kind());
        OutboundBatch.write(channel, frame.newFrame());
    }

    /**
     * Sends a frame that makes the previous one of its kind obsolete. While one is being written, a newer one waits
     * and replaces any older one waiting: a slow reader gets the latest state late, not every state in a pile.
     */
    public final void sendSnapshot(EncodedFrame frame) {
        if (!channel.isActive()) {
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
        channel.writeAndFlush(next.newFrame()).addListener(written -> {
            snapshotInFlight = false;
            if (waitingSnapshot != null) {
                writeWaitingSnapshot();
            }
        });
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
