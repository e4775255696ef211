package org.causette.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The pipeline every connection starts with; the router swaps the HTTP part for the WebSocket part on upgrade.
 * Reads top to bottom: count connections per address, consolidate flushes, HTTP codec, compression of responses the
 * client takes compressed (console assets, JSON; a file served in its own gzip form passes as it is), whole requests
 * up to {@link #MAX_HTTP_BODY} within {@link HttpIdleGuard}'s times, route. The WebSocket handshake takes the
 * compressor out with the aggregator.
 */
public final class HubInitializer extends ChannelInitializer<SocketChannel> {
    /** The largest HTTP body we read (site API, webhooks); more gets 413. */
    public static final int MAX_HTTP_BODY = 1024 * 1024;
    /** Smaller responses go as they are: gzip's header and the CPU would cost more than the bytes saved. */
    public static final int COMPRESS_FROM_BYTES = 1024;
    /** Deflate level for responses compressed on the fly: most of the gain for a fraction of level 9's time. */
    public static final int COMPRESSION_LEVEL = 6;

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
                .addLast(new HttpContentCompressor(COMPRESSION_LEVEL, 15, 8, COMPRESS_FROM_BYTES))
                .addLast(new HttpObjectAggregator(MAX_HTTP_BODY))
                .addLast(new HttpIdleGuard()) // removed on upgrade
                .addLast(router);
    }
}
