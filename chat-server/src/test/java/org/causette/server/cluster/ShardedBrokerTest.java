package org.causette.server.cluster;

import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The broker on Redis Cluster without hubs around it (fast): two brokers, sites on every shard, events cross in both
 * directions through sharded pub/sub, before and after a graceful failover (CLUSTER FAILOVER on a replica) moves a
 * slot: the old primary ends its subscriptions, the brokers place them again on the new one, and nothing is heard
 * twice. Costs the cluster's start (about 3 s) and the failover (1 to 2 s): about 10 s here.
 */
class ShardedBrokerTest {
    private static final List<String> SITES = List.of("shop-a", "shop-b", "shop-c", "shop-d", "shop-e", "shop-f");
    private static RedisCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static int slotOf(String site) {
        return JedisClusterCRC16.getSlot(RedisBroker.channel(site));
    }

    private static ClusterEvent event(String node, String site, int n) {
        return new ClusterEvent(node, ClusterEvent.Kind.QUEUE, site, null, null, n,
                ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitSubscribed(RedisBroker... brokers) throws InterruptedException {
        for (RedisBroker broker : brokers) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!broker.subscribed()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not subscribed");
                }
                Thread.sleep(20);
            }
        }
    }

    private static void crossBothWays(RedisBroker a, LinkedBlockingQueue<ClusterEvent> atA, RedisBroker b,
                                      LinkedBlockingQueue<ClusterEvent> atB, int round) throws InterruptedException {
        for (String site : SITES) {
            b.publish(event("node-b", site, round));
            ClusterEvent got = atA.poll(10, TimeUnit.SECONDS);
            assertNotNull(got, "B → A on " + site + " (slot " + slotOf(site) + "), round " + round);
            assertEquals(site, got.siteId());
            a.publish(event("node-a", site, round));
            got = atB.poll(10, TimeUnit.SECONDS);
            assertNotNull(got, "A → B on " + site + ", round " + round);
            assertEquals(site, got.siteId());
        }
    }

    @Test
    void eventsCrossOnEveryShardAndAfterSlotsMove() throws Exception {
        try (RedisStore storeA = RedisStore.open(cluster.uri()); RedisStore storeB = RedisStore.open(cluster.uri());
             RedisBroker a = new RedisBroker(storeA, "node-a", SITES); RedisBroker b = new RedisBroker(storeB, "node-b", SITES)) {
            LinkedBlockingQueue<ClusterEvent> atA = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<ClusterEvent> atB = new LinkedBlockingQueue<>();
            a.subscribe(atA::add);
            b.subscribe(atB::add);
            awaitSubscribed(a, b);
            crossBothWays(a, atA, b, atB, 1);

            int slot = slotOf(SITES.get(0));
            cluster.failover(slot);
            Thread.sleep(1500);
            awaitSubscribed(a, b);
            crossBothWays(a, atA, b, atB, 2);

        }
    }
}
