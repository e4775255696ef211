package org.causette.server.store.redis;

import org.causette.server.store.LoginAttempts;
import org.causette.server.store.StoreUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** {@link LoginAttempts} in Redis: a counter per key whose expiry restarts with each failure; shared by every node. */
public final class RedisLoginAttempts implements LoginAttempts {
    private final UnifiedJedis redis;

    public RedisLoginAttempts(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public int failed(String key, Instant now) {
        return call(() -> ((Long) RedisScripts.LOGIN_FAILED.run(redis, List.of(RedisKeys.loginFailures(key)),
                List.of(Long.toString(WINDOW.toSeconds())))).intValue());
    }

    @Override
    public Failures failures(String key, Instant now) {
        return call(() -> {
            String value = redis.get(RedisKeys.loginFailures(key));
            long ttlMillis = redis.pttl(RedisKeys.loginFailures(key));
            if (value == null || ttlMillis <= 0) {
                return Failures.NONE;
            }
            // The expiry restarts with each failure, so what is left of it tells when the last one was.
            return new Failures(Integer.parseInt(value), now.minusMillis(WINDOW.toMillis() - ttlMillis));
        });
    }

    @Override
    public void clear(String key) {
        call(() -> redis.del(RedisKeys.loginFailures(key)));
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (JedisException e) {
            throw new StoreUnavailableException("redis login attempts: " + e.getMessage(), e);
        }
    }
}
