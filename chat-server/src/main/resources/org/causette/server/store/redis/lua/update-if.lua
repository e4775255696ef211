-- A conditional update: applied only if nobody changed the conversation since it was read (same ver), together
-- with the indexes its state belongs to, so a queue or the assigned set never disagrees with the conversation.
-- KEYS: conversation, queue, assigned, closed, open slot. ARGV: ver read, new doc, updated, new state,
-- queuedAt score, closedAt score, conversation id. Returns -1 (gone), 0 (changed meanwhile) or 1 (done).
local ver = redis.call('HGET', KEYS[1], 'ver')
if not ver then return -1 end
if ver ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'updated', ARGV[3], 'ver', tonumber(ver) + 1, 'state', ARGV[4])
if ARGV[4] == 'QUEUED' then redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7]) else redis.call('ZREM', KEYS[2], ARGV[7]) end
if ARGV[4] == 'ASSIGNED' then redis.call('SADD', KEYS[3], ARGV[7]) else redis.call('SREM', KEYS[3], ARGV[7]) end
if ARGV[4] == 'CLOSED' then
  redis.call('ZADD', KEYS[4], ARGV[6], ARGV[7])
  if redis.call('GET', KEYS[5]) == ARGV[7] then redis.call('DEL', KEYS[5]) end
end
return 1
