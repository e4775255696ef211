-- Append with the next seq and idempotency. KEYS: conversation, messages, conversation clients, site clients.
-- ARGV: client key ("" for none), message body, ts, conversation id, conversation key prefix.
-- Returns {-1} (no conversation), {0, conversationId, seq, body} (already stored) or {1, seq}.
-- The seq is the list's new length: position and seq cannot drift apart.
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
--@include already-stored.lua KEYS[4] ARGV[1] ARGV[5]
local seq = redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[1], 'seq', seq, 'updated', ARGV[3])
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[4] .. ' ' .. seq)
  redis.call('SADD', KEYS[3], ARGV[1])
end
return {1, seq}
