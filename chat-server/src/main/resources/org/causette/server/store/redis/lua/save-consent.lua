-- A consent record into the site's and the visitor's timelines, with the "only if it changes the latest choice"
-- check (members are "uuid json"; no record counts as not granted) and the per-visitor bound, in one step.
-- KEYS: site timeline, visitor timeline. ARGV: score, member, purpose, granted ('true'/'false'), only if changed
-- ('1'/'0'), bound. Returns 1 (stored) or 0.
if ARGV[5] == '1' then
  local latest = false
  for _, m in ipairs(redis.call('ZREVRANGE', KEYS[2], 0, -1)) do
    local r = cjson.decode(string.sub(m, string.find(m, ' ', 1, true) + 1))
    if r.purpose == ARGV[3] then latest = (r.granted == true); break end
  end
  if latest == (ARGV[4] == 'true') then return 0 end
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
if extra > 0 then
  for _, old in ipairs(redis.call('ZRANGE', KEYS[2], 0, extra - 1)) do
    redis.call('ZREM', KEYS[2], old)
    redis.call('ZREM', KEYS[1], old)
  end
end
return 1
