/**
 * The Redis store ({@code --store redis://…}, {@code rediss://…}, {@code redis-sentinel://…}, {@code redis-cluster://…};
 * {@link RedisConnections} makes the client for each): every key of a site shares the site's hash tag, so each
 * invariant (append with next seq, one open conversation, conditional updates with their indexes) is one Lua script
 * on one slot, on a single Redis as on Redis Cluster. See docs/scaling.md.
 */
package org.causette.server.store.redis;
