package org.causette.server.ws;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Frames sent during one lane task leave with one flush per socket when the task ends. A shopper's message costs an
 * ack, then the bot's reply a few dozen microseconds later; flushed one by one, each frame wakes the socket's event
 * loop from the lane and costs a write system call of its own. Written without a flush, Netty queues them on the
 * event loop without waking it (its "lazy" execute), and the single flush at the end wakes it once and writes them
 * together. Outside a lane task (event loops, timers, HTTP handlers) frames are flushed at once, as before.
 *
 * <p>Only for tasks that end soon: the ack waits for the end of the task, that is for the bot's turn and its store
 * writes (with Redis, a script call). A task that writes a lot to one socket (a replay of a long conversation, an
 * agent's new conversations with their history) flushes as it goes, once half the socket's outbound limit is
 * waiting: its own frames must never make the socket look like a slow reader.
 */
public final class OutboundBatch {
    private static final Logger log = LoggerFactory.getLogger(OutboundBatch.class);
    /** Beyond this many sockets in one task (a broadcast to staff), duplicates are found by a set, not a scan. */
    private static final int SCAN_LIMIT = 16;
    private static final ThreadLocal<OutboundBatch> OF_THREAD = ThreadLocal.withInitial(OutboundBatch::new);

    private boolean open;
    /** Sockets written to in this task: usually one or two (the visitor's tab, the person holding the conversation). */
    private final ArrayList<Channel> written = new ArrayList<>();
    private final Set<Channel> writtenSet = Collections.newSetFromMap(new IdentityHashMap<>());

    private OutboundBatch() {
    }

    /** Runs the task with sends batched, then flushes every socket it wrote to, whatever the task threw. */
    public static void around(Runnable task) {
        OutboundBatch batch = OF_THREAD.get();
        if (batch.open) {
            task.run(); // nested: the outer batch flushes
            return;
        }
        batch.open = true;
        try {
            task.run();
        } finally {
            batch.open = false;
            batch.flushAll();
        }
    }

    /** Writes the frame: flushed now outside a batch, at the end of the batch inside one. */
    static void write(Channel channel, Object frame) {
        OutboundBatch batch = OF_THREAD.get();
        if (!batch.open) {
            channel.writeAndFlush(frame, channel.voidPromise());
            return;
        }
        channel.write(frame, channel.voidPromise());
        batch.remember(channel);
        if (channel.bytesBeforeUnwritable() < channel.config().getWriteBufferHighWaterMark() / 2) {
            channel.flush();
        }
    }

    private void remember(Channel channel) {
        if (written.size() < SCAN_LIMIT) {
            for (int i = 0; i < written.size(); i++) {
                if (written.get(i) == channel) {
                    return;
                }
            }
            written.add(channel);
            return;
        }
        if (writtenSet.isEmpty()) {
            writtenSet.addAll(written);
        }
        if (writtenSet.add(channel)) {
            written.add(channel);
        }
    }

    private void flushAll() {
        try {
            for (int i = 0; i < written.size(); i++) {
                try {
                    written.get(i).flush();
                } catch (RuntimeException e) {
                    // One socket's failure must not keep the others' frames waiting.
                    log.warn("Flush failed", e);
                }
            }
        } finally {
            written.clear();
            writtenSet.clear();
        }
    }
}
