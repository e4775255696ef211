-- Counts one failed login for a key; the window restarts with each failure (the expiry is set again), so what is
-- left of it tells when the last failure was. KEYS: failures counter. ARGV: window seconds. Returns the count.
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1])
return n
