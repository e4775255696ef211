package org.causette.server.cluster;

import org.causette.server.store.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The nodes sharing one Redis hear each other through Redis pub/sub, one channel per site
 * ({@code causette:{site}:bus}). A node publishes on the channel of the event's site and subscribes to the channels
 * of the sites it serves; it ignores its own events (the hub checks the origin).
 *
 * <p>Delivery is at most once, by design: pub/sub is only the fast path. The store is the truth, and a client that
 * missed something (its node died, Redis blinked) gets it on reconnect by replay from {@code lastSeq}.
 *
 * <p>Subscribing blocks a connection, so it has its own thread and its own connection, outside the pool. When Redis
 * goes away the thread retries every {@link #RETRY_EVERY} and subscribes again once Redis is back. Events are handed
 * to the hub on one dispatch thread, so a slow listener never stops this node from reading its subscription.
 */
public final class RedisBroker implements Broker {
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    public static final Duration RETRY_EVERY = Duration.ofMillis(500);
    /** A ping on the subscription this often; a read silent for {@link #SUBSCRIBER_TIMEOUT} means a dead link. */
    public static final Duration PING_EVERY = Duration.ofSeconds(5);
    public static final Duration SUBSCRIBER_TIMEOUT = Duration.ofSeconds(15);
    /** Events waiting for the hub; past that the oldest are dropped (clients catch up by replay). */
    public static final int DISPATCH_QUEUE = 10_000;
    /** How long a round of shard subscriptions waits for each of its threads to leave before the next round. */
    public static final Duration SHARD_STOP_WAIT = Duration.ofSeconds(2);

    private final RedisStore store;
    private final UnifiedJedis publisher;
    private final String nodeId;
    private final byte[] ownId;
    private final byte[][] channels;
    /** Redis Cluster: sharded pub/sub (SPUBLISH, SSUBSCRIBE), so an event goes only to its site's shard. */
    private final boolean sharded;
    private final Thread subscriber;
    private final ThreadPoolExecutor dispatch;
    private final ScheduledExecutorService pinger;
    private volatile Consumer<ClusterEvent> listener = event -> { };
    private volatile BinaryJedisPubSub subscription;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private volatile long lastPublishFailureLog;

    /**
     * @param sites the ids of the sites this node serves: it subscribes to their channels
     */
    public RedisBroker(RedisStore store, String nodeId, Collection<String> sites) {
        this.store = Objects.requireNonNull(store, "store");
        this.publisher = store.client();
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ownId = nodeId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.channels = sites.stream().map(RedisBroker::channel).toArray(byte[][]::new);
        this.dispatch = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(DISPATCH_QUEUE),
                r -> daemon(r, "broker-dispatch"), new ThreadPoolExecutor.DiscardOldestPolicy());
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "broker-ping"));
        this.sharded = publisher instanceof RedisClusterClient;
        this.subscriber = daemon(sharded ? this::shardedSubscribeLoop : this::subscribeLoop, "broker-subscriber");
        subscriber.start();
        pinger.scheduleWithFixedDelay(this::ping, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The channel of a site: tagged like the site's keys, so sharded pub/sub sends it to the site's shard. */
    public static byte[] channel(String siteId) {
        return ("causette:{" + siteId + "}:bus").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the subscription is live now (tests wait for it after Redis comes back). */
    public boolean subscribed() {
        return subscribed;
    }

    @Override
    public void publish(ClusterEvent event) {
        try {
            if (sharded) {
                ((RedisClusterClient) publisher).spublish(channel(event.siteId()), ClusterEventCodec.encode(event));
            } else {
                publisher.publish(channel(event.siteId()), ClusterEventCodec.encode(event));
            }
        } catch (JedisException e) {
            // Never fails the caller: the message is stored and acknowledged, other nodes' clients replay it.
            long now = System.currentTimeMillis();
            if (now - lastPublishFailureLog > 5_000) {
                lastPublishFailureLog = now;
                log.warn("Cannot publish to the other nodes: {}", e.getMessage());
            }
        }
    }

    @Override
    public void subscribe(Consumer<ClusterEvent> newListener) {
        this.listener = Objects.requireNonNull(newListener, "listener");
    }

    private void subscribeLoop() {
        while (!closed) {
            // Asked again on every attempt: behind Sentinel the primary may have moved since the last one.
            try (Jedis connection = new Jedis(store.connections().primary(),
                    store.connections().clientConfig(SUBSCRIBER_TIMEOUT, "causette-broker-" + nodeId))) {
                BinaryJedisPubSub pubSub = new Subscription();
                subscription = pubSub;
                connection.subscribe(pubSub, channels);
            } catch (JedisException | IllegalStateException e) {
                if (!closed) {
                    if (subscribed) {
                        log.warn("Lost the cluster subscription: {}; retrying", e.getMessage());
                    }
                    log.debug("Cluster subscription failed", e);
                }
            } finally {
                subscribed = false;
                subscription = null;
            }
            sleep(RETRY_EVERY);
        }
    }

    private void ping() {
        BinaryJedisPubSub current = subscription;
        if (current != null && subscribed) {
            try {
                current.ping();
            } catch (RuntimeException e) {
                log.debug("Ping on the cluster subscription failed", e);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Subscription extends BinaryJedisPubSub {
        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            if (subscribedChannels == channels.length && !subscribed) {
                subscribed = true;
                log.info("Node {} subscribed to the cluster channels of {} site(s)", nodeId, channels.length);
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            deliver(message);
        }
    }

    private void deliver(byte[] message) {
        if (ClusterEventCodec.isFrom(message, ownId)) {
            return; // Our own publication: already delivered locally, not worth decoding.
        }
        ClusterEvent event;
        try {
            event = ClusterEventCodec.decode(message);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring an unreadable cluster event: {}", e.getMessage());
            return;
        }
        if (event.originNode().equals(nodeId)) {
            return;
        }
        dispatch.execute(() -> {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("Handling a cluster event failed", e);
            }
        });
    }

    // ---- Redis Cluster: sharded pub/sub ---------------------------------------------------------------------------

    /**
     * Subscribes to each site's channel on the primary that owns its slot: one connection per primary (taken from the
     * cluster client's pool of that node), one SSUBSCRIBE per slot on it (Redis wants the channels of one command in
     * one slot). When a slot moves (resharding, failover) its primary ends those subscriptions (SUNSUBSCRIBE) or its
     * connection breaks; then every subscription of this round ends and the loop groups the channels again on the
     * cluster client's fresh slot map, {@link #RETRY_EVERY} later.
     */
    private void shardedSubscribeLoop() {
        RedisClusterClient cluster = (RedisClusterClient) publisher;
        while (!closed) {
            List<NodeSubscription> round = new ArrayList<>();
            CountDownLatch anyEnded = new CountDownLatch(1);
            try {
                AtomicInteger confirmed = new AtomicInteger();
                for (List<List<byte[]>> slots : channelsByPrimary(cluster).values()) {
                    round.add(new NodeSubscription(cluster, slots, confirmed, anyEnded));
                }
                round.forEach(NodeSubscription::start);
                anyEnded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JedisException | IllegalStateException e) {
                if (!closed) {
                    log.debug("Cluster subscription failed", e);
                }
            } finally {
                if (subscribed && !closed) {
                    log.warn("A shard's subscription ended (slot moved or node lost); subscribing again");
                }
                subscribed = false;
                round.forEach(NodeSubscription::stop);
                round.forEach(NodeSubscription::awaitEnd);
            }
            sleep(RETRY_EVERY);
        }
    }

    /** This node's channels by the primary serving them now (its node id), then by slot. */
    private Map<String, List<List<byte[]>>> channelsByPrimary(RedisClusterClient cluster) {
        Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
        for (byte[] channel : channels) {
            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(channel), k -> new ArrayList<>()).add(channel);
        }
        Map<String, List<List<byte[]>>> byNode = new LinkedHashMap<>();
        for (List<byte[]> slot : bySlot.values()) {
            // Routed by the channel's slot, so the node that answers is the one serving it.
            Object id = cluster.sendCommand(slot.get(0), Protocol.Command.CLUSTER, "MYID".getBytes(StandardCharsets.US_ASCII));
            String nodeKey = id instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : String.valueOf(id);
            byNode.computeIfAbsent(nodeKey, k -> new ArrayList<>()).add(slot);
        }
        return byNode;
    }

    /** The subscription on one primary: its own thread, blocked reading while subscribed. */
    private final class NodeSubscription extends BinaryJedisShardedPubSub {
        private final RedisClusterClient cluster;
        private final List<List<byte[]>> slots;
        private final AtomicInteger confirmed;
        private final CountDownLatch anyEnded;
        private volatile boolean stopping;
        private Thread thread;

        NodeSubscription(RedisClusterClient cluster, List<List<byte[]>> slots, AtomicInteger confirmed, CountDownLatch anyEnded) {
            this.cluster = cluster;
            this.slots = slots;
            this.confirmed = confirmed;
            this.anyEnded = anyEnded;
        }

        void start() {
            thread = daemon(this::run, "broker-shard-subscriber");
            thread.start();
        }

        private void run() {
            try (Connection connection = cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(slots.get(0).get(0)))) {
                // A replica accepts SSUBSCRIBE for its primary's slots too: with a slot map a moment old that would be
                // the former primary, now a replica. Only a primary will do; otherwise this round ends and is redone.
                Object role = connection.executeCommand(Protocol.Command.ROLE);
                if (!(role instanceof List<?> reply) || reply.isEmpty() || !"master".equals(text(reply.get(0)))) {
                    throw new IllegalStateException("the slot's node is not a primary (yet)");
                }
                if (!stopping) {
                    proceed(connection, slots.get(0).toArray(byte[][]::new));
                }
            } catch (RuntimeException e) {
                if (!stopping && !closed) {
                    log.debug("Shard subscription ended", e);
                }
            } finally {
                anyEnded.countDown();
            }
        }

        private static String text(Object value) {
            return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : String.valueOf(value);
        }

        @Override
        public void onSSubscribe(byte[] channel, int subscribedChannels) {
            if (stopping) {
                // The round ended while this command was on its way: leave, or the channel would be heard twice later.
                sunsubscribe();
                return;
            }
            if (subscribedChannels == slots.get(0).size()) {
                // The first slot's command is confirmed: the others go on the same connection, one command per slot.
                for (int i = 1; i < slots.size(); i++) {
                    ssubscribe(slots.get(i).toArray(byte[][]::new));
                }
            }
            if (confirmed.incrementAndGet() == channels.length && !subscribed) {
                subscribed = true;
                log.info("Node {} subscribed to the sharded channels of {} site(s)", nodeId, channels.length);
            }
        }

        @Override
        public void onSUnsubscribe(byte[] channel, int subscribedChannels) {
            if (!stopping && isSubscribed()) {
                // The shard gave this slot up: end the round, so every channel is placed again on the new map.
                stopping = true;
                sunsubscribe();
            }
        }

        @Override
        public void onSMessage(byte[] channel, byte[] message) {
            deliver(message);
        }

        /** Waits a little for the thread to leave, so no subscription of this round outlives it. */
        void awaitEnd() {
            try {
                if (thread != null) {
                    thread.join(SHARD_STOP_WAIT.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopping = true;
            try {
                if (isSubscribed()) {
                    sunsubscribe();
                }
            } catch (RuntimeException e) {
                log.debug("Ending a shard subscription", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        pinger.shutdownNow();
        BinaryJedisPubSub current = subscription;
        if (current != null) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                log.debug("Unsubscribing", e);
            }
        }
        subscriber.interrupt();
        dispatch.shutdown();
    }
}
