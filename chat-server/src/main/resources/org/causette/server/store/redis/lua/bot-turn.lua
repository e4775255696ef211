-- A bot turn's writes in one round trip instead of one per write: the conversation change committed as
-- update-if.lua does (only if ver is the one the lane holds, with the state indexes), the bot's messages
-- appended (RPUSH gives each its seq; they carry no clientId), and the turn's record added to the report's
-- timelines. On a version conflict nothing is written and the conversation as it is comes back, so the caller
-- applies its change to that and tries again without a separate read. When the conversation is no longer in the
-- expected state (staff took or closed it during the bot's turn), neither the change nor a message is written:
-- only the turn's record, and the conversation as it is comes back.
-- KEYS: conversation, messages, queue, assigned, closed, open slot, site bot-turn timeline, visitor bot-turn
-- timeline (the site one again when there is no visitor). ARGV: ver held, new doc, updated, new state, queuedAt
-- score, closedAt score, conversation id, record score, record member, updated after the messages, expected state,
-- then the message bodies. Returns {-1} (gone), {0, ver, doc, seq, updated} (changed meanwhile),
-- {2, ver, doc, seq, updated} (no longer in the expected state: record only) or {1, new ver, seq…}.
local f = redis.call('HMGET', KEYS[1], 'ver', 'doc', 'seq', 'updated', 'state')
if not f[1] then return {-1} end
if f[5] ~= ARGV[11] then
  redis.call('ZADD', KEYS[7], ARGV[8], ARGV[9])
  redis.call('ZADD', KEYS[8], ARGV[8], ARGV[9])
  return {2, f[1], f[2] or '', f[3] or '', f[4] or ''}
end
if f[1] ~= ARGV[1] then return {0, f[1], f[2] or '', f[3] or '', f[4] or ''} end
local ver = tonumber(f[1]) + 1
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'updated', ARGV[3], 'ver', ver, 'state', ARGV[4])
--@include state-indexes.lua KEYS[3] KEYS[4] KEYS[5] KEYS[6]
local out = {1, ver}
for i = 12, #ARGV do
  table.insert(out, redis.call('RPUSH', KEYS[2], ARGV[i]))
end
if #ARGV > 11 then redis.call('HSET', KEYS[1], 'seq', out[#out], 'updated', ARGV[10]) end
redis.call('ZADD', KEYS[7], ARGV[8], ARGV[9])
redis.call('ZADD', KEYS[8], ARGV[8], ARGV[9])
return out
