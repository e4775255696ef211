package org.causette.server.store;

import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract, against a real redis-server started for this class on a free port. */
class RedisStoreTest extends StoreContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected Store newStore() {
        return RedisStore.open(redis.uri());
    }

    @Test
    void twoStoresOnTheSameRedisShareTheSecretAndTheData() {
        try (Store other = RedisStore.open(redis.uri())) {
            assertSharedSecret(other);
            Conversation c = open("v1");
            assertTrue(other.findConversation(c.id()).isPresent());
        }
    }

    @Test
    void anotherDatabaseIsAnotherStore() {
        try (Store other = RedisStore.open(redis.uri() + "/3")) {
            Conversation c = open("v1");
            assertTrue(other.findConversation(c.id()).isEmpty());
        }
    }

    @Test
    void anUnreachableRedisIsUnavailableQuickly() throws Exception {
        try (Store nowhere = RedisStore.open("redis://127.0.0.1:" + RedisServer.freePort())) {
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class, nowhere::ping);
            assertThrows(StoreUnavailableException.class, () -> nowhere.findConversation(UUID.randomUUID().toString()));
            assertThrows(StoreUnavailableException.class, () -> nowhere.findOpenConversation("s", "v", "web"));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "fails fast");
        }
    }

    @Test
    void theCopyOfAnOpenConversationANodeHoldsIsUsedOnlyWhileItsVersionIsCurrent() {
        try (Store otherNode = RedisStore.open(redis.uri())) {
            Conversation c = open("v1");
            java.time.Instant t = java.time.Instant.parse("2026-11-20T10:00:00Z");
            OpenAppend first = store.appendToOpen(site, "v1", "web",
                    new MessageDraft(new Author(Role.VISITOR, "v1", null), "c1", "a", null, null, null, false, t)).orElseThrow();
            OpenAppend second = store.appendToOpen(site, "v1", "web",
                    new MessageDraft(new Author(Role.VISITOR, "v1", null), "c2", "b", null, null, null, false, t)).orElseThrow();
            assertEquals(first.conversation().conversation().withLastSeq(2, t), second.conversation().conversation());
            // Another node assigns it: this node's copy is stale and must not be used.
            otherNode.update(c.id(), x -> x.assigned(new Assignee("anna", Role.AGENT, "Anna"), t)).orElseThrow();
            OpenAppend third = store.appendToOpen(site, "v1", "web",
                    new MessageDraft(new Author(Role.VISITOR, "v1", null), "c3", "c", null, null, null, false, t)).orElseThrow();
            assertEquals(ConversationState.ASSIGNED, third.conversation().conversation().state());
            assertEquals(new Assignee("anna", Role.AGENT, "Anna"), third.conversation().conversation().assignee());
            assertEquals(3, third.conversation().conversation().lastSeq());
            assertEquals(store.findConversation(c.id()).orElseThrow(), third.conversation().conversation());
        }
    }
}
