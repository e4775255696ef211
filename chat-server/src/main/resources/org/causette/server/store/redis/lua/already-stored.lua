-- Included by the appends, its $1 $2 $3 replaced by what the include line names.
-- The Lua that answers {0, conversationId, seq, body} when a message with this clientId was stored before, in
-- whichever conversation: the clients hash maps a clientId to "conversationId seq", and the body is read back from
-- that conversation's list. Shared by the appends, so the record's format is read in one place.
--
-- $1, the site's clientId hash, e.g. KEYS[2]
-- $2, the clientId argument ("" for none), e.g. ARGV[1]
-- $3, the argument holding the conversation key prefix
if $2 ~= '' then
  local seen = redis.call('HGET', $1, $2)
  if seen then
    local sep = string.find(seen, ' ', 1, true)
    local cid = string.sub(seen, 1, sep - 1)
    local seq = tonumber(string.sub(seen, sep + 1))
    local body = redis.call('LINDEX', $3 .. cid .. ':msgs', seq - 1)
    if body then return {0, cid, seq, body} end
  end
end
