package org.causette.server.store.redis;

import org.causette.server.store.EventQuota;
import org.causette.server.store.StoreUnavailableException;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Instant;
import java.util.List;

/** {@link EventQuota} in Redis: one small hash per visitor and window, expiring with it; shared by every node. */
public final class RedisEventQuota implements EventQuota {
    private final UnifiedJedis redis;

    public RedisEventQuota(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public boolean admit(String siteId, String visitorId, int bytes, Instant now) {
        try {
            Object admitted = RedisScripts.EVENT_QUOTA_ADMIT.run(redis, List.of(RedisKeys.eventQuota(siteId, visitorId)),
                    List.of(Integer.toString(bytes), Long.toString(WINDOW.toSeconds()), Integer.toString(MAX_EVENTS),
                            Long.toString(MAX_BYTES)));
            return admitted instanceof Long l && l == 1L;
        } catch (JedisException e) {
            throw new StoreUnavailableException("redis event quota: " + e.getMessage(), e);
        }
    }
}
