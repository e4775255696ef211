package org.causette.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import java.util.concurrent.TimeUnit;

/**
 * One shopper's socket. Lives on its channel's event loop: every field is touched from there only.
 *
 * <p>Idle: hello, then nothing (the protocol handler answers the server's pings). Closed loop: send, wait for the ack
 * and the first bot reply, send the next one no sooner than the minimum interval after the previous. Open loop:
 * messages leave at fixed intended times whatever came back, and latency is counted from the intended time, so a
 * server (or a client) that falls behind shows in the figures instead of slowing the load (no coordinated omission).
 *
 * <p>Replies are matched by order, which the hub guarantees per visitor (one lane): ack(n), the bot's replies to n,
 * then ack(n+1). The first bot message after ack(n) is n's reply; later ones until ack(n+1) are extras.
 */
final class VisitorSession extends SimpleChannelInboundHandler<WebSocketFrame> {
    private enum Phase { CONNECTING, HELLO_SENT, READY, CLOSED }

    private enum Loop { NONE, CLOSED, OPEN }

    private static final int RING = 256;

    private final LoadClient load;
    private final Target target;
    private final Stats stats;
    private Channel channel;
    private Phase phase = Phase.CONNECTING;
    private boolean settled;
    private Loop loop = Loop.NONE;

    private long nextNumber = 1;
    // Sent and not yet acknowledged, oldest first: message numbers and intended send times.
    // Allocated on the first send: idle sessions stay small (the client must stay cheaper than the server).
    private long[] pendingNumber;
    private long[] pendingIntended;
    private int head;
    private int size;
    // Acknowledged, waiting for the bot: -1 when none.
    private long replyNumber = -1;
    private long replyIntended;

    private long minIntervalNanos;
    private long lastIntended;
    private boolean nextScheduled;
    private long intervalNanos;
    private long endNanos;

    VisitorSession(LoadClient load, Target target, Stats stats) {
        this.load = load;
        this.target = target;
        this.stats = stats;
    }

    Channel channel() {
        return channel;
    }

    boolean ready() {
        return phase == Phase.READY;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        load.register(this);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            phase = Phase.HELLO_SENT;
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(target.hello())), ctx.voidPromise());
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail("handshake timeout");
            ctx.close();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (phase != Phase.READY) {
            fail("closed before welcome");
        } else {
            stats.closedSockets.increment();
        }
        phase = Phase.CLOSED;
        load.unregister(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (phase != Phase.READY) {
            fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        ctx.close();
    }

    private void fail(String why) {
        if (!settled) {
            settled = true;
            load.failed(why);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        switch (target.classify(content)) {
            case WELCOME -> {
                if (phase == Phase.HELLO_SENT && !settled) {
                    phase = Phase.READY;
                    settled = true;
                    load.ready(this);
                }
            }
            case ACK -> acked(target.ackNumber(content));
            case REPLY -> replied();
            case ACK_AND_REPLY -> {
                acked(target.ackNumber(content));
                replied();
            }
            case ERROR -> stats.error(FrameScan.stringAfter(content, FrameScan.CODE_KEY));
            case OTHER -> {
            }
        }
    }

    private void acked(long number) {
        long now = System.nanoTime();
        if (replyNumber >= 0) {
            stats.noReply.increment(); // the previous message was acknowledged and never answered
            replyNumber = -1;
        }
        while (size > 0 && pendingNumber[head] < number) {
            pop();
            stats.timeouts.increment(); // overtaken: its ack never came
        }
        if (size == 0 || pendingNumber[head] != number) {
            return; // a duplicate or an ack of something given up on
        }
        long intended = pendingIntended[head];
        pop();
        stats.acked.increment();
        stats.recordAck(now - intended);
        replyNumber = number;
        replyIntended = intended;
    }

    private void replied() {
        if (replyNumber < 0) {
            return; // a second bot message for the same question
        }
        stats.replied.increment();
        stats.recordReply(System.nanoTime() - replyIntended);
        replyNumber = -1;
        if (loop == Loop.CLOSED) {
            scheduleClosed();
        }
    }

    private void pop() {
        head = (head + 1) % RING;
        size--;
    }

    /** Called from the event loop's sweeper: gives up on what waited longer than the timeout. */
    void sweep(long now, long timeoutNanos) {
        if (phase != Phase.READY) {
            return;
        }
        while (size > 0 && now - pendingIntended[head] > timeoutNanos) {
            pop();
            stats.timeouts.increment();
        }
        if (replyNumber >= 0 && now - replyIntended > timeoutNanos) {
            stats.timeouts.increment();
            replyNumber = -1;
        }
        if (loop == Loop.CLOSED && !nextScheduled && size == 0 && replyNumber < 0) {
            scheduleClosed();
        }
    }

    // ---- closed loop -------------------------------------------------------------------------------------------

    void startClosed(long minInterval, long firstDelayNanos) {
        channel.eventLoop().execute(() -> {
            loop = Loop.CLOSED;
            minIntervalNanos = minInterval;
            lastIntended = System.nanoTime() + firstDelayNanos - minInterval;
            scheduleClosed();
        });
    }

    private void scheduleClosed() {
        if (nextScheduled || loop != Loop.CLOSED) {
            return;
        }
        nextScheduled = true;
        long delay = lastIntended + minIntervalNanos - System.nanoTime();
        if (delay <= 0) {
            sendClosed();
        } else {
            channel.eventLoop().schedule(this::sendClosed, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void sendClosed() {
        nextScheduled = false;
        if (loop != Loop.CLOSED || phase != Phase.READY) {
            return;
        }
        long now = System.nanoTime();
        lastIntended = now;
        send(now);
    }

    // ---- open loop ---------------------------------------------------------------------------------------------

    void startOpen(long firstIntended, long interval, long end) {
        channel.eventLoop().execute(() -> {
            loop = Loop.OPEN;
            intervalNanos = interval;
            endNanos = end;
            scheduleOpen(firstIntended);
        });
    }

    private void scheduleOpen(long intended) {
        if (intended >= endNanos) {
            return;
        }
        long delay = intended - System.nanoTime();
        channel.eventLoop().schedule(() -> sendOpen(intended), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void sendOpen(long intended) {
        if (loop != Loop.OPEN || phase != Phase.READY) {
            return;
        }
        if (System.nanoTime() - intended > 1_000_000) {
            stats.lateSends.increment(); // the client fell behind by more than 1 ms; latency still counts from intended
        }
        send(intended);
        scheduleOpen(intended + intervalNanos);
    }

    void stop() {
        channel.eventLoop().execute(() -> loop = Loop.NONE);
    }

    // ---- sending -----------------------------------------------------------------------------------------------

    private void send(long intended) {
        if (pendingNumber == null) {
            pendingNumber = new long[RING];
            pendingIntended = new long[RING];
        }
        if (size == RING) {
            pop();
            stats.timeouts.increment();
        }
        long number = nextNumber++;
        int tail = (head + size) % RING;
        pendingNumber[tail] = number;
        pendingIntended[tail] = intended;
        size++;
        ByteBuf out = channel.alloc().buffer(160);
        target.writeMessage(out, number);
        stats.sent.increment();
        channel.writeAndFlush(new TextWebSocketFrame(out), channel.voidPromise());
    }
}
