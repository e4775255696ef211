-- Owes a conversation an email, or raises the one owed: the higher latest seq, the earlier due time (ZADD LT), so a
-- leased one keeps its lease. KEYS: due zset, items hash, latest-seq hash. ARGV: conversation id, the item's JSON
-- (its fixed fields), latest seq, due (micros). Returns 1 when it was new.
local fresh = redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if tonumber(ARGV[3]) > held then
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
end
if fresh == 1 then
  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
else
  redis.call('ZADD', KEYS[1], 'LT', ARGV[4], ARGV[1])
end
return fresh
