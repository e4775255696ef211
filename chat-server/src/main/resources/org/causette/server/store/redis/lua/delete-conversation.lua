-- Deletes a conversation with its messages, rating, idempotency keys and index entries, all or nothing.
-- KEYS: conversation, messages, conversation clients, site clients, rating, site conversations, visitor
-- conversations, queue, assigned, closed, ratings, open slot. ARGV: conversation id.
for _, key in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('HDEL', KEYS[4], key) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('ZREM', KEYS[8], ARGV[1])
redis.call('SREM', KEYS[9], ARGV[1])
redis.call('ZREM', KEYS[10], ARGV[1])
redis.call('ZREM', KEYS[11], ARGV[1])
if redis.call('GET', KEYS[12]) == ARGV[1] then redis.call('DEL', KEYS[12]) end
return 1
