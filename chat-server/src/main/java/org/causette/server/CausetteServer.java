package org.causette.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.causette.server.auth.StaffAuth;
import org.causette.server.auth.VisitorTokens;
import org.causette.server.channel.Channels;
import org.causette.server.cluster.Broker;
import org.causette.server.cluster.LocalBroker;
import org.causette.server.cluster.RedisBroker;
import org.causette.server.config.ConfigException;
import org.causette.server.config.EdgeSettings;
import org.causette.server.config.RedisUrl;
import org.causette.server.config.ServerConfig;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.causette.server.config.Sites;
import org.causette.server.conversation.ChannelIds;
import org.causette.server.conversation.ConversationFeed;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.LocalConnections;
import org.causette.server.conversation.LocalStaffConnections;
import org.causette.server.conversation.Retention;
import org.causette.server.http.ApiRoutes;
import org.causette.server.http.HttpRouter;
import org.causette.server.http.HubInitializer;
import org.causette.server.http.WebhookRoutes;
import org.causette.server.marketing.ProactiveEngine;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.routing.PresenceBook;
import org.causette.server.routing.Router;
import org.causette.server.conversation.HubEvents;
import org.causette.server.mail.ReplyMails;
import org.causette.server.store.EventQuota;
import org.causette.server.store.MailStore;
import org.causette.server.store.memory.MemoryEventQuota;
import org.causette.server.store.memory.MemoryLoginAttempts;
import org.causette.server.store.memory.MemoryMailStore;
import org.causette.server.store.memory.MemoryStore;
import org.causette.server.store.Store;
import org.causette.server.store.redis.RedisEventQuota;
import org.causette.server.store.redis.RedisLoginAttempts;
import org.causette.server.store.redis.RedisMailStore;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.usecase.BotTurns;
import org.causette.server.usecase.ShopperPresence;
import org.causette.server.usecase.StaffService;
import org.causette.server.usecase.StaffSessionSweep;
import org.causette.server.usecase.VisitorService;
import org.causette.server.ws.KeepAlive;
import org.causette.server.ws.OutboundBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A running Causette hub: every part wired here, in one place. {@link #start} with port 0 picks a free port
 * (tests); {@link #close} shuts down gracefully: stop accepting, finish in-flight work, close sockets with 1001.
 */
public final class CausetteServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CausetteServer.class);

    /**
     * Lanes: store calls block, so more lanes than cores keep the cores busy. The system property
     * {@code causette.lanes} changes it, for measuring (docs/performance.md).
     */
    public static final int LANE_COUNT = Math.max(1, Integer.getInteger("causette.lanes", 16));
    public static final int LANE_QUEUE = 10_000;
    public static final int BLOCKING_POOL_THREADS = 4;
    public static final int BLOCKING_POOL_QUEUE = 1_000;
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** A connection with more than this waiting to be written is not reading: it is closed, not buffered. */
    public static final WriteBufferWaterMark OUTBOUND_LIMITS = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final ServerConfig config;
    private final Sites sites;
    private final Store store;
    private final Broker broker;
    private final Lanes lanes;
    private final ExecutorService blockingWork;
    private final ScheduledExecutorService housekeeping;
    private final Channels channels;
    private final WebhookRoutes webhooks;
    private final ProactiveEngine proactive;
    private final MailStore mailStore;
    private final ReplyMails replyMails;
    private final ShopperPresence presence;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup sockets = new DefaultChannelGroup("sockets", GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final AtomicBoolean closing = new AtomicBoolean();

    private CausetteServer(ServerConfig config, Sites sites, Store store, Clock clock, EdgeSettings edges)
            throws InterruptedException {
        this.config = config;
        this.sites = sites;
        this.store = store;
        HubMetrics metrics = new HubMetrics();
        this.broker = store instanceof RedisStore redis
                ? new RedisBroker(redis, config.nodeId(), sites.all().stream().map(Site::id).toList()) : new LocalBroker();
        this.lanes = new Lanes(LANE_COUNT, LANE_QUEUE, OutboundBatch::around);
        AtomicInteger workerNumber = new AtomicInteger();
        this.blockingWork = new ThreadPoolExecutor(BLOCKING_POOL_THREADS, BLOCKING_POOL_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(BLOCKING_POOL_QUEUE), r -> {
                    Thread thread = new Thread(r, "blocking-" + workerNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Hub hub = new Hub(new LocalConnections(), new LocalStaffConnections(), broker, lanes, config.nodeId());
        ConversationFeed feed = new ConversationFeed(store, hub, metrics, clock, (siteId, staffId) -> sites.find(siteId)
                .flatMap(site -> site.staff().stream().filter(s -> s.id().equals(staffId)).findFirst())
                .map(org.causette.server.config.StaffMember::avatarUrl).orElse(null));
        Router routing = new Router(sites, store, feed, hub, lanes, new PresenceBook(store, clock, config.nodeId()), clock);
        // Failed logins and the event quota live where the store does, so they hold across the nodes of a cluster.
        StaffAuth staffAuth = new StaffAuth(sites, store, clock, store instanceof RedisStore redis
                ? new RedisLoginAttempts(redis.client()) : new MemoryLoginAttempts());
        EventQuota eventQuota = store instanceof RedisStore redis ? new RedisEventQuota(redis.client()) : new MemoryEventQuota();
        this.proactive = new ProactiveEngine(store, hub, lanes, clock);
        // Emailed replies (docs/email.md): their store beside the main one, on the same Redis when there is one.
        this.mailStore = store instanceof RedisStore redis ? new RedisMailStore(redis.client()) : new MemoryMailStore();
        ShopperPresence presence = this.presence = new ShopperPresence(sites, mailStore, hub.visitors(), lanes, clock);
        VisitorTokens visitorTokens = new VisitorTokens(store.serverSecret());
        VisitorService visitors = new VisitorService(store, lanes, hub, feed,
                new BotTurns(store, hub, feed, routing, metrics, clock), proactive, eventQuota, metrics,
                visitorTokens, clock, presence);
        this.replyMails = new ReplyMails(sites, mailStore, store, visitorTokens.resumeLinks(), metrics, clock,
                Duration.ofMillis(Long.getLong("causette.mail.firstBackoffMs", ReplyMails.FIRST_BACKOFF.toMillis())));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        StaffService staff = new StaffService(store, lanes, hub, feed, routing, staffAuth, clock, housekeeping);
        ApiRoutes api = new ApiRoutes(sites, store, mailStore, staffAuth, feed, blockingWork, clock, edges.trustedProxies());
        this.channels = new Channels(sites, store, visitors, feed, hub, metrics, clock);
        feed.registerChannel(ChannelIds.MESSENGER, channels.messenger());
        feed.registerChannel(ChannelIds.WHATSAPP, channels.whatsapp());
        feed.setEvents(HubEvents.all(List.of(channels.crm(), replyMails)));
        channels.crm().start();
        replyMails.start();
        this.webhooks = new WebhookRoutes(sites, metrics, channels.metaChannels());
        HttpRouter router = new HttpRouter(sites, store, metrics, visitors, staff, api, webhooks, blockingWork,
                clock, sockets, new KeepAlive(config.keepAlive()), edges);
        Retention retention = new Retention(sites, store, clock);
        housekeeping.scheduleWithFixedDelay(quietly(routing::sweep), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(quietly(new StaffSessionSweep(hub.staff(), staffAuth)),
                StaffSessionSweep.EVERY.toMillis(), StaffSessionSweep.EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // Time on page and abandoned carts: the timers due by the clock, checked every second.
        housekeeping.scheduleWithFixedDelay(quietly(proactive::sweep), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(quietly(routing.presence()::renew),
                PresenceBook.RENEW_EVERY.toSeconds(), PresenceBook.RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(quietly(presence::renew), ShopperPresence.RENEW_EVERY.toSeconds(),
                ShopperPresence.RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(quietly(retention::purge), 1, Retention.EVERY.toMinutes(), TimeUnit.MINUTES);
        // What admins taught the bot, here or on another node, reaches this node's bots.
        housekeeping.scheduleWithFixedDelay(quietly(() -> sites.all().forEach(site -> site.catchUp(store.lessons(site.id())))),
                0, 60, TimeUnit.SECONDS);

        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, ioHandlers);
        this.workerGroup = new MultiThreadIoEventLoopGroup(0, ioHandlers);
        this.serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, OUTBOUND_LIMITS)
                // One allocator for every socket (it only holds sizes; each socket still gets its own handle) instead
                // of Netty's default of one each: 32 bytes less per idle socket.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator())
                .childHandler(new HubInitializer(router, edges.maxConnectionsPerAddress()))
                .bind(config.host(), config.port())
                .sync()
                .channel();
        log.info("Causette {} listening on {}:{} ({} transport, {} store, sites {})", config.nodeId(), config.host(),
                port(), epoll ? "epoll" : "nio", config.storeForLog(), sites.all().stream().map(Site::id).toList());
    }

    /** A periodic task whose failure is logged and does not stop the next run. */
    private static Runnable quietly(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Housekeeping task failed", e);
            }
        };
    }

    /**
     * Loads the sites and starts serving.
     *
     * @throws ConfigException when a site file or an option is wrong
     */
    public static CausetteServer start(ServerConfig config, Map<String, String> environment) throws InterruptedException {
        return start(config, environment, Clock.systemUTC());
    }

    /**
     * Loads the sites and starts serving with this clock for everything time-based (tests pass one they move by hand).
     *
     * @throws ConfigException when a site file or an option is wrong
     */
    public static CausetteServer start(ServerConfig config, Map<String, String> environment, Clock clock)
            throws InterruptedException {
        Function<String, String> env = environment::get;
        SiteLoader loader = new SiteLoader(env);
        List<Site> loaded = new ArrayList<>();
        if (config.demo()) {
            loaded.add(loader.load(SiteSource.classpath("demo/site/")));
        } else {
            for (var folder : config.sites()) {
                loaded.add(loader.load(SiteSource.folder(folder)));
            }
        }
        Sites sites = new Sites(loaded, config.demo());
        EdgeSettings edges = EdgeSettings.fromEnvironment(environment);
        return new CausetteServer(config, sites, openStore(config.store(), environment), clock, edges);
    }

    /** {@code environment} gives the store URL's {@code env:NAME} password and {@code CAUSETTE_REDIS_PASSWORD}. */
    private static Store openStore(String uri, Map<String, String> environment) {
        if (uri.equals("memory")) {
            return new MemoryStore();
        }
        // Connections are made on first use; a Redis that goes away later only makes the node unready until it is back.
        return RedisStore.open(RedisUrl.parse(uri, "--store", environment), true);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public Sites sites() {
        return sites;
    }

    public ServerConfig config() {
        return config;
    }

    /** The proactive scenarios, for tests that run a timer sweep right after moving their clock. */
    public ProactiveEngine proactive() {
        return proactive;
    }

    /** The emailed replies' store (docs/email.md), for tests that look at what is owed and sent. */
    public MailStore mailStore() {
        return mailStore;
    }

    /** Shoppers' presence for emailed replies, for tests that renew it right after moving their clock. */
    public ShopperPresence shopperPresence() {
        return presence;
    }

    /** The store, for tools and tests that look at what was kept. */
    public Store store() {
        return store;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return; // Closed already (SIGTERM and a caller may both ask).
        }
        log.info("Shutting down: no new connections, finishing work in progress");
        serverChannel.close().syncUninterruptibly();
        housekeeping.shutdownNow();
        webhooks.close(); // the events taken still reach the lanes, which finish next
        try {
            if (!lanes.shutdownAndAwait(SHUTDOWN_GRACE)) {
                log.warn("Some work did not finish within {}", SHUTDOWN_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server shutting down"))
                .awaitUninterruptibly(2, TimeUnit.SECONDS);
        sockets.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        lanes.close();
        channels.close();
        replyMails.close();
        blockingWork.shutdown();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        broker.close();
        store.close();
        log.info("Stopped");
    }
}
