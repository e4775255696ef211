package org.causette.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The Netty client of the staff side: the same choices as {@link LoadClient} (epoll, few event loops, pooled buffers,
 * source addresses 127.0.0.2 …), for sessions that are not the bot shoppers of {@link VisitorSession} — staff sockets
 * ({@link StaffSession}) and shoppers who ask for a person ({@link HandoverVisitor}). Both kinds of socket of one run
 * share one event loop group, so the client costs the same threads whatever the mix. Kept apart from
 * {@link LoadClient} so the bot shoppers' client stays as measured.
 */
final class SessionClient implements AutoCloseable {
    /** A socket of this client: says when it is ready (welcome received) or will never be. */
    interface Session extends ChannelHandler {
        void attach(CountDownLatch settled);

        boolean ready();
    }

    static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final InetSocketAddress server;
    private final InetAddress[] sources;
    private int nextSource;

    SessionClient(int port, int threads, int sourceCount) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.sources = new InetAddress[Math.max(1, sourceCount)];
        for (int i = 0; i < sources.length; i++) {
            try {
                sources[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Opens {@code count} sockets to {@code path}, {@code parallel} handshakes at a time, and waits until each session
     * is ready or has failed, or the deadline.
     *
     * @return the sessions that are ready, in the order of their index
     */
    <S extends Session> List<S> open(String path, int count, IntFunction<S> sessions, int parallel, long timeoutSeconds)
            throws InterruptedException {
        Bootstrap bootstrap = bootstrap();
        WebSocketClientProtocolConfig config = config(path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<S> all = new ArrayList<>();
        for (int first = 0; first < count && System.nanoTime() < deadline; first += parallel) {
            int batch = Math.min(parallel, count - first);
            CountDownLatch settled = new CountDownLatch(batch);
            for (int i = first; i < first + batch; i++) {
                S session = sessions.apply(i);
                session.attach(settled);
                all.add(session);
                InetAddress source = sources[nextSource++ % sources.length];
                bootstrap.clone().handler(initializer(config, session)).connect(server, new InetSocketAddress(source, 0))
                        .addListener(f -> {
                            if (!f.isSuccess()) {
                                settled.countDown();
                            }
                        });
            }
            settled.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return all.stream().filter(Session::ready).toList();
    }

    private Bootstrap bootstrap() {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        if (epoll) {
            bootstrap.option(io.netty.channel.epoll.EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return bootstrap;
    }

    private WebSocketClientProtocolConfig config(String path) {
        return WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://127.0.0.1:" + server.getPort() + path))
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                // The hub's queue frame lists every waiting conversation (~400 bytes each): far above the 64 KiB the
                // hub accepts from clients when the queue is long. The console takes any size; so do we.
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(60_000)
                .dropPongFrames(true)
                .build();
    }

    private static ChannelInitializer<SocketChannel> initializer(WebSocketClientProtocolConfig config, ChannelHandler session) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(8192))
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(session);
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
    }
}
