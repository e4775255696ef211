-- Takes a customer's NPS ask unless one runs at now. Times are compared here (not by Redis expiry) so the
-- caller's clock decides; the key's TTL only cleans up. KEYS: ask. ARGV: now ms, until ms, conversation id,
-- visitor id, ttl ms. Returns 1 (taken) or 0.
local held = redis.call('HGET', KEYS[1], 'until')
if held and tonumber(held) > tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'until', ARGV[2], 'answered', '0', 'conversation', ARGV[3], 'visitor', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
