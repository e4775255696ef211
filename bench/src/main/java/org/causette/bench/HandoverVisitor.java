package org.causette.bench;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A shopper who wants a person: asks the bot for a human (a phrase its {@code human_request} intent knows), waits for
 * {@code state assigned} (the queue wait), then writes to the agent and reads the answers — each message and answer
 * carrying its send time ({@link Marker}) — until the agent closes the conversation; after a pause it starts again
 * (the next message after {@code closed} opens a new conversation, docs/protocol.md). In fan-out runs it asks once, when
 * told ({@link #askNow}), and records nothing itself.
 */
final class HandoverVisitor extends WsSession {
    /** The bot hands over on this (intent human_request, target agent, no skill: any agent may take it). */
    static final String HANDOVER_PHRASE = "I want to talk to a human";
    static final byte[] STATE = FrameScan.ascii("state");
    static final byte[] MESSAGE = FrameScan.ascii("message");
    static final byte[] ASSIGNED = FrameScan.ascii("\"state\":\"assigned\"");
    static final byte[] CLOSED = FrameScan.ascii("\"state\":\"closed\"");
    static final byte[] ROLE_AGENT = FrameScan.ascii("\"role\":\"agent\"");

    private enum Phase { IDLE, ASKED, TALKING }

    /**
     * @param thinkNanos  the wait before writing again after an agent's answer
     * @param pauseNanos  the wait after a closed conversation before asking for a person again
     * @param exchanges   messages per conversation (the agent closes after answering that many)
     */
    record Plan(long thinkNanos, long pauseNanos, int exchanges) {
    }

    private final Plan plan;
    private final HandoverStats stats;
    private Phase phase = Phase.IDLE;
    private boolean running;
    private long askedAt;
    private int written;
    private long nextClientId = 1;

    HandoverVisitor(Plan plan, HandoverStats stats) {
        this.plan = plan;
        this.stats = stats;
    }

    static String path(String site) {
        return "/ws/visitor?site=" + site;
    }

    @Override
    protected String hello() {
        return "{\"type\":\"hello\",\"visitorToken\":null,\"locale\":\"en-GB\","
                + "\"page\":{\"url\":\"http://127.0.0.1/bench\",\"title\":\"bench\"},\"lastSeq\":0,\"consent\":false}";
    }

    /**
     * Starts the cycle of hand-overs, the first at a random time within {@code spreadNanos}, so that shoppers do not
     * all ask at once: with the spread of one whole cycle, requests arrive at a steady rate from the start.
     */
    void start(long spreadNanos) {
        channel.eventLoop().execute(() -> {
            running = true;
            later(this::ask, ThreadLocalRandom.current().nextLong(Math.max(1, spreadNanos)));
        });
    }

    void stop() {
        channel.eventLoop().execute(() -> running = false);
    }

    /** Fan-out: the triggering message, now; returns its send time. */
    long askNow() {
        long now = System.nanoTime();
        send("{\"type\":\"message\",\"clientId\":\"h" + nextClientId++ + "\",\"text\":" + quote(HANDOVER_PHRASE) + "}");
        return now;
    }

    private void ask() {
        if (!running || phase != Phase.IDLE) {
            return;
        }
        phase = Phase.ASKED;
        written = 0;
        askedAt = System.nanoTime();
        stats.requested.increment();
        send("{\"type\":\"message\",\"clientId\":\"h" + nextClientId++ + "\",\"text\":" + quote(HANDOVER_PHRASE) + "}");
    }

    private void write() {
        if (phase != Phase.TALKING || written >= plan.exchanges()) {
            return;
        }
        written++;
        stats.visitorSent.increment();
        send("{\"type\":\"message\",\"clientId\":\"h" + nextClientId++ + "\",\"text\":"
                + quote(Marker.stamp("Is the Oslo armchair available in blue?", System.nanoTime())) + "}");
    }

    @Override
    protected void lost(Throwable cause) {
        stats.lost("visitor", cause);
    }

    @Override
    protected void frame(ByteBuf frame, long now) {
        if (FrameScan.hasType(frame, STATE)) {
            if (FrameScan.contains(frame, ASSIGNED) && phase == Phase.ASKED) {
                HandoverStats.record(stats.queueWait, now - askedAt);
                stats.visitorAssigned.increment();
                phase = Phase.TALKING;
                write();
            } else if (FrameScan.contains(frame, CLOSED) && phase != Phase.IDLE) {
                if (phase == Phase.TALKING) {
                    stats.completed.increment();
                }
                phase = Phase.IDLE;
                later(this::ask, plan.pauseNanos());
            }
        } else if (FrameScan.hasType(frame, MESSAGE)) {
            if (phase == Phase.TALKING && FrameScan.contains(frame, ROLE_AGENT)) {
                long sentAt = Marker.sentAt(frame);
                if (sentAt >= 0) {
                    HandoverStats.record(stats.toVisitor, now - sentAt);
                    later(this::write, plan.thinkNanos());
                }
            }
        } else if (FrameScan.hasType(frame, ERROR)) {
            stats.error("visitor", FrameScan.stringAfter(frame, FrameScan.CODE_KEY));
        }
    }
}
