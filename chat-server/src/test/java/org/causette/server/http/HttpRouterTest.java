package org.causette.server.http;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.causette.server.auth.StaffAuth;
import org.causette.server.auth.VisitorTokens;
import org.causette.server.cluster.LocalBroker;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.causette.server.config.Sites;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.LocalConnections;
import org.causette.server.conversation.LocalStaffConnections;
import org.causette.server.marketing.ProactiveEngine;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.routing.PresenceBook;
import org.causette.server.routing.Router;
import org.causette.server.store.memory.MemoryEventQuota;
import org.causette.server.store.memory.MemoryLoginAttempts;
import org.causette.server.store.memory.MemoryStore;
import org.causette.server.support.TestSites;
import org.causette.server.usecase.BotTurns;
import org.causette.server.usecase.StaffService;
import org.causette.server.usecase.VisitorService;
import org.causette.server.ws.OutboundBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's guards in an EmbeddedChannel: no sockets, every buffer released. */
class HttpRouterTest {
    private static Lanes lanes;
    private static java.util.concurrent.ScheduledExecutorService scheduler;
    private static HttpRouter router;

    @BeforeAll
    static void wire() {
        MemoryStore store = new MemoryStore();
        Site site = new SiteLoader(TestSites.ENV::get).load(SiteSource.folder(TestSites.testShop()));
        Sites sites = new Sites(List.of(site), false);
        HubMetrics metrics = new HubMetrics();
        Clock clock = Clock.systemUTC();
        lanes = new Lanes(2, 100, OutboundBatch::around);
        Hub hub = new Hub(new LocalConnections(), new LocalStaffConnections(), new LocalBroker(), lanes, "test");
        ConversationFeed feed = new ConversationFeed(store, hub, metrics, clock);
        Router routing = new Router(sites, store, feed, hub, lanes, new PresenceBook(store, clock, "test"), clock);
        StaffAuth auth = new StaffAuth(sites, store, clock, new MemoryLoginAttempts());
        VisitorService visitors = new VisitorService(store, lanes, hub, feed,
                new BotTurns(store, hub, feed, routing, metrics, clock),
                new ProactiveEngine(store, hub, lanes, clock), new MemoryEventQuota(), metrics,
                new VisitorTokens(store.serverSecret()), clock);
        StaffService staff = new StaffService(store, lanes, hub, feed, routing, auth, clock,
                scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
        router = new HttpRouter(sites, store, metrics, visitors, staff, new ApiRoutes(sites, store, auth, feed, Runnable::run, clock),
                WebhookRoutes.none(sites, metrics), Runnable::run, clock, new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
    }

    @AfterAll
    static void stop() {
        lanes.close();
        scheduler.shutdownNow();
    }

    private static FullHttpResponse exchange(FullHttpRequest request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpObjectAggregator(1024), router);
        channel.writeInbound(request);
        channel.runPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertNotNull(response, "a response");
        channel.finishAndReleaseAll();
        return response;
    }

    private static FullHttpRequest upgrade(String uri, String origin) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set(HttpHeaderNames.UPGRADE, "websocket").set(HttpHeaderNames.CONNECTION, "Upgrade")
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13").set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==");
        if (origin != null) {
            request.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        return request;
    }

    private static int status(FullHttpResponse response) {
        try {
            return response.status().code();
        } finally {
            response.release();
        }
    }

    @Test
    void healthIsOk() {
        FullHttpResponse response = exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz"));
        assertEquals("{\"status\":\"ok\"}", response.content().toString(StandardCharsets.UTF_8));
        assertEquals(200, status(response));
    }

    @Test
    void anUnknownSiteIs404BeforeTheHandshake() {
        assertEquals(404, status(exchange(upgrade("/ws/visitor?site=nope", TestSites.ALLOWED_ORIGIN))));
        assertEquals(404, status(exchange(upgrade("/ws/visitor", TestSites.ALLOWED_ORIGIN))));
    }

    @Test
    void aForeignOriginIs403BeforeTheHandshake() {
        assertEquals(403, status(exchange(upgrade("/ws/visitor?site=test-shop", "https://evil.example"))));
    }

    @Test
    void aPlainGetOfTheSocketPathIs400() {
        assertEquals(400, status(exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws/visitor?site=test-shop"))));
    }

    @Test
    void pathsThatClimbOutOfTheResourceFoldersAreNotFound() {
        for (String path : List.of("/console/../logback.xml", "/console/..%2Flogback.xml", "/console//etc/passwd", "/console/%00")) {
            assertEquals(404, status(exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path))), path);
        }
    }

    @Test
    void writesAreRefusedOnStaticRoutes() {
        FullHttpResponse response = exchange(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/healthz"));
        assertTrue(response.content().toString(StandardCharsets.UTF_8).contains("method_not_allowed"));
        assertEquals(405, status(response));
    }

    /**
     * Every handler an open socket keeps costs each idle socket memory (a pipeline slot, the handler, its timers):
     * after the handshake only Netty's frame codec and the socket's own handler are left.
     */
    @Test
    void anOpenVisitorSocketKeepsOnlyTheFrameCodecAndItsHandler() {
        EmbeddedChannel channel = new EmbeddedChannel(new io.netty.handler.codec.http.HttpServerCodec(),
                new HttpObjectAggregator(1024), router);
        String request = "GET /ws/visitor?site=test-shop HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Origin: " + TestSites.ALLOWED_ORIGIN + "\r\n\r\n";
        channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
        io.netty.buffer.ByteBuf response = channel.readOutbound();
        assertTrue(response.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"));
        response.release();
        List<Class<?>> handlers = channel.pipeline().toMap().values().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder.class,
                io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder.class,
                org.causette.server.ws.VisitorFrameHandler.class), handlers);
        channel.finishAndReleaseAll();
    }

    @Test
    void anUpgradeWithoutItsKeyIs400() {
        EmbeddedChannel channel = new EmbeddedChannel(new io.netty.handler.codec.http.HttpServerCodec(),
                new HttpObjectAggregator(1024), router);
        String request = "GET /ws/visitor?site=test-shop HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nOrigin: " + TestSites.ALLOWED_ORIGIN + "\r\n\r\n";
        channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
        io.netty.buffer.ByteBuf response = channel.readOutbound();
        String text = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(text.startsWith("HTTP/1.1 400"), text);
        assertTrue(text.contains("bad_request"), text);
        channel.finishAndReleaseAll();
    }

    /** Anything but RFC 6455 (version 13), or no version at all, is refused, never served a pre-standard handshake. */
    @Test
    void anUpgradeOfAnotherWebSocketVersionIs426WithVersion13() {
        for (String version : new String[] {"8", "0", null}) {
            FullHttpRequest request = upgrade("/ws/visitor?site=test-shop", TestSites.ALLOWED_ORIGIN);
            if (version == null) {
                request.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
            } else {
                request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, version);
            }
            FullHttpResponse response = exchange(request);
            assertEquals("13", response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION), "version " + version);
            assertEquals(426, status(response), "version " + version);
        }
    }
}
