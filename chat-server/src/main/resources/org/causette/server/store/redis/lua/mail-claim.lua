-- Takes the owed emails that are due and leases them in one step, so two nodes polling at once never take the same
-- one. KEYS: due zset, items hash, latest-seq hash. ARGV: now (micros), lease end (micros), limit. Returns, for each,
-- its JSON then its latest seq; the caller sets their due time to the lease end (the zset score is what counts).
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  local item = redis.call('HGET', KEYS[2], id)
  if item then
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    table.insert(out, item)
    table.insert(out, redis.call('HGET', KEYS[3], id) or '0')
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
