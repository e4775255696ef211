-- A timeline entry in the site's and the visitor's sorted sets. KEYS: site timeline[, visitor timeline]. ARGV: score, member.
for _, key in ipairs(KEYS) do redis.call('ZADD', key, ARGV[1], ARGV[2]) end
return 1
