package org.causette.server.store;

import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every contract of the store's interfaces against a real Redis Cluster (three primaries, three replicas, started
 * once for this class): the third store of the one contract suite, beside memory and one Redis. Each test has its
 * own random site id, so the sites of a run fall on all three shards. Costs the cluster's start (six redis-servers
 * and {@code redis-cli --cluster create}: about 3 s) and the suites themselves.
 */
class RedisClusterStoreTest extends StoreContract {
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Override
    protected Store newStore() {
        return RedisStore.open(cluster.uri());
    }

    @Nested
    class Conversations extends ConversationStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Visitors extends VisitorStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Timelines extends TimelineStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Outcomes extends OutcomeStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Variants extends VariantStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Outbox extends OutboxStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Staff extends StaffStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Lessons extends LessonStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Nested
    class Retention extends RetentionStoreContract {
        @Override
        protected Store newStore() {
            return RedisStore.open(cluster.uri());
        }
    }

    @Test
    void twoStoresOnTheSameClusterShareTheSecretAndTheData() {
        try (Store other = RedisStore.open(cluster.uri())) {
            assertSharedSecret(other);
            Conversation c = open("v1");
            assertTrue(other.findConversation(c.id()).isPresent());
        }
    }
}
