package org.causette.server.http;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} open connections (HTTP and WebSocket alike) from one source address; one more is closed as
 * soon as it is accepted, before a byte is read. Keeps one client from using up the process's open files (issue 21).
 * Shared by every connection of the server. Behind a proxy or load balancer every client has the proxy's address:
 * raise the limit there ({@code CAUSETTE_MAX_CONNECTIONS_PER_ADDRESS}, 0 for none) and cap per client at the proxy.
 * A connection over the limit is counted until it has closed, so the count never drifts below the truth.
 */
public final class ConnectionsPerAddress {
    private final int limit;
    private final ConcurrentMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    /** @param limit 0: no limit (see {@link org.causette.server.config.EdgeSettings}) */
    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /**
     * Counts {@code channel} against its address until it closes. @return false when it is over the limit: the
     * caller closes it before reading a byte
     */
    public boolean admit(Channel channel) {
        InetAddress address = channel.remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress() : null;
        if (limit <= 0 || address == null) {
            return true;
        }
        int now = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        channel.closeFuture().addListener(done -> release(address));
        return now <= limit;
    }

    private void release(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** How many connections are counted for {@code address} (tests). */
    int openFrom(InetAddress address) {
        AtomicInteger count = open.get(address);
        return count == null ? 0 : count.get();
    }
}
