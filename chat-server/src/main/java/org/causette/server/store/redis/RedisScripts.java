package org.causette.server.store.redis;

/**
 * The Lua scripts behind every change several nodes may race on. Redis runs a script alone, start to end: no other
 * command sees it half done, which is what makes each of them atomic. Every key a script touches carries the same
 * {@code {site}} hash tag, so each script stays on one slot under Redis Cluster too. Keys a script reaches by name
 * (another conversation of the same site) are built from a prefix passed in ARGV and share that tag.
 *
 * <p>Each script is a file of its own under {@code lua/} in the resources, with its KEYS, ARGV and reply described
 * at its top; all are read when this class loads, so a missing one fails the start, not a request.
 */
final class RedisScripts {
    /** {@code lua/append.lua}: append with the next seq and idempotency. */
    static final LuaScript APPEND = LuaScript.load("append.lua");
    /** {@code lua/find-client.lua}: the message stored before under a clientId, with its conversation and seq. */
    static final LuaScript FIND_CLIENT = LuaScript.load("find-client.lua");
    /** {@code lua/find-open.lua}: the visitor's open conversation in one round trip. */
    static final LuaScript FIND_OPEN = LuaScript.load("find-open.lua");
    /** {@code lua/open.lua}: at most one open conversation per visitor and channel. */
    static final LuaScript OPEN = LuaScript.load("open.lua");
    /** {@code lua/update-if.lua}: a conditional update. */
    static final LuaScript UPDATE_IF = LuaScript.load("update-if.lua");
    /** {@code lua/delete-conversation.lua}: deletes a conversation and all it holds, all or nothing. */
    static final LuaScript DELETE_CONVERSATION = LuaScript.load("delete-conversation.lua");
    /** {@code lua/link-user.lua}: binds a customer to a visitor unless bound. */
    static final LuaScript LINK_USER = LuaScript.load("link-user.lua");
    /** {@code lua/delete-if.lua}: deletes a key only if it still holds the value. */
    static final LuaScript DELETE_IF = LuaScript.load("delete-if.lua");
    /** {@code lua/timeline-add.lua}: a timeline entry in the site's and the visitor's sorted sets. */
    static final LuaScript TIMELINE_ADD = LuaScript.load("timeline-add.lua");
    /** {@code lua/save-rating.lua}: a rating replaces the previous one of the conversation. */
    static final LuaScript SAVE_RATING = LuaScript.load("save-rating.lua");
    /** {@code lua/outbox-claim.lua}: takes and leases the due deliveries in one step. */
    static final LuaScript OUTBOX_CLAIM = LuaScript.load("outbox-claim.lua");
    /** {@code lua/outbox-save.lua}: a webhook delivery with its indexes (MULTI has no cluster client). */
    static final LuaScript OUTBOX_SAVE = LuaScript.load("outbox-save.lua");
    /** {@code lua/outbox-delete.lua}: a webhook delivery and its indexes removed. */
    static final LuaScript OUTBOX_DELETE = LuaScript.load("outbox-delete.lua");
    /** {@code lua/add-customer-visitor.lua}: a visitor joins a customer's profile unless another customer has it. */
    static final LuaScript ADD_CUSTOMER_VISITOR = LuaScript.load("add-customer-visitor.lua");
    /** {@code lua/link-channel.lua}: links a channel identity unless its visitor is another's. */
    static final LuaScript LINK_CHANNEL = LuaScript.load("link-channel.lua");
    /** {@code lua/unlink-channel.lua}: undoes a channel link. */
    static final LuaScript UNLINK_CHANNEL = LuaScript.load("unlink-channel.lua");
    /** {@code lua/save-consent.lua}: a consent record, only if it changed when asked so. */
    static final LuaScript SAVE_CONSENT = LuaScript.load("save-consent.lua");
    /** {@code lua/save-purchase.lua}: a purchase stored once per order. */
    static final LuaScript SAVE_PURCHASE = LuaScript.load("save-purchase.lua");
    /** {@code lua/nps-claim.lua}: takes a customer's NPS ask unless one runs at {@code now}. */
    static final LuaScript NPS_CLAIM = LuaScript.load("nps-claim.lua");
    /** {@code lua/nps-answer.lua}: saves an NPS answer if the ask runs and is unanswered, and marks it answered. */
    static final LuaScript NPS_ANSWER = LuaScript.load("nps-answer.lua");
    /** {@code lua/append-to-open.lua}: a message into the visitor's open conversation in one round trip. */
    static final LuaScript APPEND_TO_OPEN = LuaScript.load("append-to-open.lua");
    /** {@code lua/bot-turn.lua}: a bot turn's writes in one round trip instead of one per write. */
    static final LuaScript BOT_TURN = LuaScript.load("bot-turn.lua");

    /** {@code lua/event-quota-admit.lua}: one tracking event counted against the visitor's daily quota. */
    static final LuaScript EVENT_QUOTA_ADMIT = LuaScript.load("event-quota-admit.lua");
    /** {@code lua/login-failed.lua}: one failed login counted, its window restarted. */
    static final LuaScript LOGIN_FAILED = LuaScript.load("login-failed.lua");

    private RedisScripts() {
    }
}
