-- Puts a taken email back (a later look, or a failed attempt): its JSON, its due time, and its latest seq unless a
-- reply scheduled meanwhile raised it. KEYS: due zset, items hash, latest-seq hash. ARGV: conversation id, JSON,
-- latest seq, due (micros).
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if tonumber(ARGV[3]) > held then
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
return 1
