-- A conditional update: applied only if nobody changed the conversation since it was read (same ver), together
-- with the indexes its state belongs to, so a queue or the assigned set never disagrees with the conversation.
-- KEYS: conversation, queue, assigned, closed, open slot. ARGV: ver read, new doc, updated, new state,
-- queuedAt score, closedAt score, conversation id. Returns -1 (gone), 0 (changed meanwhile) or 1 (done).
local ver = redis.call('HGET', KEYS[1], 'ver')
if not ver then return -1 end
if ver ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'updated', ARGV[3], 'ver', tonumber(ver) + 1, 'state', ARGV[4])
--@include state-indexes.lua KEYS[2] KEYS[3] KEYS[4] KEYS[5]
return 1
