package org.causette.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
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
import io.netty.util.concurrent.EventExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side: few event loops (one by default), epoll where present, pooled buffers, and source addresses
 * 127.0.0.2 … so that more than one address's worth of ephemeral ports can be used. Opens visitor sessions with a
 * bounded number of handshakes in flight, and gives up on answers older than the timeout with one sweeper per loop.
 */
final class LoadClient implements AutoCloseable {
    private final Target target;
    private final Stats stats;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final InetSocketAddress server;
    private final InetAddress[] sources;
    private final Semaphore inFlight;
    private final int parallel;
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicInteger failedCount = new AtomicInteger();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Set<VisitorSession> sessions = ConcurrentHashMap.newKeySet();
    // Per event loop, the sessions it owns: touched only from that loop.
    private final Map<EventExecutor, Set<VisitorSession>> byLoop = new IdentityHashMap<>();
    private int nextSource;

    LoadClient(Target target, Stats stats, int port, int threads, int sourceCount, int parallel, long timeoutNanos) {
        this.target = target;
        this.stats = stats;
        this.parallel = parallel;
        this.inFlight = new Semaphore(parallel);
        boolean epoll = Epoll.isAvailable();
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
        URI uri = URI.create("ws://127.0.0.1:" + port + target.path());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(64 * 1024)
                .handshakeTimeoutMillis(60_000)
                .dropPongFrames(true)
                .build();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(8192))
                                .addLast(new WebSocketClientProtocolHandler(config))
                                .addLast(new VisitorSession(LoadClient.this, target, stats));
                    }
                });
        if (epoll) {
            // Lets many sockets share a source port towards different destinations; harmless here, and it stops
            // bind() from reserving a port before connect() knows the destination.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        for (EventExecutor loop : group) {
            byLoop.put(loop, new LinkedHashSet<>());
            loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (VisitorSession session : byLoop.get(loop)) {
                    session.sweep(now, timeoutNanos);
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    Target target() {
        return target;
    }

    Stats stats() {
        return stats;
    }

    /**
     * Opens {@code count} more sessions and waits until each has its welcome or has failed, or until the deadline.
     *
     * @return the sessions that are ready
     */
    List<VisitorSession> connect(int count, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int readyBefore = readyCount.get();
        int failedBefore = failedCount.get();
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            InetAddress source = sources[nextSource++ % sources.length];
            ChannelFuture future = bootstrap.connect(server, new InetSocketAddress(source, 0));
            future.addListener(f -> {
                if (!f.isSuccess()) {
                    failure("connect: " + f.cause().getClass().getSimpleName() + ": " + f.cause().getMessage());
                    inFlight.release();
                }
            });
        }
        // Wait for the handshakes still in flight.
        while (System.nanoTime() < deadline && inFlight.availablePermits() < parallel) {
            Thread.sleep(20);
        }
        int ready = readyCount.get() - readyBefore;
        int failed = failedCount.get() - failedBefore;
        if (failed > 0) {
            Bench.info("  " + failed + " sockets failed to open: " + failures);
        }
        List<VisitorSession> list = new ArrayList<>(sessions);
        Bench.info("  " + ready + " new sockets ready (" + list.size() + " open in all)");
        return list;
    }

    private void failure(String why) {
        failedCount.incrementAndGet();
        failures.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why, w -> new AtomicInteger()).incrementAndGet();
    }

    void register(VisitorSession session) {
        byLoop.get(session.channel().eventLoop()).add(session);
    }

    void unregister(VisitorSession session) {
        EventLoop loop = session.channel().eventLoop();
        byLoop.get(loop).remove(session);
        sessions.remove(session);
    }

    /** Once per session, from its loop: it has its welcome. */
    void ready(VisitorSession session) {
        sessions.add(session);
        readyCount.incrementAndGet();
        inFlight.release();
    }

    /** Once per session, from its loop: it will never be ready. */
    void failed(String why) {
        failure(why);
        inFlight.release();
    }

    int open() {
        return sessions.size();
    }

    /** Stops every session's sending; what is in flight may still come back. */
    void stopAll() {
        sessions.forEach(VisitorSession::stop);
    }

    @Override
    public void close() {
        for (VisitorSession session : new ArrayList<>(sessions)) {
            session.channel().close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
    }
}
