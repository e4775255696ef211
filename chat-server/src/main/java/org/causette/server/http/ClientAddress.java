package org.causette.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Whose request this is, for the login throttle: the peer's address, or, only when the peer is one of the configured
 * proxies ({@code CAUSETTE_TRUSTED_PROXIES}), the address its {@code X-Forwarded-For} names. Anyone else's header is
 * ignored, or a guesser would pick a fresh address for each attempt. The header is read from the right: the last
 * address not itself a trusted proxy is the one the nearest trusted proxy saw connecting.
 */
final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Longer headers are not read: no proxy chain we trust is that long. */
    private static final int MAX_HEADER_CHARS = 1_024;

    private final Set<InetAddress> trustedProxies;

    ClientAddress(Set<InetAddress> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(ChannelHandlerContext ctx, HttpRequest request) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return "unknown";
        }
        InetAddress peer = socket.getAddress();
        String header = request.headers().get(FORWARDED_FOR);
        if (!trustedProxies.contains(peer) || header == null || header.length() > MAX_HEADER_CHARS) {
            return peer.getHostAddress();
        }
        String[] hops = header.split(",", -1);
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i].trim());
            if (hop == null) {
                break; // a malformed hop: what lies left of it is not to be believed either
            }
            if (!trustedProxies.contains(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    /** An IP literal, or null (never a DNS lookup). */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 45 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
