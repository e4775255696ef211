-- A visitor joins a customer's profile unless another customer has it. KEYS: visitor's customer, customer
-- visitors. ARGV: user id, visitor id. Returns 1 (the customer's after the call) or 0 (another's).
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
return 1
