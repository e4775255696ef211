-- Included by the scripts that write a conversation's state: its indexes follow it, so a queue or the assigned set
-- never disagrees with the conversation. Reads ARGV[4] (the new state), ARGV[5] (the queuedAt score), ARGV[6] (the
-- closedAt score) and ARGV[7] (the conversation id); the include line names the keys:
-- $1, the site's queue; $2, the assigned set; $3, the closed conversations; $4, the visitor's open slot
if ARGV[4] == 'QUEUED' then redis.call('ZADD', $1, ARGV[5], ARGV[7]) else redis.call('ZREM', $1, ARGV[7]) end
if ARGV[4] == 'ASSIGNED' then redis.call('SADD', $2, ARGV[7]) else redis.call('SREM', $2, ARGV[7]) end
if ARGV[4] == 'CLOSED' then
  redis.call('ZADD', $3, ARGV[6], ARGV[7])
  if redis.call('GET', $4) == ARGV[7] then redis.call('DEL', $4) end
end
