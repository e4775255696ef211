package org.causette.server.store;

import org.causette.server.store.redis.RedisEventQuota;
import org.causette.server.store.redis.RedisLoginAttempts;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every contract of the store's interfaces, against a real redis-server started for this class on a free port (the
 * nested classes), and what only a store shared by several processes does (the tests of this class).
 */
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

    @Nested
    class Conversations extends ConversationStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Visitors extends VisitorStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Timelines extends TimelineStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Outcomes extends OutcomeStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Variants extends VariantStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Outbox extends OutboxStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Staff extends StaffStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Lessons extends LessonStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class Retention extends RetentionStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(redis.uri());
        }
    }

    @Nested
    class EventQuotas extends EventQuotaContract {
        @Override
        protected EventQuota newQuota(List<AutoCloseable> toClose) {
            RedisStore node = RedisStore.open(redis.uri());
            toClose.add(node);
            return new RedisEventQuota(node.client());
        }
    }

    @Nested
    class LoginFailures extends LoginAttemptsContract {
        @Override
        protected LoginAttempts newAttempts(List<AutoCloseable> toClose) {
            RedisStore node = RedisStore.open(redis.uri());
            toClose.add(node);
            return new RedisLoginAttempts(node.client());
        }
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

    // ---- the node's copies of open conversations (RedisStore.openCopies) ---------------------------------------------

    private static final java.time.Instant T = java.time.Instant.parse("2026-11-20T10:00:00Z");

    private static MessageDraft says(String visitorId, String clientId) {
        return new MessageDraft(new Author(Role.VISITOR, visitorId, null), clientId, "m", null, null, null, false, T);
    }

    @Test
    void aNodeDropsItsCopyOfAConversationClosedElsewhereOrErased() {
        RedisStore node = (RedisStore) store;
        try (Store otherNode = RedisStore.open(redis.uri())) {
            Conversation c = open("v1");
            node.appendToOpen(site, "v1", "web", says("v1", "c1")).orElseThrow();
            assertEquals(1, node.openCopyCount());
            otherNode.update(c.id(), x -> x.closed("agent_closed", T)).orElseThrow();
            assertTrue(node.appendToOpen(site, "v1", "web", says("v1", "c2")).isEmpty());
            assertEquals(0, node.openCopyCount(), "closed on another node: the copy goes at the next message");
            open("v2");
            node.appendToOpen(site, "v2", "web", says("v2", "c3")).orElseThrow();
            assertEquals(1, node.openCopyCount());
            node.eraseVisitor(site, "v2");
            assertEquals(0, node.openCopyCount(), "an erased visitor's conversation leaves no copy in memory");
        }
    }

    @Test
    void closingAVisitorsOldConversationKeepsTheCopyOfTheirNewerOne() {
        RedisStore node = (RedisStore) store;
        open("v1");
        VersionedConversation first = node.appendToOpen(site, "v1", "web", says("v1", "c1")).orElseThrow().conversation();
        VersionedConversation closed = node.updateIf(first, x -> true, x -> x.closed("visitor_left", T)).orElseThrow();
        Conversation second = open("v1");
        node.appendToOpen(site, "v1", "web", says("v1", "c2")).orElseThrow();
        assertEquals(1, node.openCopyCount());
        // Staff read the old one: a write of a closed conversation, whose open slot now holds the newer one.
        node.updateIf(closed, x -> true, x -> x.readByStaff(1)).orElseThrow();
        assertEquals(1, node.openCopyCount(), "the newer conversation's copy stays");
        assertEquals(second.id(), node.appendToOpen(site, "v1", "web", says("v1", "c3")).orElseThrow().conversation().id());
    }

    @Test
    void aConnectionFailureForgetsEveryCopy() throws Exception {
        RedisStore node = (RedisStore) store;
        open("v1");
        node.appendToOpen(site, "v1", "web", says("v1", "c1")).orElseThrow();
        assertEquals(1, node.openCopyCount());
        redis.stop();
        try {
            assertThrows(StoreUnavailableException.class, node::ping);
        } finally {
            redis.startAgain();
        }
        assertEquals(0, node.openCopyCount(), "a Redis that restarted may have lost writes: versions may repeat");
    }

    @Test
    void aConversationWithoutAVersionIsNotAppendedToByTheVisitorMessageScript() {
        RedisStore node = (RedisStore) store;
        Conversation c = open("v1");
        node.appendToOpen(site, "v1", "web", says("v1", "c1")).orElseThrow();
        try (redis.clients.jedis.Jedis raw = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
            raw.hdel("causette:{" + site + "}:conv:" + c.id(), "ver");
        }
        assertTrue(node.appendToOpen(site, "v1", "web", says("v1", "c2")).isEmpty(), "gone, as for the update scripts");
        assertEquals(1, node.messagesAfter(c.id(), 0, 10).size());
    }
}
