package org.causette.server.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.causette.bot.Card;
import org.causette.bot.QuickReply;
import org.causette.server.config.Lesson;
import org.causette.server.config.RedisUrl;
import org.causette.server.store.AnswerMark;
import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.ChannelLink;
import org.causette.server.store.ConsentRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.Exposure;
import org.causette.server.store.Lead;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.NpsAnswer;
import org.causette.server.store.OpenAppend;
import org.causette.server.store.Presence;
import org.causette.server.store.Rating;
import org.causette.server.store.SavedTurn;
import org.causette.server.store.StaffLogin;
import org.causette.server.store.Store;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.TimelineStore;
import org.causette.server.store.VersionedConversation;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;
import org.causette.server.store.WebhookDelivery;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The store for production and for clusters: conversations survive restarts and every node sharing the Redis sees
 * the same state. Pooled connections (a Jedis {@link UnifiedJedis}: one Redis, Sentinel or Cluster, {@link RedisConnections}); the hot paths (append with its idempotency pointer,
 * listings that read many conversations) go in one round trip each: a Lua script or a pipeline.
 *
 * <p>Messages: a Redis list per conversation, message seq n at index n - 1. Seqs are dense by contract, so a list
 * gives O(1) append, range reads by position without any score or search, and seq and position cannot drift
 * (the append script takes the seq from RPUSH). A stream would add ids of its own to map back to seqs.
 *
 * <p>Conversations: a hash holding the record as JSON ({@code doc}) and, beside it, the fields that change on their
 * own: {@code seq} (moved by append only), {@code updated}, {@code state} (read by scripts), and {@code ver}, bumped
 * by every update so a conditional update can check nobody changed the conversation since it ran the predicate
 * (optimistic concurrency: the predicate is Java, so it runs here, and the script only commits if {@code ver} still
 * matches, else we read again and retry). Appends do not bump {@code ver}: messages never make an update retry.
 *
 * <p>Every Jedis failure becomes a {@link StoreUnavailableException}: the hub then answers {@code unavailable},
 * acknowledges nothing, and /readyz turns 503. Short timeouts make an unreachable Redis fail fast; the pool drops
 * broken connections and makes new ones, so the store recovers by itself when Redis is back.
 */
public final class RedisStore implements Store {
    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    /** 16 lanes + 4 blocking workers + housekeeping + the broker's publishes, with headroom. */
    public static final int POOL_SIZE = 32;
    public static final Duration SOCKET_TIMEOUT = Duration.ofMillis(2000);
    /** How long a caller waits for a pooled connection before it is told the store is unavailable. */
    public static final Duration BORROW_TIMEOUT = Duration.ofMillis(2000);
    /** Conditional updates retried this often under contention before giving up (never seen in practice). */
    private static final int UPDATE_ATTEMPTS = 100;
    /** Listings read conversations in pages of this many, one pipeline per page. */
    private static final int PAGE = 100;
    /** The conversation → site lookups kept in memory (they never change); cleared when it grows past this. */
    private static final int SITE_CACHE_LIMIT = 100_000;
    /** Search looks through this many of the newest conversations of a site: bounded work per query. */
    public static final int SEARCH_DEPTH = 1_000;

    private static final String EVENTS = "events";
    private static final String LEADS = "leads";
    private static final String BOT_TURNS = "botturns";
    /** The state a bot turn's answers are written in (BOT_TURN's expected state). */

    private final RedisConnections connections;
    private final UnifiedJedis redis;
    private final boolean pipelining;
    /** The durability option: replicas a conversation write waits for (0: none), and for how long at most. */
    private final int replicas;
    private final long replicaTimeoutMillis;
    private final Map<String, String> siteOfConversation = new ConcurrentHashMap<>();

    /** A message as kept in its conversation's list: its seq is its position and its conversation the list's. */
    record MessageDoc(String id, Author from, String clientId, String text, String payload,
                      List<QuickReply> quickReplies, List<Card> cards, boolean internal, Instant ts) {
        StoredMessage toMessage(String conversationId, long seq) {
            return new StoredMessage(id, conversationId, seq, from, clientId, text, payload, quickReplies, cards,
                    internal, ts);
        }
    }

    /** A conversation as read, with the version an update must still find. */
    private record Snapshot(Conversation conversation, String version) {
    }

    private RedisStore(RedisUrl url, boolean pipelining) {
        this.connections = new RedisConnections(url);
        this.pipelining = pipelining;
        this.replicas = url.replicas();
        this.replicaTimeoutMillis = url.replicaTimeout().toMillis();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(POOL_SIZE);
        pool.setMaxIdle(POOL_SIZE);
        pool.setMinIdle(4);
        pool.setMaxWait(BORROW_TIMEOUT);
        // Connections left broken by a Redis restart are found and dropped while idle, not by a user's message.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1);
        pool.setJmxEnabled(false);
        this.redis = connections.pooled(pool, SOCKET_TIMEOUT, "causette");
    }

    /**
     * Opens the store at a Redis URL ({@link RedisUrl}); {@code env:NAME} passwords and {@code CAUSETTE_REDIS_PASSWORD}
     * are read from this process's environment. Connections are made on first use.
     */
    public static RedisStore open(String uri) {
        return open(RedisUrl.parse(uri, "--store", System.getenv()), true);
    }

    /** With {@code pipelining} false, each command is its own round trip (to measure what pipelining buys). */
    public static RedisStore open(String uri, boolean pipelining) {
        return open(RedisUrl.parse(uri, "--store", System.getenv()), pipelining);
    }

    public static RedisStore open(RedisUrl url, boolean pipelining) {
        return new RedisStore(url, pipelining);
    }

    /** How this store reaches Redis (the broker makes its subscriber connections from it). */
    public RedisConnections connections() {
        return connections;
    }

