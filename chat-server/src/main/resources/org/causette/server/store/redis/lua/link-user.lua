-- Binds a customer to a visitor unless bound, and puts the visitor in the customer's profile unless it is
-- another customer's. KEYS: user, visitor users, customer visitors, visitor's customer. ARGV: visitor id, user id.
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
local owner = redis.call('GET', KEYS[4])
if not owner or owner == ARGV[2] then
  redis.call('SET', KEYS[4], ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[1])
end
return ARGV[1]
