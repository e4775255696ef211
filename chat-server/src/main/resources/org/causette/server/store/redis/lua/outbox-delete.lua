-- Removes a webhook delivery and its indexes, all or nothing. The caller read the item to learn its site (KEYS[3]);
-- with no item it passes the due zset again as KEYS[3], which is harmless.
-- KEYS: items hash, due zset, the site's zset. ARGV: id. Returns 1.
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