    /** The pooled client, shared with the broker for its publishes. */
    public UnifiedJedis client() {
        return redis;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /**
     * Runs idempotent Redis work (a read, or a write that gives the same result twice). A pooled connection that
     * Redis dropped (it restarted) fails on first use: such work is tried once more on a fresh connection, so the
     * first request after Redis comes back is served, not refused.
     */
    private <T> T call(String what, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(redis);
        } catch (JedisConnectionException first) {
            log.debug("Redis {} failed on a connection, trying once more", what, first);
            forgetOpenCopies();
            return callOnce(what, work);
        } catch (JedisException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * Runs Redis work that must not run twice (an append without clientId, a conditional update whose first try may
     * have committed): any client failure means the store is unavailable, and the caller acknowledges nothing.
     */
    private <T> T callOnce(String what, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(redis);
        } catch (JedisConnectionException e) {
            forgetOpenCopies();
            throw unavailable(what, e);
        } catch (JedisException e) {
            throw unavailable(what, e);
        }
    }

    /**
     * A conversation write (a message, a bot turn, a state change): what the hub acknowledges or shows. With the
     * durability option ({@code ?replicas=N}) the script and a {@code WAIT} go in one round trip, and a write the
     * replicas did not confirm in time is reported unavailable: nothing is acknowledged, the client resends with its
     * clientId, and the primary's copy makes that a duplicate. Without the option this is the script alone.
     */
    private Object write(UnifiedJedis r, String what, LuaScript script, List<String> keys, List<String> args) {
        if (replicas == 0) {
            return script.run(r, keys, args);
        }
        return replicated(what, script.runWaiting(r, keys, args, replicas, replicaTimeoutMillis));
    }

    private Object writeBinary(UnifiedJedis r, String what, LuaScript script, List<byte[]> keys, List<byte[]> args) {
        if (replicas == 0) {
            return script.runBinary(r, keys, args);
        }
        return replicated(what, script.runBinaryWaiting(r, keys, args, replicas, replicaTimeoutMillis));
    }

    private Object replicated(String what, LuaScript.Waited waited) {
        if (waited.replicas() < replicas) {
            // The primary has it, the replicas may not: a failover now could lose it, so it must not be acknowledged.
            // A write that may vanish also makes versions this node holds unreliable.
            forgetOpenCopies();
            throw new StoreUnavailableException("redis " + what + ": " + waited.replicas() + " of " + replicas
                    + " replica(s) confirmed the write within " + replicaTimeoutMillis + " ms");
        }
        return waited.reply();
    }

    /**
     * With the durability option, an answer that wrote nothing (a duplicate clientId: the original is stored) still
     * waits until the replicas have everything before it: a write of the site's fence key, then WAIT. Replication is
     * one ordered stream per shard, so the original, written earlier, is on the replica once the fence is.
     */
    private void awaitReplicas(String siteId) {
        if (replicas == 0) {
            return;
        }
        String fence = RedisKeys.fence(siteId);
        long confirmed = callOnce("wait for replicas", r -> {
            try (AbstractPipeline p = r.pipelined()) {
                p.incr(fence);
                Response<Long> acked = p.waitReplicas(fence, replicas, replicaTimeoutMillis);
                p.sync();
                return acked.get();
            }
        });
        if (confirmed < replicas) {
            forgetOpenCopies();
            throw new StoreUnavailableException("redis wait for replicas: " + confirmed + " of " + replicas
                    + " replica(s) within " + replicaTimeoutMillis + " ms");
        }
    }

    private static StoreUnavailableException unavailable(String what, JedisException e) {
        return new StoreUnavailableException("redis " + what + ": " + e.getMessage(), e);
    }

    private void run(String what, java.util.function.Consumer<UnifiedJedis> work) {
        call(what, r -> {
            work.accept(r);
            return null;
        });
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T parse(String text, Class<T> type) {
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in Redis", e);
        }
    }

    /** Sorted-set scores are epoch microseconds: exact in a double until the year 2255, finer than millis. */
    static double micros(Instant t) {
        return t.getEpochSecond() * 1_000_000.0 + t.getNano() / 1_000;
    }

    private static String score(Instant t) {
        return t == null ? "0" : Long.toString((long) micros(t));
    }

    private static String clientKey(Author author, String clientId) {
        return author.role().name() + ":" + author.id() + ":" + clientId;
    }

    // ---- basics -------------------------------------------------------------------------------------------------

    @Override
    public void ping() {
        run("ping", UnifiedJedis::ping);
    }

    @Override
    public byte[] serverSecret() {
        return call("server secret", r -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // SET NX: the first node to start creates it, every other node and restart reads that one.
            r.set(RedisKeys.serverSecret(), Base64.getEncoder().encodeToString(fresh), SetParams.setParams().nx());
            return Base64.getDecoder().decode(r.get(RedisKeys.serverSecret()));
        });
    }

    @Override
    public Optional<Visitor> findVisitor(String siteId, String visitorId) {
        return Optional.ofNullable(call("find visitor", r -> r.get(RedisKeys.visitor(siteId, visitorId))))
                .map(v -> parse(v, Visitor.class));
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        run("save visitor", r -> r.set(RedisKeys.visitor(visitor.siteId(), visitor.id()), json(visitor)));
    }

    @Override
    public String linkUser(String siteId, String userId, String visitorId) {
        return (String) call("link user", r -> RedisScripts.LINK_USER.run(r,
                List.of(RedisKeys.user(siteId, userId), RedisKeys.visitorUsers(siteId, visitorId),
                        RedisKeys.customerVisitors(siteId, userId), RedisKeys.visitorCustomer(siteId, visitorId)),
                List.of(visitorId, userId)));
    }

    // ---- conversations ------------------------------------------------------------------------------------------

    /** The site of a conversation, or null when it does not exist. */
    private String siteOf(String conversationId) {
        String cached = siteOfConversation.get(conversationId);
        if (cached != null) {
            return cached;
        }
        String site = call("find conversation", r -> r.get(RedisKeys.conversationSite(conversationId)));
        if (site != null) {
            remember(conversationId, site);
        }
        return site;
    }

    private void remember(String conversationId, String siteId) {
        if (siteOfConversation.size() >= SITE_CACHE_LIMIT) {
            siteOfConversation.clear();
        }
        siteOfConversation.put(conversationId, siteId);
    }

    private static final String[] CONVERSATION_FIELDS = {"doc", "seq", "updated", "ver"};

    private static Optional<Snapshot> snapshot(List<String> fields) {
        if (fields == null || fields.get(0) == null) {
            return Optional.empty();
        }
        Conversation doc = parse(fields.get(0), Conversation.class);
        long seq = fields.get(1) == null ? 0 : Long.parseLong(fields.get(1));
        Instant updated = fields.get(2) == null ? doc.updatedAt() : Instant.parse(fields.get(2));
        return Optional.of(new Snapshot(doc.withLastSeq(seq, updated), fields.get(3)));
    }

    private Optional<Snapshot> read(String siteId, String conversationId) {
        return snapshot(call("read conversation",
                r -> r.hmget(RedisKeys.conversation(siteId, conversationId), CONVERSATION_FIELDS)));
    }

