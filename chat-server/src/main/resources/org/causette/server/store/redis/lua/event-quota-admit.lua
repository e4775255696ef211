-- Counts one tracking event against the visitor's daily quota; the hash expires with its window, so nothing is
-- left to clean. KEYS: quota (hash of n = events, b = bytes). ARGV: bytes of this event, window seconds,
-- max events, max bytes. Returns 1 (keep it) or 0 (over the quota: do not).
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local b = redis.call('HINCRBY', KEYS[1], 'b', ARGV[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[3]) or b > tonumber(ARGV[4]) then return 0 end
return 1
