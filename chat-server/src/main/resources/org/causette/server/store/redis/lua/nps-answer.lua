-- Saves an NPS answer if the ask runs and is unanswered, and marks it answered. KEYS: ask, site nps timeline,
-- visitor nps timeline. ARGV: now ms, score, member. Returns 1 (saved) or 0.
local f = redis.call('HMGET', KEYS[1], 'until', 'answered')
if not f[1] or tonumber(f[1]) <= tonumber(ARGV[1]) or f[2] ~= '0' then return 0 end
redis.call('HSET', KEYS[1], 'answered', '1')
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1