    /** Reads many conversations of a site: one pipeline (or one round trip each without pipelining). */
    private List<Conversation> readAll(String siteId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = call("read conversations", r -> {
            List<List<String>> out = new ArrayList<>(ids.size());
            if (pipelining) {
                try (AbstractPipeline p = r.pipelined()) {
                    List<Response<List<String>>> responses = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        responses.add(p.hmget(RedisKeys.conversation(siteId, id), CONVERSATION_FIELDS));
                    }
                    p.sync();
                    responses.forEach(response -> out.add(response.get()));
                }
            } else {
                for (String id : ids) {
                    out.add(r.hmget(RedisKeys.conversation(siteId, id), CONVERSATION_FIELDS));
                }
            }
            return out;
        });
        List<Conversation> conversations = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            snapshot(row).ifPresent(s -> conversations.add(s.conversation()));
        }
        return conversations;
    }

    @Override
    public Optional<Conversation> findConversation(String conversationId) {
        String siteId = siteOf(conversationId);
        return siteId == null ? Optional.empty() : read(siteId, conversationId).map(Snapshot::conversation);
    }

    @Override
    public Optional<Conversation> findOpenConversation(String siteId, String visitorId, String channel) {
        List<?> found = (List<?>) call("find open conversation", r -> RedisScripts.FIND_OPEN.run(r,
                List.of(RedisKeys.openSlot(siteId, visitorId, channel)), List.of(RedisKeys.conversationPrefix(siteId))));
        if (found == null) {
            return Optional.empty();
        }
        remember((String) found.get(0), siteId);
        List<String> fields = found.subList(1, 5).stream().map(v -> "".equals(v) ? null : (String) v).toList();
        return snapshot(fields).map(Snapshot::conversation).filter(c -> c.state().isOpen());
    }

    @Override
    public Conversation openConversation(Conversation candidate) {
        String siteId = candidate.siteId();
        String created = score(candidate.createdAt());
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            String winner = call("open conversation", r -> {
                // The lookup goes first: once the conversation exists, it can always be found by id.
                r.set(RedisKeys.conversationSite(candidate.id()), siteId);
                return (String) RedisScripts.OPEN.run(r,
                        List.of(RedisKeys.openSlot(siteId, candidate.visitorId(), candidate.channel()),
                                RedisKeys.conversation(siteId, candidate.id()), RedisKeys.conversations(siteId),
                                RedisKeys.visitorConversations(siteId, candidate.visitorId())),
                        List.of(candidate.id(), json(candidate), candidate.updatedAt().toString(), created,
                                candidate.state().name(), RedisKeys.conversationPrefix(siteId)));
            });
            if (winner.equals(candidate.id())) {
                remember(candidate.id(), siteId);
                return candidate;
            }
            run("open conversation", r -> r.del(RedisKeys.conversationSite(candidate.id())));
            remember(winner, siteId);
            Optional<Conversation> open = read(siteId, winner).map(Snapshot::conversation).filter(c -> c.state().isOpen());
            if (open.isPresent()) {
                return open.get();
            }
            // The winner closed or was erased between the two calls: try again.
        }
        throw new StoreUnavailableException("redis open conversation: too much contention on " + candidate.visitorId());
    }

    @Override
    public Optional<Conversation> updateIf(String conversationId, Predicate<Conversation> expected,
                                           UnaryOperator<Conversation> change) {
        String siteId = siteOf(conversationId);
        if (siteId == null) {
            return Optional.empty();
        }
        return updateByReading(siteId, conversationId, expected, change).map(VersionedConversation::conversation);
    }

    /** Read, check, change, commit if the version is unchanged, else again: the optimistic loop of every update. */
    private Optional<VersionedConversation> updateByReading(String siteId, String conversationId,
                                                            Predicate<Conversation> expected,
                                                            UnaryOperator<Conversation> change) {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Optional<Snapshot> read = read(siteId, conversationId);
            if (read.isEmpty() || !expected.test(read.get().conversation())) {
                return Optional.empty();
            }
            Conversation before = read.get().conversation();
            Conversation changed = change.apply(before);
            Conversation updated = changed.withLastSeq(before.lastSeq(), changed.updatedAt());
            long outcome = commitUpdate(siteId, conversationId, read.get().version(), updated);
            if (outcome == 1) {
                return Optional.of(new VersionedConversation(updated, Long.parseLong(read.get().version()) + 1));
            }
            if (outcome == -1) {
                return Optional.empty();
            }
            // Someone else changed it since we read it: read again and re-check the condition.
        }
        throw new StoreUnavailableException("redis update: too much contention on conversation " + conversationId);
    }

    /** The update script: 1 committed, 0 the version moved meanwhile (nothing written), -1 the conversation is gone. */
    private long commitUpdate(String siteId, String conversationId, String version, Conversation updated) {
        return (Long) callOnce("update conversation", r -> write(r, "update conversation", RedisScripts.UPDATE_IF,
                List.of(RedisKeys.conversation(siteId, conversationId), RedisKeys.queue(siteId),
                        RedisKeys.assigned(siteId), RedisKeys.closed(siteId),
                        RedisKeys.openSlot(siteId, updated.visitorId(), updated.channel())),
                List.of(version, json(updated), updated.updatedAt().toString(), updated.state().name(),
                        score(updated.queuedAt()), score(updated.closedAt()), conversationId)));
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    @Override
    public AppendResult append(String conversationId, MessageDraft draft) {
        String siteId = siteOf(conversationId);
        if (siteId == null) {
            throw new IllegalArgumentException("no conversation " + conversationId);
        }
        String id = UUID.randomUUID().toString();
        MessageDoc doc = new MessageDoc(id, draft.from(), draft.clientId(), draft.text(), draft.payload(),
                draft.quickReplies(), draft.cards(), draft.internal(), draft.ts());
        List<String> keys = List.of(RedisKeys.conversation(siteId, conversationId), RedisKeys.messages(siteId, conversationId),
                RedisKeys.conversationClients(siteId, conversationId), RedisKeys.siteClients(siteId));
        List<String> args = List.of(draft.clientId() == null ? "" : clientKey(draft.from(), draft.clientId()), json(doc),
                draft.ts().toString(), conversationId, RedisKeys.conversationPrefix(siteId));
        List<?> result = (List<?>) callOnce("append", r -> write(r, "append", RedisScripts.APPEND, keys, args));
        long status = (Long) result.get(0);
        if (status == -1) {
            throw new IllegalArgumentException("no conversation " + conversationId);
        }
        if (status == 0) {
            awaitReplicas(siteId);
            MessageDoc original = parse((String) result.get(3), MessageDoc.class);
            return new AppendResult(original.toMessage((String) result.get(1), (Long) result.get(2)), true);
        }
        return new AppendResult(doc.toMessage(conversationId, (Long) result.get(1)), false);
    }

    @Override
    public Optional<StoredMessage> findByClientId(String siteId, Author author, String clientId) {
        List<?> found = (List<?>) call("find by clientId", r -> RedisScripts.FIND_CLIENT.run(r,
                List.of(RedisKeys.siteClients(siteId)),
                List.of(clientKey(author, clientId), RedisKeys.conversationPrefix(siteId))));
        if (found == null) {
            return Optional.empty();
        }
        MessageDoc doc = parse((String) found.get(2), MessageDoc.class);
        return Optional.of(doc.toMessage((String) found.get(0), (Long) found.get(1)));
    }

    @Override
    public List<StoredMessage> messagesAfter(String conversationId, long afterSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        long from = Math.max(0, afterSeq);
        return range(conversationId, from, from + limit - 1);
    }

    @Override
    public List<StoredMessage> messagesBefore(String conversationId, long beforeSeq, int limit) {
        if (limit <= 0 || beforeSeq <= 1) {
            return List.of();
        }
        long to = beforeSeq - 2; // the index of seq beforeSeq - 1
        return range(conversationId, Math.max(0, to - limit + 1), to);
    }

    /** Messages at list indexes [from, to]: seqs from + 1 to to + 1. */
    private List<StoredMessage> range(String conversationId, long from, long to) {
        String siteId = siteOf(conversationId);
        if (siteId == null || to < from) {
            return List.of();
        }
        List<String> bodies = call("read messages", r -> r.lrange(RedisKeys.messages(siteId, conversationId), from, to));
        List<StoredMessage> messages = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            messages.add(parse(bodies.get(i), MessageDoc.class).toMessage(conversationId, from + i + 1));
        }
        return messages;
    }

    // ---- listings -----------------------------------------------------------------------------------------------

    @Override
    public List<Conversation> conversations(String siteId, ConversationState state, Instant before, int limit) {
        List<Conversation> found = new ArrayList<>();
        String max = before == null ? "+inf" : "(" + score(before);
        int offset = 0;
        while (found.size() < limit) {
            int page = offset;
            List<String> ids = call("list conversations",
                    r -> r.zrevrangeByScore(RedisKeys.conversations(siteId), max, "-inf", page, PAGE));
            for (Conversation c : readAll(siteId, ids)) {
                if ((state == null || c.state() == state) && (before == null || c.createdAt().isBefore(before))
                        && found.size() < limit) {
                    found.add(c);
                }
            }
            if (ids.size() < PAGE) {
                break;
            }
            offset += PAGE;
        }
        return found;
    }

    @Override
    public List<Conversation> queue(String siteId) {
        List<String> ids = call("queue", r -> r.zrange(RedisKeys.queue(siteId), 0, -1));
        return readAll(siteId, ids).stream()
                .filter(c -> c.state() == ConversationState.QUEUED)
                .sorted(Comparator.comparing(Conversation::queuedAt).thenComparing(Conversation::id))
                .toList();
    }

    @Override
    public List<Conversation> assigned(String siteId) {
        List<String> ids = List.copyOf(call("assigned", r -> r.smembers(RedisKeys.assigned(siteId))));
        return readAll(siteId, ids).stream().filter(c -> c.state() == ConversationState.ASSIGNED).toList();
    }

    @Override
    public List<Conversation> conversationsOfVisitor(String siteId, String visitorId) {
        List<String> ids = call("visitor conversations",
                r -> r.zrevrange(RedisKeys.visitorConversations(siteId, visitorId), 0, -1));
        return readAll(siteId, ids).stream()
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .toList();
    }

    @Override
    public Optional<Conversation> lastClosedConversation(String siteId, String visitorId) {
        return conversationsOfVisitor(siteId, visitorId).stream()
                .filter(c -> c.state() == ConversationState.CLOSED && c.closedAt() != null)
                .max(Comparator.comparing(Conversation::closedAt));
    }

    @Override
    public List<Conversation> search(String siteId, String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        List<Conversation> found = new ArrayList<>();
        for (int offset = 0; offset < SEARCH_DEPTH && found.size() < limit; offset += PAGE) {
            int page = offset;
            List<String> ids = call("search", r -> r.zrevrange(RedisKeys.conversations(siteId), page, page + PAGE - 1));
            List<List<String>> transcripts = call("search", r -> {
                try (AbstractPipeline p = r.pipelined()) {
                    List<Response<List<String>>> responses = ids.stream()
                            .map(id -> p.lrange(RedisKeys.messages(siteId, id), 0, -1)).toList();
                    p.sync();
                    return responses.stream().map(Response::get).toList();
                }
            });
            List<String> matching = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (transcripts.get(i).stream().map(m -> parse(m, MessageDoc.class))
                        .anyMatch(m -> !m.internal() && m.text().toLowerCase(Locale.ROOT).contains(needle))) {
                    matching.add(ids.get(i));
                }
            }
            for (Conversation c : readAll(siteId, matching)) {
                if (found.size() < limit) {
                    found.add(c);
                }
            }
            if (ids.size() < PAGE) {
                break;
            }
        }
        return found;
    }

    @Override
    public void saveLesson(Lesson lesson) {
        callOnce("save lesson", r -> r.rpush(RedisKeys.lessons(lesson.siteId()), json(lesson)));
    }

    @Override
    public List<Lesson> lessons(String siteId) {
        return call("lessons", r -> r.lrange(RedisKeys.lessons(siteId), 0, -1)).stream()
                .map(v -> parse(v, Lesson.class)).toList();
    }

    @Override
    public void saveAnswerMark(AnswerMark mark) {
        // A hash by reply: marking it twice keeps the first; HSETNX is one atomic step.
        callOnce("save answer mark", r -> r.hsetnx(RedisKeys.answerMarks(mark.siteId()),
                mark.conversationId() + "#" + mark.seq(), json(mark)));
    }

    @Override
    public List<AnswerMark> answerMarks(String siteId) {
        return call("answer marks", r -> r.hvals(RedisKeys.answerMarks(siteId))).stream()
                .map(v -> parse(v, AnswerMark.class))
                .sorted(java.util.Comparator.comparing(AnswerMark::ts)).toList();
    }

    // ---- CRM webhook outbox --------------------------------------------------------------------------------------

    @Override
    public void saveWebhookDelivery(WebhookDelivery delivery) {
        // Idempotent (the same id and JSON again give the same state): safe to try twice.
        run("save webhook delivery", r -> RedisScripts.OUTBOX_SAVE.run(r,
                List.of(RedisKeys.outboxItems(), RedisKeys.outboxDue(), RedisKeys.outboxOfSite(delivery.siteId())),
                List.of(delivery.id(), json(delivery), Long.toString((long) micros(delivery.nextAttemptAt())),
                        Long.toString((long) micros(delivery.createdAt() == null ? delivery.nextAttemptAt() : delivery.createdAt())))));
    }

    @Override
    public List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit) {
        Object claimed = callOnce("claim webhook deliveries", r -> RedisScripts.OUTBOX_CLAIM.run(r,
                List.of(RedisKeys.outboxDue(), RedisKeys.outboxItems()),
                List.of(Long.toString((long) micros(now)), Long.toString((long) micros(leaseUntil)), Integer.toString(limit))));
        List<WebhookDelivery> out = new java.util.ArrayList<>();
        for (Object item : (List<?>) claimed) {
            String text = item instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : item.toString();
            out.add(parse(text, WebhookDelivery.class).leased(leaseUntil));
        }
        return out;
    }

    @Override
    public void deleteWebhookDelivery(String deliveryId) {
        run("delete webhook delivery", r -> {
            String item = r.hget(RedisKeys.outboxItems(), deliveryId);
            String ofSite = item == null ? RedisKeys.outboxDue() : RedisKeys.outboxOfSite(parse(item, WebhookDelivery.class).siteId());
            RedisScripts.OUTBOX_DELETE.run(r, List.of(RedisKeys.outboxItems(), RedisKeys.outboxDue(), ofSite), List.of(deliveryId));
        });
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(String siteId, int limit) {
        return call("webhook deliveries", r -> {
            List<String> ids = r.zrange(RedisKeys.outboxOfSite(siteId), 0, limit - 1L);
            if (ids.isEmpty()) {
                return List.<WebhookDelivery>of();
            }
            return r.hmget(RedisKeys.outboxItems(), ids.toArray(String[]::new)).stream()
                    .filter(java.util.Objects::nonNull).map(v -> parse(v, WebhookDelivery.class)).toList();
        });
    }

    // ---- timelines: events, leads, bot turns ---------------------------------------------------------------------

    /** A member is a unique id, a space and the JSON: two equal entries at the same instant stay two entries. */
    private void addToTimeline(String siteId, String name, String visitorId, Instant ts, Object entry) {
        String member = UUID.randomUUID() + " " + json(entry);
        List<String> keys = visitorId == null ? List.of(RedisKeys.timeline(siteId, name))
                : List.of(RedisKeys.timeline(siteId, name), RedisKeys.visitorTimeline(siteId, name, visitorId));
        callOnce("save " + name, r -> RedisScripts.TIMELINE_ADD.run(r, keys, List.of(score(ts), member)));
    }

    private static <T> List<T> entries(List<String> members, Class<T> type) {
        return members.stream().map(m -> parse(m.substring(m.indexOf(' ') + 1), type)).toList();
    }

    private <T> List<T> timeline(String siteId, String name, Instant from, Instant to, Class<T> type) {
        List<String> members = call("read " + name, r -> r.zrangeByScore(RedisKeys.timeline(siteId, name),
                score(from), "(" + score(to)));
        return entries(members, type);
    }

    @Override
    public void saveEvent(VisitorEvent event) {
        addToTimeline(event.siteId(), EVENTS, event.visitorId(), event.ts(), event);
    }

    @Override
    public List<VisitorEvent> events(String siteId, String visitorId) {
        return entries(call("read events", r -> r.zrange(RedisKeys.visitorTimeline(siteId, EVENTS, visitorId), 0, -1)),
                VisitorEvent.class);
    }

    @Override
    public List<VisitorEvent> events(String siteId, Instant from, Instant to) {
        return timeline(siteId, EVENTS, from, to, VisitorEvent.class);
    }

    @Override
    public void saveLead(Lead lead) {
        addToTimeline(lead.siteId(), LEADS, lead.visitorId(), lead.ts(), lead);
    }

    @Override
    public List<Lead> leads(String siteId, Instant from, Instant to) {
        return timeline(siteId, LEADS, from, to, Lead.class);
    }

    @Override
    public void saveBotTurn(BotTurnRecord turn) {
        addToTimeline(turn.siteId(), BOT_TURNS, turn.visitorId(), turn.ts(), turn);
    }

    @Override
    public List<BotTurnRecord> botTurns(String siteId, Instant from, Instant to) {
        return timeline(siteId, BOT_TURNS, from, to, BotTurnRecord.class);
    }

    // ---- ratings, presence, sessions ----------------------------------------------------------------------------

    @Override
    public void saveRating(Rating rating) {
        remember(rating.conversationId(), rating.siteId());
        run("save rating", r -> RedisScripts.SAVE_RATING.run(r,
                List.of(RedisKeys.rating(rating.siteId(), rating.conversationId()), RedisKeys.ratings(rating.siteId())),
                List.of(json(rating), score(rating.ts()), rating.conversationId())));
    }

    @Override
    public Optional<Rating> rating(String conversationId) {
        String siteId = siteOf(conversationId);
        if (siteId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(call("rating", r -> r.get(RedisKeys.rating(siteId, conversationId))))
                .map(v -> parse(v, Rating.class));
    }

    @Override
    public List<Rating> ratings(String siteId, Instant from, Instant to) {
        return call("ratings", r -> {
            List<String> ids = r.zrangeByScore(RedisKeys.ratings(siteId), score(from), "(" + score(to));
            if (ids.isEmpty()) {
                return List.<Rating>of();
            }
            List<String> values = r.mget(ids.stream().map(id -> RedisKeys.rating(siteId, id)).toArray(String[]::new));
            return values.stream().filter(v -> v != null).map(v -> parse(v, Rating.class))
                    .filter(rating -> !rating.ts().isBefore(from) && rating.ts().isBefore(to)).toList();
        });
    }

    @Override
    public void savePresence(Presence presence) {
        run("save presence", r -> r.hset(RedisKeys.presence(presence.siteId()), presence.staffId(), json(presence)));
    }

    /** Every entry, expired ones included: {@link Presence#online} decides, as with the memory store. */
    @Override
    public List<Presence> presence(String siteId) {
        return call("presence", r -> r.hvals(RedisKeys.presence(siteId))).stream()
                .map(v -> parse(v, Presence.class)).toList();
    }

    @Override
    public void saveStaffSession(StaffLogin session) {
        // Redis drops the session when it expires: no sweeping of old logins.
        run("save session", r -> r.set(RedisKeys.session(session.tokenHash()), json(session),
                SetParams.setParams().pxAt(Math.max(session.expiresAt().toEpochMilli(), System.currentTimeMillis() + 1_000))));
    }

    @Override
    public Optional<StaffLogin> findStaffSession(String tokenHash) {
        return Optional.ofNullable(call("find session", r -> r.get(RedisKeys.session(tokenHash))))
                .map(v -> parse(v, StaffLogin.class));
    }

    @Override
    public void deleteStaffSession(String tokenHash) {
        run("delete session", r -> r.del(RedisKeys.session(tokenHash)));
    }

    // ---- erasure and retention ----------------------------------------------------------------------------------

    private void deleteConversation(Conversation c) {
        String siteId = c.siteId();
        String id = c.id();
        run("delete conversation", r -> {
            RedisScripts.DELETE_CONVERSATION.run(r, List.of(RedisKeys.conversation(siteId, id),
                    RedisKeys.messages(siteId, id), RedisKeys.conversationClients(siteId, id), RedisKeys.siteClients(siteId),
                    RedisKeys.rating(siteId, id), RedisKeys.conversations(siteId),
                    RedisKeys.visitorConversations(siteId, c.visitorId()), RedisKeys.queue(siteId),
                    RedisKeys.assigned(siteId), RedisKeys.closed(siteId), RedisKeys.ratings(siteId),
                    RedisKeys.openSlot(siteId, c.visitorId(), c.channel())), List.of(id));
            r.del(RedisKeys.conversationSite(id));
        });
        siteOfConversation.remove(id);
        forgetOpenCopy(c);
    }

    @Override
    public void eraseVisitor(String siteId, String visitorId) {
        eraseOutcomes(siteId, visitorId); // first: it reads the visitor's purchases and identity links
        for (Conversation c : conversationsOfVisitor(siteId, visitorId)) {
            deleteConversation(c);
        }
        run("erase visitor", r -> {
            eraseCustomerTraces(r, siteId, visitorId);
            for (String userId : r.smembers(RedisKeys.visitorUsers(siteId, visitorId))) {
                RedisScripts.DELETE_IF.run(r, List.of(RedisKeys.user(siteId, userId)), List.of(visitorId));
            }
            for (String name : List.of(EVENTS, LEADS, BOT_TURNS)) {
                String own = RedisKeys.visitorTimeline(siteId, name, visitorId);
                List<String> members = r.zrange(own, 0, -1);
                if (!members.isEmpty()) {
                    r.zrem(RedisKeys.timeline(siteId, name), members.toArray(String[]::new));
                }
                r.del(own);
            }
            r.del(RedisKeys.visitorUsers(siteId, visitorId), RedisKeys.visitorConversations(siteId, visitorId),
                    RedisKeys.visitor(siteId, visitorId));
        });
        // Ratings the visitor gave went with their conversations.
    }

    @Override
    public int purge(String siteId, Instant cutoff) {
        String before = "(" + score(cutoff);
        List<String> ids = call("purge", r -> r.zrangeByScore(RedisKeys.closed(siteId), "-inf", before));
        int gone = 0;
        for (Conversation c : readAll(siteId, ids)) {
            if (c.state() == ConversationState.CLOSED && c.closedAt() != null && c.closedAt().isBefore(cutoff)) {
                deleteConversation(c);
                gone++;
            }
        }
        run("purge", r -> {
            purgeTimeline(r, siteId, EVENTS, VisitorEvent.class, VisitorEvent::visitorId, before);
            purgeTimeline(r, siteId, LEADS, Lead.class, Lead::visitorId, before);
            purgeTimeline(r, siteId, BOT_TURNS, BotTurnRecord.class, BotTurnRecord::visitorId, before);
            purgeTimeline(r, siteId, CONSENT, ConsentRecord.class, ConsentRecord::visitorId, before);
            List<String> rated = r.zrangeByScore(RedisKeys.ratings(siteId), "-inf", before);
            for (String id : rated) {
                r.del(RedisKeys.rating(siteId, id));
            }
            r.zremrangeByScore(RedisKeys.ratings(siteId), "-inf", before);
        });
        purgeOutcomes(siteId, before);
        return gone;
    }

    private static <T> void purgeTimeline(UnifiedJedis r, String siteId, String name, Class<T> type,
                                          Function<T, String> visitorOf, String before) {
        String key = RedisKeys.timeline(siteId, name);
        for (String member : r.zrangeByScore(key, "-inf", before)) {
            String visitorId = visitorOf.apply(parse(member.substring(member.indexOf(' ') + 1), type));
            if (visitorId != null) {
                r.zrem(RedisKeys.visitorTimeline(siteId, name, visitorId), member);
            }
        }
        r.zremrangeByScore(key, "-inf", before);
    }

    @Override
    public void close() {
        try {
            redis.close();
        } catch (RuntimeException e) {
            log.debug("Closing the Redis pool", e);
        }
    }

    // ---- conversational marketing ---------------------------------------------------------------------------------

    @Override
    public boolean claimProactive(String siteId, String visitorId, Instant now, Instant until) {
        // SET NX with an absolute expiry: one claim per visitor at a time, whichever node asks. Run once only: a
        // retried SET after a lost reply would read as "already claimed", which just shows nothing (safe side).
        long expiresAt = Math.max(until.toEpochMilli(), now.toEpochMilli() + 1);
        return callOnce("claim proactive", r -> "OK".equals(r.set(RedisKeys.proactiveClaim(siteId, visitorId), "1",
                SetParams.setParams().nx().pxAt(expiresAt))));
    }

    @Override
    public void countVariant(String siteId, String scenarioId, String variant, String stat) {
        callOnce("count variant", r -> r.hincrBy(RedisKeys.variantCounts(siteId, scenarioId), variant + ":" + stat, 1));
    }

    @Override
    public Map<String, Long> variantCounts(String siteId, String scenarioId) {
        return call("variant counts", r -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            r.hgetAll(RedisKeys.variantCounts(siteId, scenarioId)).forEach((k, v) -> counts.put(k, Long.parseLong(v)));
            return counts;
        });
    }

    // ---- customers and consent records (docs/customers.md) -------------------------------------------------------

    private static final String CONSENT = "consent";

    @Override
    public boolean addCustomerVisitor(String siteId, String userId, String visitorId) {
        return 1L == (Long) call("add customer visitor", r -> RedisScripts.ADD_CUSTOMER_VISITOR.run(r,
                List.of(RedisKeys.visitorCustomer(siteId, visitorId), RedisKeys.customerVisitors(siteId, userId)),
                List.of(userId, visitorId)));
    }

    @Override
    public List<String> customerVisitors(String siteId, String userId) {
        return call("customer visitors", r -> {
            java.util.TreeSet<String> all = new java.util.TreeSet<>(r.smembers(RedisKeys.customerVisitors(siteId, userId)));
            // A binding made before customers had a visitor set still counts.
            String bound = r.get(RedisKeys.user(siteId, userId));
            if (bound != null) {
                all.add(bound);
            }
            return List.copyOf(all);
        });
    }

    @Override
    public Optional<String> customerOfVisitor(String siteId, String visitorId) {
        return Optional.ofNullable(call("customer of visitor", r -> {
            String owner = r.get(RedisKeys.visitorCustomer(siteId, visitorId));
            if (owner != null) {
                return owner;
            }
            return r.smembers(RedisKeys.visitorUsers(siteId, visitorId)).stream().sorted().findFirst().orElse(null);
        }));
    }

    private static String linkField(String channel, String externalId) {
        return channel + ":" + externalId;
    }

    @Override
    public ChannelLink.Outcome linkChannel(ChannelLink link) {
        String outcome = (String) call("link channel", r -> RedisScripts.LINK_CHANNEL.run(r,
                List.of(RedisKeys.visitorCustomer(link.siteId(), link.visitorId()),
                        RedisKeys.customerVisitors(link.siteId(), link.userId()),
                        RedisKeys.customerLinks(link.siteId(), link.userId())),
                List.of(link.userId(), link.visitorId(), linkField(link.channel(), link.externalId()), json(link))));
        return switch (outcome) {
            case "taken" -> ChannelLink.Outcome.TAKEN;
            case "already" -> ChannelLink.Outcome.ALREADY_LINKED;
            default -> ChannelLink.Outcome.LINKED;
        };
    }

    @Override
    public boolean unlinkChannel(String siteId, String userId, String channel, String externalId) {
        String field = linkField(channel, externalId);
        String json = call("read channel link", r -> r.hget(RedisKeys.customerLinks(siteId, userId), field));
        if (json == null) {
            return false;
        }
        String visitorId = parse(json, ChannelLink.class).visitorId();
        return 1L == (Long) call("unlink channel", r -> RedisScripts.UNLINK_CHANNEL.run(r,
                List.of(RedisKeys.visitorCustomer(siteId, visitorId), RedisKeys.customerVisitors(siteId, userId),
                        RedisKeys.customerLinks(siteId, userId)),
                List.of(userId, visitorId, field)));
    }

    @Override
    public List<ChannelLink> channelLinks(String siteId, String userId) {
        return call("channel links", r -> r.hvals(RedisKeys.customerLinks(siteId, userId))).stream()
                .map(v -> parse(v, ChannelLink.class))
                .sorted(Comparator.comparing(ChannelLink::linkedAt).thenComparing(ChannelLink::externalId))
                .toList();
    }

    @Override
    public void forgetCustomer(String siteId, String userId) {
        run("forget customer", r -> {
            java.util.Set<String> members = new java.util.HashSet<>(r.smembers(RedisKeys.customerVisitors(siteId, userId)));
            String bound = r.get(RedisKeys.user(siteId, userId));
            if (bound != null) {
                members.add(bound);
            }
            for (String visitorId : members) {
                RedisScripts.DELETE_IF.run(r, List.of(RedisKeys.visitorCustomer(siteId, visitorId)), List.of(userId));
                r.srem(RedisKeys.visitorUsers(siteId, visitorId), userId);
            }
            for (String link : r.hvals(RedisKeys.customerLinks(siteId, userId))) {
                RedisScripts.DELETE_IF.run(r, List.of(RedisKeys.visitorCustomer(siteId,
                        parse(link, ChannelLink.class).visitorId())), List.of(userId));
            }
            r.del(RedisKeys.customerVisitors(siteId, userId), RedisKeys.customerLinks(siteId, userId),
                    RedisKeys.user(siteId, userId));
        });
    }

    /** The visitor leaves its customer's profile (set, lookup, channel links to it); its consent records go. */
    private static void eraseCustomerTraces(UnifiedJedis r, String siteId, String visitorId) {
        java.util.Set<String> owners = new java.util.HashSet<>(r.smembers(RedisKeys.visitorUsers(siteId, visitorId)));
        String owner = r.get(RedisKeys.visitorCustomer(siteId, visitorId));
        if (owner != null) {
            owners.add(owner);
        }
        for (String userId : owners) {
            r.srem(RedisKeys.customerVisitors(siteId, userId), visitorId);
            String links = RedisKeys.customerLinks(siteId, userId);
            r.hgetAll(links).forEach((field, link) -> {
                if (parse(link, ChannelLink.class).visitorId().equals(visitorId)) {
                    r.hdel(links, field);
                }
            });
        }
        r.del(RedisKeys.visitorCustomer(siteId, visitorId));
        String own = RedisKeys.visitorTimeline(siteId, CONSENT, visitorId);
        List<String> members = r.zrange(own, 0, -1);
        if (!members.isEmpty()) {
            r.zrem(RedisKeys.timeline(siteId, CONSENT), members.toArray(String[]::new));
        }
        r.del(own);
    }

    @Override
    public boolean saveConsent(ConsentRecord record, boolean onlyIfChanged) {
        String member = UUID.randomUUID() + " " + json(record);
        return 1L == (Long) callOnce("save consent", r -> RedisScripts.SAVE_CONSENT.run(r,
                List.of(RedisKeys.timeline(record.siteId(), CONSENT),
                        RedisKeys.visitorTimeline(record.siteId(), CONSENT, record.visitorId())),
                List.of(score(record.ts()), member, record.purpose(), Boolean.toString(record.granted()),
                        onlyIfChanged ? "1" : "0", Integer.toString(ConsentRecord.MAX_PER_VISITOR))));
    }

    @Override
    public List<ConsentRecord> consentHistory(String siteId, String visitorId) {
        return entries(call("consent history", r -> r.zrange(RedisKeys.visitorTimeline(siteId, CONSENT, visitorId), 0, -1)),
                ConsentRecord.class);
    }

    // ---- outcomes: conversions, A/B exposures, NPS ------------------------------------------------------------------

    private static final String EXPOSURES = "exposures";
    private static final String NPS = "nps";

    @Override
    public boolean savePurchase(VisitorEvent purchase, String orderId) {
        String siteId = purchase.siteId();
        String member = UUID.randomUUID() + " " + json(purchase);
        // Once only: after a lost reply a retry would find its own claim and say "already stored" (the safe side).
        Object stored = callOnce("save purchase", r -> RedisScripts.SAVE_PURCHASE.run(r,
                List.of(RedisKeys.orders(siteId), RedisKeys.timeline(siteId, EVENTS),
                        RedisKeys.visitorTimeline(siteId, EVENTS, purchase.visitorId())),
                List.of(TimelineStore.orderClaim(purchase.visitorId(), orderId), score(purchase.ts()), member)));
        return Long.valueOf(1).equals(stored);
    }

    @Override
    public void saveExposure(Exposure exposure) {
        addToTimeline(exposure.siteId(), EXPOSURES, exposure.visitorId(), exposure.ts(), exposure);
    }

    @Override
    public List<Exposure> exposures(String siteId, String visitorId) {
        return entries(call("read exposures", r -> r.zrange(RedisKeys.visitorTimeline(siteId, EXPOSURES, visitorId), 0, -1)),
                Exposure.class);
    }

    @Override
    public void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount) {
        callOnce("add to variant", r -> r.hincrBy(RedisKeys.variantCounts(siteId, scenarioId), variant + ":" + stat, amount));
    }

    @Override
    public boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now,
                               Instant until) {
        long ttl = Math.max(1, until.toEpochMilli() - now.toEpochMilli());
        Object claimed = callOnce("claim nps", r -> RedisScripts.NPS_CLAIM.run(r, List.of(RedisKeys.npsAsk(siteId, customerKey)),
                List.of(Long.toString(now.toEpochMilli()), Long.toString(until.toEpochMilli()), conversationId, visitorId,
                        Long.toString(ttl))));
        return Long.valueOf(1).equals(claimed);
    }

    @Override
    public Optional<String> pendingNps(String siteId, String customerKey, Instant now) {
        List<String> f = call("pending nps", r -> r.hmget(RedisKeys.npsAsk(siteId, customerKey), "until", "answered", "conversation"));
        if (f.get(0) == null || Long.parseLong(f.get(0)) <= now.toEpochMilli() || !"0".equals(f.get(1))) {
            return Optional.empty();
        }
        return Optional.ofNullable(f.get(2));
    }

    @Override
    public boolean saveNpsAnswer(NpsAnswer answer, String customerKey) {
        String siteId = answer.siteId();
        String member = UUID.randomUUID() + " " + json(answer);
        Object saved = callOnce("save nps", r -> RedisScripts.NPS_ANSWER.run(r,
                List.of(RedisKeys.npsAsk(siteId, customerKey), RedisKeys.timeline(siteId, NPS),
                        RedisKeys.visitorTimeline(siteId, NPS, answer.visitorId())),
                List.of(Long.toString(answer.ts().toEpochMilli()), score(answer.ts()), member)));
        return Long.valueOf(1).equals(saved);
    }

    @Override
    public List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to) {
        return timeline(siteId, NPS, from, to, NpsAnswer.class);
    }

    private void eraseOutcomes(String siteId, String visitorId) {
        List<String> orderIds = events(siteId, visitorId).stream()
                .filter(e -> e.name().equals("purchase") && e.data() != null && e.data().path("orderId").isTextual())
                .map(e -> TimelineStore.orderClaim(visitorId, e.data().path("orderId").asText())).toList();
        run("erase outcomes", r -> {
            if (!orderIds.isEmpty()) {
                r.zrem(RedisKeys.orders(siteId), orderIds.toArray(String[]::new));
            }
            List<String> asks = new ArrayList<>();
            asks.add(RedisKeys.npsAsk(siteId, "v:" + visitorId));
            for (String userId : r.smembers(RedisKeys.visitorUsers(siteId, visitorId))) {
                asks.add(RedisKeys.npsAsk(siteId, "u:" + userId));
            }
            for (String ask : asks) {
                if (visitorId.equals(r.hget(ask, "visitor"))) {
                    r.del(ask);
                }
            }
            for (String name : List.of(EXPOSURES, NPS)) {
                String own = RedisKeys.visitorTimeline(siteId, name, visitorId);
                List<String> members = r.zrange(own, 0, -1);
                if (!members.isEmpty()) {
                    r.zrem(RedisKeys.timeline(siteId, name), members.toArray(String[]::new));
                }
                r.del(own);
            }
        });
    }

    /** NPS asks need no purge: each key expires with its period. */
    private void purgeOutcomes(String siteId, String before) {
        run("purge outcomes", r -> {
            r.zremrangeByScore(RedisKeys.orders(siteId), "-inf", before);
            purgeTimeline(r, siteId, EXPOSURES, Exposure.class, Exposure::visitorId, before);
            purgeTimeline(r, siteId, NPS, NpsAnswer.class, NpsAnswer::visitorId, before);
        });
    }

    // ---- the hot path of a visitor message and the bot's turn: one round trip each (docs/performance.md) ------------

    @Override
    public Optional<OpenAppend> appendToOpen(String siteId, String visitorId, String channel, MessageDraft draft) {
        MessageDoc doc = new MessageDoc(UUID.randomUUID().toString(), draft.from(), draft.clientId(), draft.text(),
                draft.payload(), draft.quickReplies(), draft.cards(), draft.internal(), draft.ts());
        String slot = RedisKeys.openSlot(siteId, visitorId, channel);
        VersionedConversation held = openCopies.get(slot);
        List<byte[]> keys = List.of(utf8(slot), utf8(RedisKeys.siteClients(siteId)));
        List<byte[]> args = List.of(utf8(draft.clientId() == null ? "" : clientKey(draft.from(), draft.clientId())),
                jsonBytes(doc), utf8(draft.ts().toString()), utf8(RedisKeys.conversationPrefix(siteId)),
                utf8(held == null ? "" : held.id()), utf8(held == null ? "" : Long.toString(held.version())));
        // Once: a lost reply may hide a stored message, and only a clientId makes a second try safe; the caller then
        // reports the store unavailable and the client resends with the same clientId.
        List<?> result = (List<?>) callOnce("append to open",
                r -> writeBinary(r, "append to open", RedisScripts.APPEND_TO_OPEN, keys, args));
        long status = (Long) result.get(0);
        if (status == -1) {
            // Closed or erased (maybe by another node): whatever this node held for the slot is of no more use.
            openCopies.remove(slot);
            return Optional.empty();
        }
        String conversationId = text(result.get(1));
        long seq = (Long) result.get(2);
        remember(conversationId, siteId);
        if (status == 0) {
            awaitReplicas(siteId);
            MessageDoc original = parse((byte[]) result.get(3), MessageDoc.class);
            return Optional.of(new OpenAppend(original.toMessage(conversationId, seq), true, null));
        }
        byte[] body = (byte[]) result.get(3);
        long version = Long.parseLong(text(result.get(4)));
        // An empty doc: Redis has the very version this node holds (each write of doc bumps ver), so no need to parse.
        Conversation conversation = (body.length == 0 ? held.conversation() : parse(body, Conversation.class))
                .withLastSeq(seq, draft.ts());
        VersionedConversation current = new VersionedConversation(conversation, version);
        keepOpenCopy(current);
        return Optional.of(new OpenAppend(doc.toMessage(conversationId, seq), false, current));
    }

    /**
     * The open conversations this node last read or wrote, by open slot, with their version: appendToOpen then gets
     * the conversation's JSON from Redis (and parses it) only when its version moved. A copy missing or stale costs a
     * parse, never a wrong answer (the version is checked in Redis), as long as versions only go up: see
     * {@link #forgetOpenCopies}. Least recently used first out, so the visitors chatting now keep theirs; one lock
     * (each call holds it for a map operation) is cheap next to the Redis round trip beside it.
     */
    private final Map<String, VersionedConversation> openCopies = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, VersionedConversation> eldest) {
                    return size() > OPEN_COPIES_LIMIT;
                }
            });
    /** About 1 KiB each: at most ~10 MiB of heap (chatting visitors of this node). */
    static final int OPEN_COPIES_LIMIT = 10_000;

    private void keepOpenCopy(VersionedConversation copy) {
        Conversation c = copy.conversation();
        if (!c.state().isOpen()) {
            forgetOpenCopy(c);
            return;
        }
        openCopies.put(RedisKeys.openSlot(c.siteId(), c.visitorId(), c.channel()), copy);
    }

    /** Drops the copy of that conversation; the slot may hold the visitor's newer conversation, which stays. */
    private void forgetOpenCopy(Conversation c) {
        openCopies.computeIfPresent(RedisKeys.openSlot(c.siteId(), c.visitorId(), c.channel()),
                (slot, held) -> held.id().equals(c.id()) ? null : held);
    }

    /**
     * A connection failed: Redis may have restarted and, without persistence of every write, come back with older
     * conversations whose ver then climbs again to numbers this node holds for other docs. A copy is trusted only
     * while the connection it was read on never failed.
     */
    private void forgetOpenCopies() {
        openCopies.clear();
    }

    /** How many open conversations this node holds a copy of (what its memory for them grows with). */
    public int openCopyCount() {
        return openCopies.size();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(Object reply) {
        return reply == null ? null : new String((byte[]) reply, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] jsonBytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T parse(byte[] json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in Redis", e);
        }
    }

    @Override
    public Optional<VersionedConversation> updateIf(VersionedConversation known, Predicate<Conversation> expected,
                                                    UnaryOperator<Conversation> change) {
        String siteId = known.conversation().siteId();
        if (expected.test(known.conversation())) {
            Conversation changed = change.apply(known.conversation());
            Conversation updated = changed.withLastSeq(known.conversation().lastSeq(), changed.updatedAt());
            long outcome = commitUpdate(siteId, known.id(), Long.toString(known.version()), updated);
            if (outcome == 1) {
                VersionedConversation committed = new VersionedConversation(updated, known.version() + 1);
                keepOpenCopy(committed);
                return Optional.of(committed);
            }
            if (outcome == -1) {
                return Optional.empty();
            }
        }
        // Changed since the caller read it (or the condition failed on that copy): decide on the conversation as it is.
        return updateByReading(siteId, known.id(), expected, change);
    }

    @Override
    public Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change,
                                           List<MessageDraft> messages, BotTurnRecord turn) {
        if (messages.size() > MAX_BOT_MESSAGES_PER_TURN) {
            // Checked before the call: the script appends whatever it is given, in one step nothing else can run in.
            throw new IllegalArgumentException("a bot turn sends at most " + MAX_BOT_MESSAGES_PER_TURN + " messages, not "
                    + messages.size());
        }
        ConversationStore.requireBotTurnState(known);
        byte[] expectedState = utf8(known.conversation().state().name());
        String siteId = known.conversation().siteId();
        String conversationId = known.id();
        List<MessageDoc> docs = new ArrayList<>(messages.size());
        for (MessageDraft draft : messages) {
            if (draft.clientId() != null) {
                throw new IllegalArgumentException("a bot turn's messages carry no clientId");
            }
            docs.add(new MessageDoc(UUID.randomUUID().toString(), draft.from(), null, draft.text(), draft.payload(),
                    draft.quickReplies(), draft.cards(), draft.internal(), draft.ts()));
        }
        byte[] member = utf8(UUID.randomUUID() + " " + json(turn));
        String siteTimeline = RedisKeys.timeline(siteId, BOT_TURNS);
        Instant lastTs = messages.isEmpty() ? null : messages.get(messages.size() - 1).ts();
        List<byte[]> bodies = new ArrayList<>(docs.size());
        for (MessageDoc doc : docs) {
            bodies.add(jsonBytes(doc));
        }
        byte[] turnScore = utf8(score(turn.ts()));
        Conversation base = known.conversation();
        String version = Long.toString(known.version());
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Conversation changed = change.apply(base);
            Conversation updated = changed.withLastSeq(base.lastSeq(), changed.updatedAt());
            List<byte[]> keys = List.of(utf8(RedisKeys.conversation(siteId, conversationId)),
                    utf8(RedisKeys.messages(siteId, conversationId)), utf8(RedisKeys.queue(siteId)),
                    utf8(RedisKeys.assigned(siteId)), utf8(RedisKeys.closed(siteId)),
                    utf8(RedisKeys.openSlot(siteId, updated.visitorId(), updated.channel())), utf8(siteTimeline),
                    utf8(turn.visitorId() == null ? siteTimeline : RedisKeys.visitorTimeline(siteId, BOT_TURNS, turn.visitorId())));
            List<byte[]> args = new ArrayList<>(11 + bodies.size());
            args.addAll(List.of(utf8(version), jsonBytes(updated), utf8(updated.updatedAt().toString()),
                    utf8(updated.state().name()), utf8(score(updated.queuedAt())), utf8(score(updated.closedAt())),
                    utf8(conversationId), turnScore, member, utf8((lastTs == null ? updated.updatedAt() : lastTs).toString()),
                    expectedState));
            args.addAll(bodies);
            // Once: the script writes messages without clientIds, which a blind second try would store twice.
            List<?> result = (List<?>) callOnce("save bot turn",
                    r -> writeBinary(r, "save bot turn", RedisScripts.BOT_TURN, keys, args));
            long status = (Long) result.get(0);
            if (status == -1) {
                return Optional.empty();
            }
            if (status == 1) {
                List<StoredMessage> stored = new ArrayList<>(docs.size());
                long lastSeq = updated.lastSeq();
                for (int i = 0; i < docs.size(); i++) {
                    lastSeq = (Long) result.get(2 + i);
                    stored.add(docs.get(i).toMessage(conversationId, lastSeq));
                }
                Conversation after = docs.isEmpty() ? updated : updated.withLastSeq(lastSeq, lastTs);
                VersionedConversation saved = new VersionedConversation(after, (Long) result.get(1));
                keepOpenCopy(saved);
                return Optional.of(new SavedTurn(saved, stored));
            }
            // Changed since the lane read it: the script sent the conversation as it is; apply the change to that.
            List<String> row = new ArrayList<>(4);
            for (int i = 2; i < 5; i++) {
                String field = text(result.get(i));
                row.add(field == null || field.isEmpty() ? null : field);
            }
            row.add(text(result.get(1)));
            Optional<Snapshot> current = snapshot(row);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            if (status == 2) {
                // No longer the bot's (staff took or closed it): only the record was written, no answer goes out.
                VersionedConversation now = new VersionedConversation(current.get().conversation(),
                        Long.parseLong(current.get().version()));
                keepOpenCopy(now);
                return Optional.of(new SavedTurn(now, List.of()));
            }
            base = current.get().conversation();
            version = current.get().version();
        }
        throw new StoreUnavailableException("redis bot turn: too much contention on conversation " + conversationId);
    }
}
