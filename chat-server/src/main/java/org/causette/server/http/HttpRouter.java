package org.causette.server.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import org.causette.server.config.EdgeSettings;
import org.causette.server.config.KeepAliveSettings;
import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.store.Store;
import org.causette.server.usecase.StaffService;
import org.causette.server.usecase.VisitorService;
import org.causette.server.ws.JsonFrameHandler;
import org.causette.server.ws.KeepAlive;
import org.causette.server.ws.NewVisitorLimit;
import org.causette.server.ws.StaffFrameHandler;
import org.causette.server.ws.VisitorFrameHandler;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The first stop of every HTTP request: health and metrics, static files, the REST API, and the WebSocket upgrades,
 * each behind small guards ({@link #checkSite}, {@link #checkOrigin}). Shared by all connections: it keeps no state.
 */
@ChannelHandler.Sharable
public final class HttpRouter extends ChannelInboundHandlerAdapter {
    /** A WebSocket frame (or a fragmented message) over this many bytes closes the socket with 1009. */
    public static final int MAX_FRAME_BYTES = JsonFrameHandler.MAX_MESSAGE_BYTES;
    public static final String VISITOR_SOCKET = "/ws/visitor";
    public static final String STAFF_SOCKET = "/ws/staff";

    private static final String WIDGET_RESOURCES = "org/causette/widget/";
    private static final String CONSOLE_RESOURCES = "org/causette/console/";
    private static final String DEMO_RESOURCES = "demo/web/";
    /** Front-end libraries packaged as WebJars on the class path (the console's charts). */
    private static final String WEBJAR_RESOURCES = "META-INF/resources/webjars/";

    private final Sites sites;
    private final Store store;
    private final HubMetrics metrics;
    private final VisitorService visitors;
    private final StaffService staff;
    private final ApiRoutes api;
    private final WebhookRoutes webhooks;
    private final StaticResources resources = new StaticResources();
    private final Executor blockingWork;
    private final Clock clock;
    private final io.netty.channel.group.ChannelGroup sockets;
    private final KeepAlive keepAlive;
    private final ClientAddress clientAddress;
    private final NewVisitorLimit newVisitors;

    /** With the default keep-alive. */
    public HttpRouter(Sites sites, Store store, HubMetrics metrics, VisitorService visitors, StaffService staff,
                      ApiRoutes api, WebhookRoutes webhooks, Executor blockingWork, Clock clock,
                      io.netty.channel.group.ChannelGroup sockets) {
        this(sites, store, metrics, visitors, staff, api, webhooks, blockingWork, clock, sockets,
                new KeepAlive(KeepAliveSettings.DEFAULTS), EdgeSettings.DEFAULTS);
    }

    /** @param edges whose proxies to believe for a client's address, and how many new visitors an address may make */
    public HttpRouter(Sites sites, Store store, HubMetrics metrics, VisitorService visitors, StaffService staff,
                      ApiRoutes api, WebhookRoutes webhooks, Executor blockingWork, Clock clock,
                      io.netty.channel.group.ChannelGroup sockets, KeepAlive keepAlive, EdgeSettings edges) {
        this.clientAddress = new ClientAddress(edges.trustedProxies());
        this.newVisitors = new NewVisitorLimit(edges.newVisitorsPerMinute());
        this.keepAlive = keepAlive;
        this.webhooks = webhooks;
        this.sockets = sockets;
        this.staff = staff;
        this.sites = sites;
        this.store = store;
        this.metrics = metrics;
        this.visitors = visitors;
        this.api = api;
        this.blockingWork = blockingWork;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (!request.decoderResult().isSuccess()) {
                HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request", "malformed HTTP request"));
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            if (path.equals(VISITOR_SOCKET)) {
                upgradeVisitor(ctx, request, uri);
            } else if (path.equals(STAFF_SOCKET)) {
                upgradeStaff(ctx, request);
            } else if (path.startsWith(WebhookRoutes.PREFIX)) {
                webhooks.handle(ctx, request, uri);
            } else if (path.startsWith("/api/")) {
                api.handle(ctx, request, uri);
            } else {
                serve(ctx, request, path);
            }
        } finally {
            ReferenceCountUtil.release(request); // the handshake, too, has read all it needs by now
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    request.method() + " is not allowed on " + path));
            return;
        }
        switch (path) {
            case "/healthz" -> HttpResponses.send(ctx, request, HttpResponses.json(HttpResponseStatus.OK, Map.of("status", "ok")));
            case "/readyz" -> readiness(ctx, request);
            case "/metrics" -> HttpResponses.send(ctx, request, HttpResponses.response(HttpResponseStatus.OK, metrics.scrape(),
                    "text/plain; version=0.0.4; charset=utf-8"));
            case "/widget.js" -> file(ctx, request, resources.find(WIDGET_RESOURCES, "widget.js"), "public, max-age=300");
            case "/console" -> redirect(ctx, request, "/console/");
            default -> {
                if (path.startsWith("/webjars/")) {
                    file(ctx, request, resources.find(WEBJAR_RESOURCES, path.substring("/webjars/".length())),
                            "public, max-age=86400");
                } else if (path.startsWith("/console/")) {
                    String file = path.substring("/console/".length());
                    file(ctx, request, resources.find(CONSOLE_RESOURCES, file.isEmpty() ? "index.html" : file), "no-cache");
                } else if (sites.demo()) {
                    demo(ctx, request, path);
                } else {
                    notFound(ctx, request, path);
                }
            }
        }
    }

    private void demo(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (path.equals("/demo/catalog.json")) {
            Site demo = sites.find(Sites.DEMO_ID).orElseThrow();
            HttpResponses.send(ctx, request, HttpResponses.response(HttpResponseStatus.OK, demo.catalogJson(),
                    "application/json; charset=utf-8"));
            return;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        file(ctx, request, resources.find(DEMO_RESOURCES, file), "no-cache");
    }

    private void readiness(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpRequest retained = request.retain();
        try {
            blockingWork.execute(() -> {
                FullHttpResponse response;
                try {
                    store.ping();
                    response = HttpResponses.json(HttpResponseStatus.OK, Map.of("status", "ok"));
                } catch (RuntimeException e) {
                    response = HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                            Map.of("status", "unavailable", "reason", "store: " + e.getMessage()));
                }
                FullHttpResponse ready = response;
                ctx.executor().execute(() -> {
                    HttpResponses.send(ctx, retained, ready);
                    retained.release();
                });
            });
        } catch (RejectedExecutionException e) {
            retained.release();
            HttpResponses.send(ctx, request, HttpResponses.json(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    Map.of("status", "unavailable", "reason", "overloaded")));
        }
    }

    private void file(ChannelHandlerContext ctx, FullHttpRequest request, Optional<StaticResources.Resource> found,
                      String cacheControl) {
        if (found.isEmpty()) {
            notFound(ctx, request, new QueryStringDecoder(request.uri()).path());
            return;
        }
        StaticResources.Resource resource = found.get();
        // The gzip form, compressed once at load, for a client that takes it; the compressor leaves it as it is.
        boolean gzip = resource.gzipped() != null && acceptsGzip(request);
        String etag = gzip ? resource.gzipEtag() : resource.etag();
        if (etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            FullHttpResponse notModified = HttpResponses.response(HttpResponseStatus.NOT_MODIFIED, new byte[0], resource.contentType());
            notModified.headers().set(HttpHeaderNames.ETAG, etag);
            if (resource.gzipped() != null) {
                notModified.headers().set(HttpHeaderNames.VARY, "Accept-Encoding");
            }
            HttpResponses.send(ctx, request, notModified);
            return;
        }
        byte[] body = gzip ? resource.gzipped() : resource.body();
        FullHttpResponse response = HttpResponses.response(HttpResponseStatus.OK,
                request.method().equals(HttpMethod.HEAD) ? new byte[0] : body, resource.contentType());
        response.headers()
                .set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        if (resource.gzipped() != null) {
            response.headers().set(HttpHeaderNames.VARY, "Accept-Encoding");
        }
        if (gzip) {
            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        SecurityHeaders.apply(response, new QueryStringDecoder(request.uri()).path());
        HttpResponses.send(ctx, request, response);
    }

    /** Accept-Encoding names gzip without q=0 (a linear scan of a header the client wrote). */
    static boolean acceptsGzip(FullHttpRequest request) {
        for (String value : request.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING)) {
            for (String coding : value.split(",")) {
                String[] parts = coding.trim().split(";");
                String name = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("gzip") || name.equals("x-gzip")) {
                    for (int i = 1; i < parts.length; i++) {
                        String param = parts[i].trim().replace(" ", "");
                        if (param.equals("q=0") || param.equals("q=0.0") || param.equals("q=0.00") || param.equals("q=0.000")) {
                            return false;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    private void redirect(ChannelHandlerContext ctx, FullHttpRequest request, String location) {
        FullHttpResponse response = HttpResponses.response(HttpResponseStatus.MOVED_PERMANENTLY, new byte[0], "text/plain");
        response.headers().set(HttpHeaderNames.LOCATION, location);
        HttpResponses.send(ctx, request, response);
    }

    private void notFound(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found", "nothing at " + path));
    }

    // ---- WebSocket upgrades --------------------------------------------------------------------------------------

    private void upgradeVisitor(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        if (!isUpgrade(request)) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "this is a WebSocket endpoint: connect with a WebSocket client"));
            return;
        }
        List<String> siteParam = uri.parameters().get("site");
        Optional<Site> site = checkSite(ctx, request, siteParam == null ? null : siteParam.get(0));
        if (site.isEmpty() || !checkOrigin(ctx, request, site.get())) {
            return;
        }
        upgrade(ctx, request, VISITOR_SOCKET, new VisitorFrameHandler(site.get(), visitors, metrics, clock, sockets, keepAlive,
                clientAddress.of(ctx, request), newVisitors));
    }

    /**
     * The staff socket needs no Origin check: it carries no cookie, and a page of another origin cannot know the
     * login token the first frame must hold.
     */
    private void upgradeStaff(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!isUpgrade(request)) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "this is a WebSocket endpoint: connect with a WebSocket client"));
            return;
        }
        upgrade(ctx, request, STAFF_SOCKET, new StaffFrameHandler(staff, metrics, sockets, keepAlive));
    }

    /**
     * Swaps the HTTP handlers for the WebSocket ones and answers the handshake. The pipeline of an open socket is
     * then only flush consolidation, Netty's frame encoder and decoder, and {@code frames}, which does the rest of
     * the WebSocket protocol itself (see {@link JsonFrameHandler}): every handler an idle socket keeps costs it memory.
     */
    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, JsonFrameHandler<?> frames) {
        if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            // Only RFC 6455 (version 13): Netty's factory would otherwise fall back to the pre-standard drafts.
            FullHttpResponse refused = HttpResponses.error(HttpResponseStatus.UPGRADE_REQUIRED, "bad_request",
                    "only WebSocket version 13 is spoken here");
            refused.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            HttpResponses.send(ctx, request, refused);
            return;
        }
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + path;
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, DECODER_CONFIG)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addLast(frames);
        ChannelHandlerContext framesContext = pipeline.context(frames);
        ChannelFuture handshake;
        try {
            // Adds the frame codec, removes the HTTP one once the 101 response is written.
            handshake = handshaker.handshake(ctx.channel(), request);
        } catch (WebSocketHandshakeException e) {
            // Checked before the pipeline changes (a missing Sec-WebSocket-Key, say): still plain HTTP here.
            pipeline.remove(frames);
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request", e.getMessage()));
            return;
        }
        pipeline.remove(this);
        if (pipeline.get(HttpIdleGuard.class) != null) {
            pipeline.remove(HttpIdleGuard.class); // an open socket has its own keep-alive
        }
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                frames.opened(framesContext);
            } else {
                framesContext.close();
            }
        });
    }

    private static boolean isUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private Optional<Site> checkSite(ChannelHandlerContext ctx, FullHttpRequest request, String siteId) {
        Optional<Site> site = sites.find(siteId);
        if (site.isEmpty()) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found",
                    siteId == null ? "the site parameter is missing" : "no site \"" + siteId + "\" here"));
        }
        return site;
    }

    /** Browsers always send Origin with a WebSocket; a page of another shop must not open this shop's socket. */
    private boolean checkOrigin(ChannelHandlerContext ctx, FullHttpRequest request, Site site) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !site.config().allowsOrigin(origin)) {
            HttpResponses.send(ctx, request, HttpResponses.error(HttpResponseStatus.FORBIDDEN, "forbidden_origin",
                    "origin " + origin + " may not open this site's chat"));
            return false;
        }
        return true;
    }

    /** Built once: every handshake shares it. Bigger frames close with 1009; no extensions (no compression). */
    private static final WebSocketDecoderConfig DECODER_CONFIG = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .allowExtensions(false)
            .closeOnProtocolViolation(true)
            .build();
}
