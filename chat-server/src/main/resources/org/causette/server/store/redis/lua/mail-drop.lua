-- Drops the email a conversation is owed if it carries nothing after a seq (a reply scheduled meanwhile keeps it).
-- KEYS: due zset, items hash, latest-seq hash. ARGV: conversation id, seq. Returns 1 when dropped.
local latest = redis.call('HGET', KEYS[3], ARGV[1])
if not latest or tonumber(latest) > tonumber(ARGV[2]) then
  return 0
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
