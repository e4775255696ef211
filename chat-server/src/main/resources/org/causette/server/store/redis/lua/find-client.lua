-- KEYS: site clients. ARGV: client key, conversation key prefix. Returns {conversationId, seq, body} or nil.
local seen = redis.call('HGET', KEYS[1], ARGV[1])
if not seen then return nil end
local sep = string.find(seen, ' ', 1, true)
local cid = string.sub(seen, 1, sep - 1)
local seq = tonumber(string.sub(seen, sep + 1))
local body = redis.call('LINDEX', ARGV[2] .. cid .. ':msgs', seq - 1)
if not body then return nil end
return {cid, seq, body}
