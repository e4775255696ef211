-- Links a channel identity, checking in the same step that its visitor is nobody else's.
-- KEYS: visitor's customer, customer visitors, customer links. ARGV: user id, visitor id, link field, link JSON.
-- Returns 'taken', 'already' or 'linked'.
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 'taken' end
if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then return 'already' end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
return 'linked'
