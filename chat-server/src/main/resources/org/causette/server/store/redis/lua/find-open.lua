-- The visitor's open conversation in one round trip instead of two (slot, then conversation): on every message.
-- Read-only. KEYS: open slot. ARGV: conversation key prefix. Returns {id, doc, seq, updated, ver} or nil.
local id = redis.call('GET', KEYS[1])
if not id then return nil end
local f = redis.call('HMGET', ARGV[1] .. id, 'doc', 'seq', 'updated', 'ver')
if not f[1] then return nil end
return {id, f[1], f[2] or '', f[3] or '', f[4] or ''}
