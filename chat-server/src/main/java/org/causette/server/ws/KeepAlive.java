package org.causette.server.ws;

import io.netty.channel.EventLoop;
import org.causette.server.config.KeepAliveSettings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead peers without a timer per socket. A per-socket idle handler costs an idle socket two scheduled tasks, a
 * handler and its pipeline slot (about 430 bytes, most of what an idle socket holds beyond Netty's own); here each
 * event loop instead looks over its own sockets every {@link KeepAliveSettings#sweepEvery()}: a socket not written to
 * for {@link KeepAliveSettings#pingAfter()} is pinged, one that sent nothing (not even the pong) for
 * {@link KeepAliveSettings#deadAfter()} is closed with 1001. The price is precision: a ping or a close comes up to
 * one sweep late.
 * <p>
 * A loop's sockets are a list threaded through the frame handlers themselves (two references each, no node objects),
 * touched only from that loop, so it needs no locks.
 */
public final class KeepAlive {
    private final KeepAliveSettings settings;
    private final long pingAfterNanos;
    private final long deadAfterNanos;
    private final Map<EventLoop, Sweep> sweeps = new ConcurrentHashMap<>();

    public KeepAlive(KeepAliveSettings settings) {
        this.settings = settings;
        this.pingAfterNanos = settings.pingAfter().toNanos();
        this.deadAfterNanos = settings.deadAfter().toNanos();
    }

    public KeepAliveSettings settings() {
        return settings;
    }

    /** From the socket's event loop, once the handshake is through. */
    void watch(JsonFrameHandler<?> socket, EventLoop loop) {
        sweeps.computeIfAbsent(loop, this::newSweep).add(socket);
    }

    /** From the socket's event loop, when it closes; a socket not watched is left alone. */
    void forget(JsonFrameHandler<?> socket, EventLoop loop) {
        Sweep sweep = sweeps.get(loop);
        if (sweep != null) {
            sweep.remove(socket);
        }
    }

    /** Sockets watched on every loop: for tests and metrics, read from any thread (a moment's count). */
    public int watched() {
        return sweeps.values().stream().mapToInt(s -> s.size).sum();
    }

    private Sweep newSweep(EventLoop loop) {
        Sweep sweep = new Sweep();
        long every = settings.sweepEvery().toNanos();
        // Runs until the loop shuts down with the server; with no socket left a sweep costs next to nothing.
        loop.scheduleAtFixedRate(sweep::run, every, every, TimeUnit.NANOSECONDS);
        return sweep;
    }

    /** One event loop's sockets. Only that loop touches it (apart from the {@link #size} read for tests). */
    private final class Sweep {
        private JsonFrameHandler<?> head;
        private volatile int size;

        void add(JsonFrameHandler<?> socket) {
            if (socket.keepAliveLinked) {
                return;
            }
            socket.keepAliveLinked = true;
            socket.keepAlivePrev = null;
            socket.keepAliveNext = head;
            if (head != null) {
                head.keepAlivePrev = socket;
            }
            head = socket;
            size++;
        }

        void remove(JsonFrameHandler<?> socket) {
            if (!socket.keepAliveLinked) {
                return;
            }
            JsonFrameHandler<?> prev = socket.keepAlivePrev;
            JsonFrameHandler<?> next = socket.keepAliveNext;
            if (prev == null) {
                head = next;
            } else {
                prev.keepAliveNext = next;
            }
            if (next != null) {
                next.keepAlivePrev = prev;
            }
            socket.keepAlivePrev = null;
            socket.keepAliveNext = null;
            socket.keepAliveLinked = false;
            size--;
        }

        void run() {
            long now = System.nanoTime();
            JsonFrameHandler<?> socket = head;
            while (socket != null) {
                JsonFrameHandler<?> next = socket.keepAliveNext; // read first: closing may unlink this one
                if (now - socket.lastReadNanos >= deadAfterNanos) {
                    remove(socket); // once: the close takes a moment, and the next sweep must not close it again
                    socket.closeSilent();
                } else if (now - socket.lastWriteNanos >= pingAfterNanos) {
                    socket.ping(now);
                }
                socket = next;
            }
        }
    }
}
