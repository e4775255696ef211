-- An email the SMTP server accepted, recorded in one step: the conversation's emailed seq (never lowered) and count,
-- the site's count for the day, and the owed email dropped, or due at once when a later reply raised it meanwhile.
-- KEYS: due zset, items hash, latest-seq hash, mailed hash, day counter. ARGV: conversation id, seq sent up to,
-- now (micros), the day counter's lifetime (seconds).
local mailed = redis.call('HGET', KEYS[4], ARGV[1])
local seq, count = 0, 0
if mailed then
  local colon = string.find(mailed, ':', 1, true)
  seq = tonumber(string.sub(mailed, 1, colon - 1))
  count = tonumber(string.sub(mailed, colon + 1))
end
local upTo = tonumber(ARGV[2])
if upTo > seq then
  seq = upTo
end
redis.call('HSET', KEYS[4], ARGV[1], string.format('%d:%d', seq, count + 1))
redis.call('INCR', KEYS[5])
redis.call('EXPIRE', KEYS[5], tonumber(ARGV[4]))
local latest = redis.call('HGET', KEYS[3], ARGV[1])
if latest and tonumber(latest) > upTo then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
elseif latest then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('ZREM', KEYS[1], ARGV[1])
end
return 1
