package org.causette.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The pipeline every connection starts with; the router swaps the HTTP part for the WebSocket part on upgrade.
 * Reads top to bottom: count connections per address, consolidate flushes, HTTP codec, whole requests up to {@link #MAX_HTTP_BODY}
 * within {@link HttpIdleGuard}'s times, route.
 */
public final class HubInitializer extends ChannelInitializer<SocketChannel> {
    /** The largest HTTP body we read (site API, webhooks); more gets 413. */
    public static final int MAX_HTTP_BODY = 1024 * 1024;

    private final HttpRouter router;
    private final ConnectionsPerAddress perAddress;

    public HubInitializer(HttpRouter router, int maxConnectionsPerAddress) {
        this.router = router;
        this.perAddress = new ConnectionsPerAddress(maxConnectionsPerAddress);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!perAddress.admit(channel)) {
            // Closed once registration is over: a close from inside it is not seen by the transport.
            channel.config().setAutoRead(false);
            channel.eventLoop().execute(channel::close);
            return;
        }
        channel.pipeline()
                .addLast(new FlushConsolidationHandler(256, true))
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_HTTP_BODY))
                .addLast(new HttpIdleGuard()) // removed on upgrade
                .addLast(router);
    }
}
