package org.causette.server.store.redis;

/**
 * The Lua scripts behind every change several nodes may race on. Redis runs a script alone, start to end: no other
 * command sees it half done, which is what makes each of them atomic. Every key a script touches carries the same
 * {@code {site}} hash tag, so each script stays on one slot under Redis Cluster too. Keys a script reaches by name
 * (another conversation of the same site) are built from a prefix passed in ARGV and share that tag.
 */
final class RedisScripts {
    private RedisScripts() {
    }

    /**
     * Append with the next seq and idempotency. KEYS: conversation, messages, conversation clients, site clients.
     * ARGV: client key ("" for none), message body, ts, conversation id, conversation key prefix.
     * Returns {-1} (no conversation), {0, conversationId, seq, body} (already stored) or {1, seq}.
     * The seq is the list's new length: position and seq cannot drift apart.
     */
    static final LuaScript APPEND = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
            """ + returnIfAlreadyStored("KEYS[4]", "ARGV[1]", "ARGV[5]") + """
            local seq = redis.call('RPUSH', KEYS[2], ARGV[2])
            redis.call('HSET', KEYS[1], 'seq', seq, 'updated', ARGV[3])
            if ARGV[1] ~= '' then
              redis.call('HSET', KEYS[4], ARGV[1], ARGV[4] .. ' ' .. seq)
              redis.call('SADD', KEYS[3], ARGV[1])
            end
            return {1, seq}
            """);

    /** KEYS: site clients. ARGV: client key, conversation key prefix. Returns {conversationId, seq, body} or nil. */
    static final LuaScript FIND_CLIENT = new LuaScript("""
            local seen = redis.call('HGET', KEYS[1], ARGV[1])
            if not seen then return nil end
            local sep = string.find(seen, ' ', 1, true)
            local cid = string.sub(seen, 1, sep - 1)
            local seq = tonumber(string.sub(seen, sep + 1))
            local body = redis.call('LINDEX', ARGV[2] .. cid .. ':msgs', seq - 1)
            if not body then return nil end
            return {cid, seq, body}
            """);

    /**
     * The visitor's open conversation in one round trip instead of two (slot, then conversation): on every message.
     * Read-only. KEYS: open slot. ARGV: conversation key prefix. Returns {id, doc, seq, updated, ver} or nil.
     */
    static final LuaScript FIND_OPEN = new LuaScript("""
            local id = redis.call('GET', KEYS[1])
            if not id then return nil end
            local f = redis.call('HMGET', ARGV[1] .. id, 'doc', 'seq', 'updated', 'ver')
            if not f[1] then return nil end
            return {id, f[1], f[2] or '', f[3] or '', f[4] or ''}
            """);

    /**
     * At most one open conversation per visitor and channel: the slot is taken only when empty or pointing at a
     * closed (or erased) conversation, and the candidate is created in the same step.
     * KEYS: open slot, candidate conversation, site conversations, visitor conversations.
     * ARGV: candidate id, doc, updated, createdAt score, state, conversation key prefix.
     * Returns the id of the open conversation after the call.
     */
    static final LuaScript OPEN = new LuaScript("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local state = redis.call('HGET', ARGV[6] .. current, 'state')
              if state and state ~= 'CLOSED' then return current end
            end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('HSET', KEYS[2], 'doc', ARGV[2], 'seq', 0, 'updated', ARGV[3], 'ver', 0, 'state', ARGV[5])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
            return ARGV[1]
            """);

    /**
     * A conditional update: applied only if nobody changed the conversation since it was read (same ver), together
     * with the indexes its state belongs to, so a queue or the assigned set never disagrees with the conversation.
     * KEYS: conversation, queue, assigned, closed, open slot. ARGV: ver read, new doc, updated, new state,
     * queuedAt score, closedAt score, conversation id. Returns -1 (gone), 0 (changed meanwhile) or 1 (done).
     */
    static final LuaScript UPDATE_IF = new LuaScript("""
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
            """);

    /**
     * Deletes a conversation with its messages, rating, idempotency keys and index entries, all or nothing.
     * KEYS: conversation, messages, conversation clients, site clients, rating, site conversations, visitor
     * conversations, queue, assigned, closed, ratings, open slot. ARGV: conversation id.
     */
    static final LuaScript DELETE_CONVERSATION = new LuaScript("""
            for _, key in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('HDEL', KEYS[4], key) end
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5])
            redis.call('ZREM', KEYS[6], ARGV[1])
            redis.call('ZREM', KEYS[7], ARGV[1])
            redis.call('ZREM', KEYS[8], ARGV[1])
            redis.call('SREM', KEYS[9], ARGV[1])
            redis.call('ZREM', KEYS[10], ARGV[1])
            redis.call('ZREM', KEYS[11], ARGV[1])
            if redis.call('GET', KEYS[12]) == ARGV[1] then redis.call('DEL', KEYS[12]) end
            return 1
            """);

    /**
     * Binds a customer to a visitor unless bound, and puts the visitor in the customer's profile unless it is
     * another customer's. KEYS: user, visitor users, customer visitors, visitor's customer. ARGV: visitor id, user id.
     */
    static final LuaScript LINK_USER = new LuaScript("""
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
            """);

    /** Deletes a key only if it still holds the value. KEYS: key. ARGV: value. */
    static final LuaScript DELETE_IF = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /** A timeline entry in the site's and the visitor's sorted sets. KEYS: site timeline[, visitor timeline]. ARGV: score, member. */
    static final LuaScript TIMELINE_ADD = new LuaScript("""
            for _, key in ipairs(KEYS) do redis.call('ZADD', key, ARGV[1], ARGV[2]) end
            return 1
            """);

    /** A rating replaces the previous one of the conversation. KEYS: rating, ratings. ARGV: json, score, conversation id. */
    static final LuaScript SAVE_RATING = new LuaScript("""
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            return 1
            """);

    /**
     * Takes the deliveries that are due and leases them in one step, so two nodes polling at once never take the same
     * one. KEYS: due zset, items hash. ARGV: now (micros), lease end (micros), limit. Returns the items' JSON; the
     * caller sets their nextAttemptAt to the lease end (the zset score is what counts).
     */
    static final LuaScript OUTBOX_CLAIM = new LuaScript("""
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            local out = {}
            for _, id in ipairs(ids) do
              local item = redis.call('HGET', KEYS[2], id)
              if item then
                redis.call('ZADD', KEYS[1], ARGV[2], id)
                table.insert(out, item)
              else
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return out
            """);

    // ---- customers and consent records (docs/customers.md) -------------------------------------------------------

    /**
     * A visitor joins a customer's profile unless another customer has it. KEYS: visitor's customer, customer
     * visitors. ARGV: user id, visitor id. Returns 1 (the customer's after the call) or 0 (another's).
     */
    static final LuaScript ADD_CUSTOMER_VISITOR = new LuaScript("""
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            return 1
            """);

    /**
     * Links a channel identity, checking in the same step that its visitor is nobody else's.
     * KEYS: visitor's customer, customer visitors, customer links. ARGV: user id, visitor id, link field, link JSON.
     * Returns 'taken', 'already' or 'linked'.
     */
    static final LuaScript LINK_CHANNEL = new LuaScript("""
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then return 'taken' end
            if redis.call('HEXISTS', KEYS[3], ARGV[3]) == 1 then return 'already' end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
            return 'linked'
            """);

    /**
     * Undoes a channel link. KEYS: visitor's customer, customer visitors, customer links. ARGV: user id, visitor id,
     * link field. Returns 1 when it was linked, else 0.
     */
    static final LuaScript UNLINK_CHANNEL = new LuaScript("""
            if redis.call('HDEL', KEYS[3], ARGV[3]) == 0 then return 0 end
            redis.call('SREM', KEYS[2], ARGV[2])
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1
            """);

    /**
     * A consent record into the site's and the visitor's timelines, with the "only if it changes the latest choice"
     * check (members are "uuid json"; no record counts as not granted) and the per-visitor bound, in one step.
     * KEYS: site timeline, visitor timeline. ARGV: score, member, purpose, granted ('true'/'false'), only if changed
     * ('1'/'0'), bound. Returns 1 (stored) or 0.
     */
    static final LuaScript SAVE_CONSENT = new LuaScript("""
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
            """);

    // ---- outcomes: conversions, NPS ----------------------------------------------------------------------------------

    /**
     * A purchase stored once per order: the order id is claimed (ZADD NX) and the event added to the site's and the
     * visitor's timelines in one step. KEYS: orders, site events, visitor events. ARGV: order id, score, member.
     * Returns 1 (stored) or 0 (that order was stored already; nothing changed).
     */
    static final LuaScript SAVE_PURCHASE = new LuaScript("""
            if redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
            return 1
            """);

    /**
     * Takes a customer's NPS ask unless one runs at {@code now}. Times are compared here (not by Redis expiry) so the
     * caller's clock decides; the key's TTL only cleans up. KEYS: ask. ARGV: now ms, until ms, conversation id,
     * visitor id, ttl ms. Returns 1 (taken) or 0.
     */
    static final LuaScript NPS_CLAIM = new LuaScript("""
            local held = redis.call('HGET', KEYS[1], 'until')
            if held and tonumber(held) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'until', ARGV[2], 'answered', '0', 'conversation', ARGV[3], 'visitor', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """);

    /**
     * Saves an NPS answer if the ask runs and is unanswered, and marks it answered. KEYS: ask, site nps timeline,
     * visitor nps timeline. ARGV: now ms, score, member. Returns 1 (saved) or 0.
     */
    static final LuaScript NPS_ANSWER = new LuaScript("""
            local f = redis.call('HMGET', KEYS[1], 'until', 'answered')
            if not f[1] or tonumber(f[1]) <= tonumber(ARGV[1]) or f[2] ~= '0' then return 0 end
            redis.call('HSET', KEYS[1], 'answered', '1')
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
            return 1
            """);

    // ---- the hot path of a visitor message and the bot's turn: one script each (issue 10) ---------------------------

    /**
     * A message into the visitor's open conversation, in one round trip instead of three (find by clientId, find the
     * open conversation, append): the idempotency check across the site first (a duplicate returns the original,
     * wherever it is), then the open slot, then the append as {@link #APPEND} does it. Nothing is stored when the slot
     * is empty or points at a closed (or erased) conversation, or at one without a ver (as UPDATE_IF and BOT_TURN
     * treat it: gone): the caller opens one and appends with {@link #APPEND}.
     * KEYS: open slot, site clients. ARGV: client key ("" for none), message body, ts, conversation key prefix, the id
     * and ver of the conversation the caller holds a copy of ("" for none).
     * Returns {-1} (no open conversation), {0, conversationId, seq, body} (already stored) or
     * {1, conversationId, seq, doc, ver} (stored; doc and ver as they are, for the caller's next update; doc is ""
     * when the caller's copy is that very version: every write of doc bumps ver, so it is the same doc).
     */
    static final LuaScript APPEND_TO_OPEN = new LuaScript(returnIfAlreadyStored("KEYS[2]", "ARGV[1]", "ARGV[4]") + """
            local id = redis.call('GET', KEYS[1])
            if not id then return {-1} end
            local key = ARGV[4] .. id
            local f = redis.call('HMGET', key, 'state', 'ver')
            if not f[1] or f[1] == 'CLOSED' or not f[2] then return {-1} end
            local ver = f[2]
            local doc = ''
            if id ~= ARGV[5] or ver ~= ARGV[6] then doc = redis.call('HGET', key, 'doc') end
            if not doc then return {-1} end
            local seq = redis.call('RPUSH', key .. ':msgs', ARGV[2])
            redis.call('HSET', key, 'seq', seq, 'updated', ARGV[3])
            if ARGV[1] ~= '' then
              redis.call('HSET', KEYS[2], ARGV[1], id .. ' ' .. seq)
              redis.call('SADD', key .. ':clients', ARGV[1])
            end
            return {1, id, seq, doc, ver}
            """);

    /**
     * A bot turn's writes in one round trip instead of one per write: the conversation change committed as
     * {@link #UPDATE_IF} does (only if ver is the one the lane holds, with the state indexes), the bot's messages
     * appended (RPUSH gives each its seq; they carry no clientId), and the turn's record added to the report's
     * timelines. On a version conflict nothing is written and the conversation as it is comes back, so the caller
     * applies its change to that and tries again without a separate read. When the conversation is no longer in the
     * expected state (staff took or closed it during the bot's turn), neither the change nor a message is written:
     * only the turn's record, and the conversation as it is comes back.
     * KEYS: conversation, messages, queue, assigned, closed, open slot, site bot-turn timeline, visitor bot-turn
     * timeline (the site one again when there is no visitor). ARGV: ver held, new doc, updated, new state, queuedAt
     * score, closedAt score, conversation id, record score, record member, updated after the messages, expected state,
     * then the message bodies. Returns {-1} (gone), {0, ver, doc, seq, updated} (changed meanwhile),
     * {2, ver, doc, seq, updated} (no longer in the expected state: record only) or {1, new ver, seq…}.
     */
    static final LuaScript BOT_TURN = new LuaScript("""
            local f = redis.call('HMGET', KEYS[1], 'ver', 'doc', 'seq', 'updated', 'state')
            if not f[1] then return {-1} end
            if f[5] ~= ARGV[11] then
              redis.call('ZADD', KEYS[7], ARGV[8], ARGV[9])
              redis.call('ZADD', KEYS[8], ARGV[8], ARGV[9])
              return {2, f[1], f[2] or '', f[3] or '', f[4] or ''}
            end
            if f[1] ~= ARGV[1] then return {0, f[1], f[2] or '', f[3] or '', f[4] or ''} end
            local ver = tonumber(f[1]) + 1
            redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'updated', ARGV[3], 'ver', ver, 'state', ARGV[4])
            if ARGV[4] == 'QUEUED' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[7]) else redis.call('ZREM', KEYS[3], ARGV[7]) end
            if ARGV[4] == 'ASSIGNED' then redis.call('SADD', KEYS[4], ARGV[7]) else redis.call('SREM', KEYS[4], ARGV[7]) end
            if ARGV[4] == 'CLOSED' then
              redis.call('ZADD', KEYS[5], ARGV[6], ARGV[7])
              if redis.call('GET', KEYS[6]) == ARGV[7] then redis.call('DEL', KEYS[6]) end
            end
            local out = {1, ver}
            for i = 12, #ARGV do
              table.insert(out, redis.call('RPUSH', KEYS[2], ARGV[i]))
            end
            if #ARGV > 11 then redis.call('HSET', KEYS[1], 'seq', out[#out], 'updated', ARGV[10]) end
            redis.call('ZADD', KEYS[7], ARGV[8], ARGV[9])
            redis.call('ZADD', KEYS[8], ARGV[8], ARGV[9])
            return out
            """);

    /**
     * The Lua that answers {0, conversationId, seq, body} when a message with this clientId was stored before, in
     * whichever conversation: the clients hash maps a clientId to "conversationId seq", and the body is read back from
     * that conversation's list. Shared by the appends, so the record's format is read in one place.
     *
     * @param clientsHash           the site's clientId hash, e.g. {@code KEYS[2]}
     * @param clientId              the clientId argument ("" for none), e.g. {@code ARGV[1]}
     * @param conversationKeyPrefix the argument holding the conversation key prefix
     */
    private static String returnIfAlreadyStored(String clientsHash, String clientId, String conversationKeyPrefix) {
        return """
                if %2$s ~= '' then
                  local seen = redis.call('HGET', %1$s, %2$s)
                  if seen then
                    local sep = string.find(seen, ' ', 1, true)
                    local cid = string.sub(seen, 1, sep - 1)
                    local seq = tonumber(string.sub(seen, sep + 1))
                    local body = redis.call('LINDEX', %3$s .. cid .. ':msgs', seq - 1)
                    if body then return {0, cid, seq, body} end
                  end
                end
                """.formatted(clientsHash, clientId, conversationKeyPrefix);
    }
}
