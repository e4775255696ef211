package org.causette.server.ws;

import io.netty.channel.EventLoop;
import org.causette.server.config.KeepAliveSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead peers without a timer per socket. A per-socket idle handler costs an idle socket two scheduled tasks, a
 * handler and its pipeline slot (about 430 bytes, most of what an idle socket holds beyond Netty's own); here each
 * event loop instead looks over its own sockets every {@link KeepAliveSettings#sweepEvery()}: a socket that sent
 * nothing and was not pinged for {@link KeepAliveSettings#pingAfter()} is pinged (whatever the server wrote to it
 * meanwhile: a live but quiet client must be asked for a pong, or it would be taken for dead), one that sent nothing
 * (not even the pong) for {@link KeepAliveSettings#deadAfter()} is closed with 1001. The price is precision: a ping or
 * a close comes up to one sweep late. A socket stays in the sweep until its channel is inactive, so one whose close
 * stalls is still looked at (and its close is sent once: see {@link SocketConnection#close}).
 * <p>
 * A loop's sockets are a list threaded through the frame handlers themselves (two references each, no node objects),
 * touched only from that loop, so it needs no locks.
 */
public final class KeepAlive {
    private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);
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
                // One socket's failure must not end the sweep: scheduleAtFixedRate would silently stop it for good,
                // and every socket of this loop would go unwatched.
                try {
                    check(socket, now);
                } catch (RuntimeException e) {
                    log.warn("keep-alive check of a socket failed", e);
                }
                socket = next;
            }
        }

        private void check(JsonFrameHandler<?> socket, long now) {
            long heard = now - socket.lastReadNanos;
            if (heard >= deadAfterNanos) {
                socket.closeSilent(); // sends the close once; the socket leaves the sweep when its channel closes
            } else if (heard >= pingAfterNanos && now - socket.lastPingNanos >= pingAfterNanos) {
                socket.ping(now);
            }
        }
    }
}
