-- At most one open conversation per visitor and channel: the slot is taken only when empty or pointing at a
-- closed (or erased) conversation, and the candidate is created in the same step.
-- KEYS: open slot, candidate conversation, site conversations, visitor conversations.
-- ARGV: candidate id, doc, updated, createdAt score, state, conversation key prefix.
-- Returns the id of the open conversation after the call.
local current = redis.call('GET', KEYS[1])
if current then
  local state = redis.call('HGET', ARGV[6] .. current, 'state')
  if state and state ~= 'CLOSED' then return current end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'seq', 0, 'updated', ARGV[3], 'ver', 0, 'state', ARGV[5])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
return ARGV[1]
