package org.causette.server.store;

import org.causette.server.store.redis.RedisMailStore;
import org.causette.server.store.redis.RedisStore;
import org.causette.server.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The mail store's contract against a real redis-server started for this class on a free port. */
class RedisMailStoreTest extends MailStoreContract {
    private static RedisServer redis;
    private RedisStore backing;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected MailStore newStore() {
        backing = RedisStore.open(redis.uri());
        return new RedisMailStore(backing.client());
    }

    @AfterEach
    void closeBacking() {
        backing.close();
    }
}
