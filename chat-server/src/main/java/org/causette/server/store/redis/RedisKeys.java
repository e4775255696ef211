package org.causette.server.store.redis;

/**
 * The key layout. Everything of one site carries the hash tag {@code {site}}: Redis Cluster puts it in one slot, so a
 * Lua script may touch a conversation, its messages, its idempotency keys and the site's indexes at once. A site is
 * thus the unit of sharding (a shop's chat traffic is far below one shard's capacity). Only four kinds of keys live
 * outside a site: the server secret, staff sessions (looked up by token alone), the conversation → site lookup and
 * failed-login counters (looked up before the site is known to be real).
 */
final class RedisKeys {
    static final String PREFIX = "causette:";

    private RedisKeys() {
    }

    static String serverSecret() {
        return PREFIX + "secret";
    }

    static String session(String tokenHash) {
        return PREFIX + "session:" + tokenHash;
    }

    /** The site of a conversation: every other conversation key needs it for its hash tag. */
    static String conversationSite(String conversationId) {
        return PREFIX + "cid:" + conversationId;
    }

    /** Hash: n (events), b (bytes of their data) of one visitor's event quota window; expires with it. */
    static String eventQuota(String siteId, String visitorId) {
        return site(siteId) + "event-quota:" + visitorId;
    }

    /** Counter of failed logins for a key (site and username, with or without an address); expires with its window. */
    static String loginFailures(String key) {
        return PREFIX + "login-failures:" + key;
    }

    static String site(String siteId) {
        return PREFIX + "{" + siteId + "}:";
    }

    /** The prefix of a conversation's keys, for scripts that reach another conversation of the same site. */
    static String conversationPrefix(String siteId) {
        return site(siteId) + "conv:";
    }

    /** Hash: doc (the conversation as JSON), seq (its last seq), updated, ver (bumped by each update), state. */
    static String conversation(String siteId, String conversationId) {
        return conversationPrefix(siteId) + conversationId;
    }

    /** List: message seq n at index n - 1, so seq and position can never disagree. */
    static String messages(String siteId, String conversationId) {
        return conversation(siteId, conversationId) + ":msgs";
    }

    /** Set: the idempotency keys used in a conversation, to clean the site's index when it goes. */
    static String conversationClients(String siteId, String conversationId) {
        return conversation(siteId, conversationId) + ":clients";
    }

    static String rating(String siteId, String conversationId) {
        return conversation(siteId, conversationId) + ":rating";
    }

    /** Hash: role:author:clientId → "conversationId seq", across the site's conversations. */
    /**
     * A counter the durability option bumps when it must wait for the replicas without having written anything (a
     * duplicate answered from the store): replication is one ordered stream, so once this write is on a replica,
     * everything the site's shard wrote before it is too.
     */
    static String fence(String siteId) {
        return site(siteId) + "fence";
    }

    static String siteClients(String siteId) {
        return site(siteId) + "clients";
    }

    /** String: the open conversation of a visitor on a channel. */
    static String openSlot(String siteId, String visitorId, String channel) {
        return site(siteId) + "open:" + visitorId + ":" + channel;
    }

    /** Sorted set of conversation ids by createdAt (µs). */
    static String conversations(String siteId) {
        return site(siteId) + "convs";
    }

    static String visitorConversations(String siteId, String visitorId) {
        return site(siteId) + "vconvs:" + visitorId;
    }

    /** Sorted set of queued conversation ids by queuedAt (µs). */
    static String queue(String siteId) {
        return site(siteId) + "queue";
    }

    /** Set of assigned conversation ids. */
    static String assigned(String siteId) {
        return site(siteId) + "assigned";
    }

    /** Sorted set of closed conversation ids by closedAt (µs), for retention. */
    static String closed(String siteId) {
        return site(siteId) + "closed";
    }

    /** Sorted set of rated conversation ids by rating time (µs). */
    static String ratings(String siteId) {
        return site(siteId) + "ratings";
    }

    static String visitor(String siteId, String visitorId) {
        return site(siteId) + "visitor:" + visitorId;
    }

    static String visitorUsers(String siteId, String visitorId) {
        return visitor(siteId, visitorId) + ":users";
    }

    static String user(String siteId, String userId) {
        return site(siteId) + "user:" + userId;
    }

    /** Hash staffId → presence JSON. */
    static String presence(String siteId) {
        return site(siteId) + "presence";
    }

    /** Sorted set by time (µs) of a site's timeline entries (events, leads, botturns). */
    static String timeline(String siteId, String name) {
        return site(siteId) + "tl:" + name;
    }

    static String visitorTimeline(String siteId, String name, String visitorId) {
        return timeline(siteId, name) + ":" + visitorId;
    }

    /** List of what admins taught the site's bot, oldest first. */
    static String lessons(String siteId) {
        return site(siteId) + "lessons";
    }

    /** Hash of the bot's replies staff marked wrong: field conversation id + "#" + seq, value the mark. */
    static String answerMarks(String siteId) {
        return site(siteId) + "answer-marks";
    }

    /** The pub/sub channel of a site: in its slot, so sharded pub/sub (SPUBLISH) reaches the site's shard. */
    /**
     * The CRM webhook outbox spans every site (any node delivers any site's webhooks), so its keys share their own
     * hash tag: the claim script touches them together, on one slot.
     */
    static String outboxItems() {
        return PREFIX + "{outbox}:items";
    }

    /** Delivery ids by when they are due (epoch micros); a claimed delivery's score is its lease's end. */
    static String outboxDue() {
        return PREFIX + "{outbox}:due";
    }

    /** A site's undelivered deliveries by creation time, for the console. */
    static String outboxOfSite(String siteId) {
        return PREFIX + "{outbox}:site:" + siteId;
    }

    static String channel(String siteId) {
        return site(siteId) + "bus";
    }

    static String proactiveClaim(String siteId, String visitorId) {
        return site(siteId) + "proactive:" + visitorId;
    }

    static String variantCounts(String siteId, String scenarioId) {
        return site(siteId) + "variants:" + scenarioId;
    }

    // ---- customers (docs/customers.md) --------------------------------------------------------------------------

    /** Set: a customer's visitor ids (devices and linked channels). */
    static String customerVisitors(String siteId, String userId) {
        return site(siteId) + "cust:" + userId + ":visitors";
    }

    /** Hash: "channel:externalId" → the channel link as JSON. */
    static String customerLinks(String siteId, String userId) {
        return site(siteId) + "cust:" + userId + ":links";
    }

    /** String: the customer a visitor belongs to. */
    static String visitorCustomer(String siteId, String visitorId) {
        return visitor(siteId, visitorId) + ":customer";
    }

    // ---- outcomes: conversions, A/B exposures, NPS ------------------------------------------------------------------

    /** Sorted set of the site's stored order ids by when they were stored (µs): the once-per-order claim. */
    static String orders(String siteId) {
        return site(siteId) + "orders";
    }

    /** Hash: until (epoch ms), answered (0/1), conversation, visitor: a customer's running NPS ask. */
    static String npsAsk(String siteId, String customerKey) {
        return site(siteId) + "npsask:" + customerKey;
    }
}
