-- Undoes a channel link. KEYS: visitor's customer, customer visitors, customer links. ARGV: user id, visitor id,
-- link field. Returns 1 when it was linked, else 0.
if redis.call('HDEL', KEYS[3], ARGV[3]) == 0 then return 0 end
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
