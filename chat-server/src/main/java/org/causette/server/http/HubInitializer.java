package org.causette.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * The pipeline every connection starts with; the router swaps the HTTP part for the WebSocket part on upgrade.
 * Reads top to bottom: consolidate flushes, HTTP codec, whole requests up to {@link #MAX_HTTP_BODY}, route.
 */
public final class HubInitializer extends ChannelInitializer<SocketChannel> {
    /** The largest HTTP body we read (site API, webhooks); more gets 413. */
    public static final int MAX_HTTP_BODY = 1024 * 1024;

    private final HttpRouter router;

    public HubInitializer(HttpRouter router) {
        this.router = router;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new FlushConsolidationHandler(256, true))
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_HTTP_BODY))
                .addLast(router);
    }
}
