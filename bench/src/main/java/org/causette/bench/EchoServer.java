package org.causette.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The floor: the least a Netty WebSocket server can do for a visitor frame, with the hub's own transport choices
 * (epoll, the same event loop counts, TCP_NODELAY, write-buffer limits, flush consolidation, a 64 KiB frame limit),
 * so that the hub's figures divided by this one's say what the hub's own work costs on this machine, today.
 * Serves {@code /healthz}, a {@code /metrics} with the heap in use, and echoes every text frame on {@link #PATH}.
 */
public final class EchoServer {
    static final String PATH = "/ws";
    private static final int MAX_FRAME = 64 * 1024;

    private EchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(prepend("echo-server", args));
        run(options.string("host", "127.0.0.1"), options.integer("port", 18081));
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static void run(String host, int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, io);
        HttpEndpoints http = new HttpEndpoints();
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new FlushConsolidationHandler(256, true))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_FRAME))
                                .addLast(new WebSocketServerProtocolHandler(PATH, null, false, MAX_FRAME))
                                .addLast(new WebSocketFrameAggregator(MAX_FRAME))
                                .addLast(http)
                                .addLast(new Echo());
                    }
                })
                .bind(host, port).sync().channel();
        System.out.println("echo floor listening on " + host + ":" + port + " (" + (epoll ? "epoll" : "nio") + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().awaitUninterruptibly();
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }));
        server.closeFuture().sync();
    }

    /** Every text frame back to its sender, the same bytes. */
    private static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        Echo() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Plain HTTP next to the socket: health and the heap figure the load tool reads, as the hub's /metrics has it. */
    @ChannelHandler.Sharable
    private static final class HttpEndpoints extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                String body;
                HttpResponseStatus status = HttpResponseStatus.OK;
                if (request.uri().startsWith("/healthz")) {
                    body = "{\"status\":\"ok\"}";
                } else if (request.uri().startsWith("/metrics")) {
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    body = "jvm_memory_used_bytes{area=\"heap\"} " + heap + "\n";
                } else {
                    status = HttpResponseStatus.NOT_FOUND;
                    body = "not found";
                }
                ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
                HttpUtil.setContentLength(response, content.readableBytes());
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            } finally {
                request.release();
            }
        }
    }
}
