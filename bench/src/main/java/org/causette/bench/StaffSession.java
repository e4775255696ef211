package org.causette.bench;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One staff member's socket ({@code /ws/staff}, docs/protocol.md), logged in beforehand with {@code POST /api/login}:
 * hello with the token, {@code presence online}, then it works the conversations the hub gives it ({@code assigned}) —
 * and, with {@link Plan#acceptFromQueue}, takes waiting ones from the {@code queue} frames itself with {@code accept}.
 * Each visitor message that carries a {@link Marker} is answered after the think time; after {@link Plan#exchanges}
 * answers the conversation is closed. Every {@code queue} frame's arrival time goes to the {@link FanoutProbe}.
 *
 * <p>Frames are read by prefix and key scans like the shoppers' ({@link FrameScan}); no JSON parsing.
 */
final class StaffSession extends WsSession {
    static final String PATH = "/ws/staff";
    static final byte[] QUEUE = FrameScan.ascii("queue");
    static final byte[] ASSIGNED = FrameScan.ascii("assigned");
    static final byte[] UNASSIGNED = FrameScan.ascii("unassigned");
    static final byte[] MESSAGE = FrameScan.ascii("message");
    static final byte[] CONVERSATION_ID = FrameScan.ascii("\"conversationId\":\"");
    static final byte[] ROLE_VISITOR = FrameScan.ascii("\"role\":\"visitor\"");

    /**
     * What every staff session of a run does.
     *
     * @param thinkNanos       the wait before answering a visitor's message
     * @param exchanges        answers per conversation before closing it (0: never close)
     * @param acceptFromQueue  also take waiting conversations from the queue frames, up to {@code maxChats}
     * @param staffCount       how many staff sessions share the queue: a waiting conversation is tried by one of them
     *                         only (chosen by its id), not by all at once
     */
    record Plan(long thinkNanos, int exchanges, boolean acceptFromQueue, int maxChats, int staffCount) {
    }

    private final int index;
    private final String token;
    private final Plan plan;
    private final HandoverStats stats;
    private final FanoutProbe probe;
    /** Conversations held, with the answers sent in each. */
    private final Map<String, Integer> held = new HashMap<>();
    private long nextClientId = 1;
    /** Only for the admin of fan-out runs: the ids in the last queue frame, to close them. */
    private boolean keepsQueue;
    private List<String> lastQueue = List.of();

    StaffSession(int index, String token, Plan plan, HandoverStats stats, FanoutProbe probe) {
        this.index = index;
        this.token = token;
        this.plan = plan;
        this.stats = stats;
        this.probe = probe;
    }

    int index() {
        return index;
    }

    @Override
    protected String hello() {
        return "{\"type\":\"hello\",\"token\":" + quote(token) + "}";
    }

    @Override
    protected void welcomed() {
        // Staff are online right after login (PresenceBook.connected); said anyway, as the console does.
        send("{\"type\":\"presence\",\"status\":\"online\"}");
    }

    @Override
    protected void lost(Throwable cause) {
        stats.lost("staff", cause);
    }

    @Override
    protected void frame(ByteBuf frame, long now) {
        if (FrameScan.hasType(frame, QUEUE)) {
            stats.largestQueueFrame.accumulate(frame.readableBytes());
            if (probe != null) {
                probe.arrived(index, now, frame);
            }
            if (plan.acceptFromQueue()) {
                acceptMine(frame);
            }
            if (keepsQueue) {
                lastQueue = conversationIds(frame);
            }
        } else if (FrameScan.hasType(frame, MESSAGE)) {
            if (FrameScan.contains(frame, ROLE_VISITOR)) {
                visitorMessage(frame, now);
            }
        } else if (FrameScan.hasType(frame, ASSIGNED)) {
            String id = FrameScan.stringAfter(frame, CONVERSATION_ID);
            if (id != null && held.putIfAbsent(id, 0) == null) {
                stats.assignedToStaff.increment();
            }
        } else if (FrameScan.hasType(frame, UNASSIGNED)) {
            held.remove(FrameScan.stringAfter(frame, CONVERSATION_ID));
        } else if (FrameScan.hasType(frame, ERROR)) {
            stats.error("staff", FrameScan.stringAfter(frame, FrameScan.CODE_KEY));
        }
    }

    private void visitorMessage(ByteBuf frame, long now) {
        long sentAt = Marker.sentAt(frame);
        String id = FrameScan.stringAfter(frame, CONVERSATION_ID);
        if (sentAt < 0 || id == null || !held.containsKey(id)) {
            return; // the hand-over request itself (it reached us with the conversation's history), or not ours
        }
        HandoverStats.record(stats.toAgent, now - sentAt);
        later(() -> answer(id), plan.thinkNanos());
    }

    private void answer(String conversationId) {
        Integer answered = held.get(conversationId);
        if (answered == null) {
            return; // taken away meanwhile (transfer, timeout)
        }
        long now = System.nanoTime();
        send("{\"type\":\"message\",\"conversationId\":" + quote(conversationId) + ",\"clientId\":\"s" + index + "-"
                + nextClientId++ + "\",\"text\":" + quote(Marker.stamp("Here is what I found for you.", now)) + "}");
        stats.staffSent.increment();
        if (plan.exchanges() > 0 && answered + 1 >= plan.exchanges()) {
            held.remove(conversationId);
            send("{\"type\":\"close\",\"conversationId\":" + quote(conversationId) + "}");
            stats.closedByStaff.increment();
        } else {
            held.put(conversationId, answered + 1);
        }
    }

    /** From now on, remember the last queue (for {@link #closeQueued}). */
    void keepQueue() {
        channel.eventLoop().execute(() -> keepsQueue = true);
    }

    /**
     * An admin closes every conversation of the last queue frame (docs/protocol.md {@code close}).
     *
     * @param sent told the send time of the first close, from this socket's loop
     */
    void closeQueued(java.util.function.LongConsumer sent) {
        channel.eventLoop().execute(() -> {
            long now = System.nanoTime();
            for (String id : lastQueue) {
                send("{\"type\":\"close\",\"conversationId\":" + quote(id) + "}");
            }
            sent.accept(lastQueue.isEmpty() ? -1 : now);
        });
    }

    /** Takes the waiting conversations that fall to this session (by id), while it has room. */
    private void acceptMine(ByteBuf frame) {
        for (String id : conversationIds(frame)) {
            if (held.size() >= plan.maxChats()) {
                return;
            }
            if (!held.containsKey(id) && Math.floorMod(id.hashCode(), Math.max(1, plan.staffCount())) == index) {
                send("{\"type\":\"accept\",\"conversationId\":" + quote(id) + "}");
                stats.accepts.increment();
            }
        }
    }

    /** Every {@code conversationId} value in the frame, in order. */
    static List<String> conversationIds(ByteBuf frame) {
        List<String> ids = new ArrayList<>();
        ByteBuf rest = frame.duplicate();
        while (true) {
            int at = FrameScan.indexAfter(rest, CONVERSATION_ID);
            if (at < 0) {
                return ids;
            }
            int end = at;
            while (end < rest.writerIndex() && rest.getByte(end) != '"') {
                end++;
            }
            ids.add(rest.toString(at, end - at, java.nio.charset.StandardCharsets.UTF_8));
            rest.readerIndex(Math.min(end, rest.writerIndex()));
        }
    }
}
