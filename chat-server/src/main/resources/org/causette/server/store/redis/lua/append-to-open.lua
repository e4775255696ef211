-- A message into the visitor's open conversation, in one round trip instead of three (find by clientId, find the
-- open conversation, append): the idempotency check across the site first (a duplicate returns the original,
-- wherever it is), then the open slot, then the append as append.lua does it. Nothing is stored when the slot
-- is empty or points at a closed (or erased) conversation, or at one without a ver (as UPDATE_IF and BOT_TURN
-- treat it: gone): the caller opens one and appends with append.lua.
-- KEYS: open slot, site clients. ARGV: client key ("" for none), message body, ts, conversation key prefix, the id
-- and ver of the conversation the caller holds a copy of ("" for none).
-- Returns {-1} (no open conversation), {0, conversationId, seq, body} (already stored) or
-- {1, conversationId, seq, doc, ver} (stored; doc and ver as they are, for the caller's next update; doc is ""
-- when the caller's copy is that very version: every write of doc bumps ver, so it is the same doc).
--@include already-stored.lua KEYS[2] ARGV[1] ARGV[4]
local id = redis.call('GET', KEYS[1])
if not id then return {-1} end
local key = ARGV[4] .. id
local f = redis.call('HMGET', key, 'state', 'ver')
if not f[1] or f[1] == 'CLOSED' or not f[2] then return {-1} end
local ver = f[2]
local doc = ''
if id ~= ARGV[5] or ver ~= ARGV[6] then doc = redis.call('HGET', key, 'doc') end
if not doc then return {-1} end
local seq = redis.call('RPUSH', key .. ':msgs', ARGV[2])
redis.call('HSET', key, 'seq', seq, 'updated', ARGV[3])
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], id .. ' ' .. seq)
  redis.call('SADD', key .. ':clients', ARGV[1])
end
return {1, id, seq, doc, ver}
