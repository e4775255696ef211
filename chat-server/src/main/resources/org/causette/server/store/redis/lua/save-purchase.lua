-- A purchase stored once per order: the order id is claimed (ZADD NX) and the event added to the site's and the
-- visitor's timelines in one step. KEYS: orders, site events, visitor events. ARGV: order id, score, member.
-- Returns 1 (stored) or 0 (that order was stored already; nothing changed).
if redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1
