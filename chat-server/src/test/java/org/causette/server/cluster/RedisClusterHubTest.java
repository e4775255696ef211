package org.causette.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.support.ClusterNode;
import org.causette.server.support.RedisCluster;
import org.causette.server.support.SentinelRedis;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two hub nodes on a real Redis Cluster (three primaries, three replicas) as one hub: two sites whose slots are on
 * different primaries, each served by both nodes; on each site a visitor on node A and an agent on node B hold one
 * conversation (hand-over, messages both ways, typing, close), through the store's scripts on that site's shard and
 * sharded pub/sub on its channel. (A slot moving under the brokers is {@link ShardedBrokerTest}'s.) Costs the cluster's start (about 3 s) and two nodes with two sites each (four bot
 * trainings: 20 to 30 s on the loaded 2-core machine).
 */
class RedisClusterHubTest {
    private static RedisCluster cluster;
    private static Path otherShop;
    private static String otherSite;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start();
        otherSite = siteOnAnotherShard(TestHub.SITE);
        otherShop = copyOfTheTestShop(otherSite);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static int slotOf(String site) {
        return JedisClusterCRC16.getSlot(RedisBroker.channel(site));
    }

    /** A site id whose keys and channel live on another primary than {@code site}'s. */
    private static String siteOnAnotherShard(String site) {
        int primary = cluster.primaryOf(slotOf(site));
        return Stream.iterate(1, i -> i + 1).map(i -> "cluster-shop-" + i)
                .filter(id -> cluster.primaryOf(slotOf(id)) != primary).findFirst().orElseThrow();
    }

    private static Path copyOfTheTestShop(String id) throws IOException {
        Path copy = Files.createTempDirectory("causette-site").resolve(id);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("site.json")) {
                    text = text.replace("\"id\": \"" + TestHub.SITE + "\"", "\"id\": \"" + id + "\"");
                }
                Files.writeString(copy.resolve(file.getFileName()), text);
            }
        }
        return copy;
    }

    /** Waits until {@code count} nodes listen on the site's shard channel (PUBSUB SHARDNUMSUB on its primary). */
    private static void awaitShardSubscribers(String site, int count) throws InterruptedException {
        String channel = new String(RedisBroker.channel(site), java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String reply = SentinelRedis.command(cluster.primaryOf(slotOf(site)), "PUBSUB SHARDNUMSUB " + channel);
            if (reply.trim().endsWith(":" + count)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(count + " shard subscribers expected on " + channel);
    }

    @Test
    void twoNodesServeSitesOnDifferentShardsAsOneHub() throws Exception {
        assertNotEquals(cluster.primaryOf(slotOf(TestHub.SITE)), cluster.primaryOf(slotOf(otherSite)));
        List<Path> sites = List.of(TestSites.testShop(), otherShop);
        try (ClusterNode a = ClusterNode.start(cluster.uri(), "node-a", sites);
             ClusterNode b = ClusterNode.start(cluster.uri(), "node-b", sites)) {
            for (String site : List.of(TestHub.SITE, otherSite)) {
                awaitShardSubscribers(site, 2);
                visitorOnATalksWithAgentOnB(a, b, site);
            }
        }
    }

    private static void visitorOnATalksWithAgentOnB(ClusterNode a, ClusterNode b, String site) throws Exception {
        String token = a.login(site, "anna");
        try (WsClient annaSocket = WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + b.port() + "/ws/staff"), null);
             WsClient visitor = a.visitorSocket(site)) {
            annaSocket.hello(frame("hello").put("token", token));
            visitor.helloAnonymous();
            visitor.send(frame("message").put("clientId", "c1").put("text", "Parler à un conseiller")
                    .put("payload", "INTENT:human_request"));
            String conversationId = visitor.next("ack").path("conversationId").asText();
            JsonNode assigned = annaSocket.next("assigned");
            assertEquals(conversationId, assigned.path("conversation").path("conversationId").asText(), site);

            annaSocket.send(frame("message").put("conversationId", conversationId).put("clientId", "a1").put("text", "Bonjour, ici Anna."));
            JsonNode ack = annaSocket.next("ack");
            JsonNode atVisitor = CrossNodeConversationTest.nextMessageFrom(visitor, "agent");
            assertEquals(ack.path("seq").asLong(), atVisitor.path("seq").asLong(), site);

            JsonNode visitorAck = visitor.say("c2", "Je cherche une lampe verte");
            JsonNode atAnna = CrossNodeConversationTest.nextMessageFrom(annaSocket, "visitor");
            assertEquals(visitorAck.path("seq").asLong(), atAnna.path("seq").asLong(), site);

            visitor.send(frame("typing").put("on", true));
            assertTrue(CrossNodeConversationTest.nextOfType(annaSocket, "typing", conversationId).path("on").asBoolean());

            annaSocket.send(frame("close").put("conversationId", conversationId));
            visitor.nextMatching(f -> f.path("type").asText().equals("state") && f.path("state").asText().equals("closed"),
                    "state closed on " + site);
        }
    }
}
