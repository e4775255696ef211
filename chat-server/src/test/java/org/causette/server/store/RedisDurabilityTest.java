package org.causette.server.store;

import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.causette.server.support.SentinelRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability option ({@code ?replicas=1}) against a real primary and replica: a write the replica confirms is
 * acknowledged; with the replica gone the same write is refused (unavailable, so no ack) within the timeout, and its
 * resend with the same clientId, once the replica is back, is the stored original, acknowledged only once the
 * replica has it. Costs two redis-server starts and one replica restart (about 2 s).
 */
class RedisDurabilityTest {
    private static final int TIMEOUT_MS = 300;
    private static RedisServer primary;
    private static RedisServer replica;

    @BeforeAll
    static void start() throws Exception {
        primary = RedisServer.start("everysec");
        replica = RedisServer.start("everysec", List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
    }

    @AfterAll
    static void stop() throws Exception {
        replica.close();
        primary.close();
    }

    private static MessageDraft visitorSays(String visitorId, String clientId) {
        return new MessageDraft(new Author(Role.VISITOR, visitorId, null), clientId, "text of " + clientId, null, null,
                null, false, Instant.now());
    }

    private static void awaitReplicaLink() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!SentinelRedis.command(replica.port(), "INFO replication").contains("master_link_status:up")) {
            assertTrue(System.nanoTime() < deadline, "the replica links to the primary");
            Thread.sleep(50);
        }
    }

    @Test
    void anAckWaitsForTheReplicaAndNoReplicaMeansNoAck() throws Exception {
        awaitReplicaLink();
        try (Store store = RedisStore.open(primary.uri() + "?replicas=1&replicaTimeoutMs=" + TIMEOUT_MS)) {
            String visitor = "v-" + UUID.randomUUID();
            Conversation c = store.openConversation(Conversation.open(UUID.randomUUID().toString(), "shop", visitor, "web", Instant.now()));
            assertEquals(1, store.appendToOpen("shop", visitor, "web", visitorSays(visitor, "c1")).orElseThrow().message().seq());
            assertTrue(SentinelRedis.command(replica.port(), "LLEN causette:{shop}:conv:" + c.id() + ":msgs").contains(":1"),
                    "the replica has it when the ack is given");

            replica.stop();
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class,
                    () -> store.appendToOpen("shop", visitor, "web", visitorSays(visitor, "c2")));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= TIMEOUT_MS - 20 && waitedMs < TIMEOUT_MS + 3_000, "refused after the timeout: " + waitedMs + " ms");
            assertThrows(StoreUnavailableException.class,
                    () -> store.appendToOpen("shop", visitor, "web", visitorSays(visitor, "c2")),
                    "a duplicate is not acknowledged while no replica confirms either");

            replica.startAgain();
            awaitReplicaLink();
            OpenAppend resent = store.appendToOpen("shop", visitor, "web", visitorSays(visitor, "c2")).orElseThrow();
            assertTrue(resent.duplicate(), "the primary kept the first try");
            assertEquals(2, resent.message().seq());
        }
    }

    @Test
    void withoutTheOptionAWriteDoesNotWait() throws Exception {
        try (Store store = RedisStore.open(primary.uri())) {
            String visitor = "v-" + UUID.randomUUID();
            store.openConversation(Conversation.open(UUID.randomUUID().toString(), "shop", visitor, "web", Instant.now()));
            replica.stop();
            try {
                assertFalse(store.appendToOpen("shop", visitor, "web", visitorSays(visitor, "c1")).orElseThrow().duplicate());
            } finally {
                replica.startAgain();
            }
        }
    }
}
