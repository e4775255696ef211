-- Stores a webhook delivery with its two indexes, all or nothing (a script rather than MULTI: Redis Cluster clients
-- run scripts, and all three keys share the {outbox} tag, hence one slot).
-- KEYS: items hash, due zset, the site's zset. ARGV: id, JSON, next attempt (micros), created (micros). Returns 1.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
return 1
