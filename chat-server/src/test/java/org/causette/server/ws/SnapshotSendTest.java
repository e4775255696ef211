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

/** Snapshots (the queue) are conflated per socket: one in flight, only the newest waiting, none lost at the end. */
class SnapshotSendTest {

    /** Stands for a socket whose reader is slow: writes complete only when the test says so. */
    private static final class SlowSocket extends ChannelOutboundHandlerAdapter {
        final List<String> written = new ArrayList<>();
        final List<ChannelPromise> pending = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            TextWebSocketFrame frame = (TextWebSocketFrame) msg;
            written.add(frame.text());
            frame.release();
            pending.add(promise);
        }

        void completeOldest() {
            pending.remove(0).setSuccess();
        }
    }

    private record Numbered(String type, int n) {
    }

    private static EncodedFrame queueOf(int n) {
        return EncodedFrame.of(new Numbered("queue", n), "queue");
    }

    @Test
    void aSlowSocketGetsTheNewestQueueNotEveryQueue() {
        SlowSocket socket = new SlowSocket();
        EmbeddedChannel channel = new EmbeddedChannel(socket);
        StaffConnection connection = new StaffConnection(channel, new HubMetrics());

        connection.sendSnapshot(queueOf(1));
        connection.sendSnapshot(queueOf(2));
        connection.sendSnapshot(queueOf(3));
        channel.runPendingTasks();
        assertEquals(List.of("{\"type\":\"queue\",\"n\":1}"), socket.written, "one in flight at a time");

        socket.completeOldest();
        channel.runPendingTasks();
        assertEquals(2, socket.written.size());
        assertEquals("{\"type\":\"queue\",\"n\":3}", socket.written.get(1), "2 was made obsolete by 3");

        socket.completeOldest();
        channel.runPendingTasks();
        assertEquals(2, socket.written.size(), "nothing newer waits");

        connection.sendSnapshot(queueOf(4));
        channel.runPendingTasks();
        assertEquals(3, socket.written.size(), "the next change goes out at once");
        channel.finishAndReleaseAll();
    }

}
