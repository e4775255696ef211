package org.causette.server.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.causette.server.store.MailContact;
import org.causette.server.store.MailStore;
import org.causette.server.store.ReplyMail;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.wire.Json;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ZAddParams;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link MailStore} in Redis, on the Redis store's pooled client, so every node sees the same addresses, presence and
 * owed emails. Addresses and presence are per site (the site's hash tag); the owed emails span every site (any node
 * sends any site's email) and share the {@code {mail}} tag, so each script's keys are in one slot. Atomic steps are
 * the {@code mail-*.lua} scripts.
 */
public final class RedisMailStore implements MailStore {
    /** A day's count outlives its day (UTC days start at different local times), then goes on its own. */
    private static final Duration DAY_COUNTER_LIFETIME = Duration.ofDays(3);
    private static final LuaScript SCHEDULE = LuaScript.load("mail-schedule.lua");
    private static final LuaScript CLAIM = LuaScript.load("mail-claim.lua");
    private static final LuaScript SAVE = LuaScript.load("mail-save.lua");
    private static final LuaScript DROP = LuaScript.load("mail-drop.lua");
    private static final LuaScript SENT = LuaScript.load("mail-sent.lua");

    private final UnifiedJedis redis;

    /** The fixed fields of an owed email, as kept; its latest seq and due time live beside it (the scripts move them). */
    record Owed(String siteId, String conversationId, String visitorId, int attempts, String lastError) {
    }

    public RedisMailStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    // ---- keys ----------------------------------------------------------------------------------------------------

    private static String contacts(String siteId) {
        return RedisKeys.site(siteId) + "mail:contacts";
    }

    private static String seen(String siteId) {
        return RedisKeys.site(siteId) + "mail:seen";
    }

    private static final String MAIL = RedisKeys.PREFIX + "{mail}:";
    private static final String DUE = MAIL + "due";
    private static final String ITEMS = MAIL + "items";
    private static final String LATEST = MAIL + "latest";
    private static final String MAILED = MAIL + "mailed";

    private static String day(String siteId, LocalDate day) {
        return MAIL + "day:" + siteId + ":" + day;
    }

    private static List<String> owedKeys() {
        return List.of(DUE, ITEMS, LATEST);
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private <T> T call(String what, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(redis);
        } catch (JedisException e) {
            throw new StoreUnavailableException("redis " + what + ": " + e.getMessage(), e);
        }
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

    private static String micros(Instant t) {
        return Long.toString((long) RedisStore.micros(t));
    }

    private static Instant fromMicros(double micros) {
        long whole = (long) micros;
        return Instant.ofEpochSecond(Math.floorDiv(whole, 1_000_000L), Math.floorMod(whole, 1_000_000L) * 1_000L);
    }

    private static String owedJson(ReplyMail mail) {
        return json(new Owed(mail.siteId(), mail.conversationId(), mail.visitorId(), mail.attempts(), mail.lastError()));
    }

    // ---- contacts and presence -----------------------------------------------------------------------------------

    @Override
    public void saveMailContact(MailContact contact) {
        call("save mail contact", r -> r.hset(contacts(contact.siteId()), contact.visitorId(), json(contact)));
    }

    @Override
    public Optional<MailContact> mailContact(String siteId, String visitorId) {
        return Optional.ofNullable(call("mail contact", r -> r.hget(contacts(siteId), visitorId)))
                .map(text -> parse(text, MailContact.class));
    }

    @Override
    public void deleteMailContact(String siteId, String visitorId) {
        call("delete mail contact", r -> {
            r.hdel(contacts(siteId), visitorId);
            return r.zrem(seen(siteId), visitorId);
        });
    }

    @Override
    public void visitorsSeen(String siteId, Collection<String> visitorIds, Instant at) {
        if (visitorIds.isEmpty()) {
            return;
        }
        double score = RedisStore.micros(at);
        Map<String, Double> members = new HashMap<>();
        for (String visitorId : visitorIds) {
            members.put(visitorId, score);
        }
        // GT: a node whose clock is a little behind never moves a shopper's presence back.
        call("visitors seen", r -> r.zadd(seen(siteId), members, ZAddParams.zAddParams().gt()));
    }

    @Override
    public int forgetPresenceBefore(String siteId, Instant before) {
        // Exclusive bound: a presence written at exactly {@code before} is kept, as in the memory store.
        return call("forget presence", r -> r.zremrangeByScore(seen(siteId), "-inf", "(" + micros(before))).intValue();
    }

    @Override
    public Optional<Instant> visitorLastSeen(String siteId, String visitorId) {
        return Optional.ofNullable(call("visitor last seen", r -> r.zscore(seen(siteId), visitorId)))
                .map(RedisMailStore::fromMicros);
    }

    // ---- owed emails ---------------------------------------------------------------------------------------------

    @Override
    public void scheduleReplyMail(ReplyMail mail) {
        call("schedule reply mail", r -> SCHEDULE.run(r, owedKeys(), List.of(mail.conversationId(), owedJson(mail),
                Long.toString(mail.latestSeq()), micros(mail.dueAt()))));
    }

    @Override
    public List<ReplyMail> claimReplyMails(Instant now, Instant leaseUntil, int limit) {
        // Taking is not repeated on a failed connection: a claim whose reply was lost just waits for its lease.
        Object claimed = call("claim reply mails", r -> CLAIM.run(r, owedKeys(),
                List.of(micros(now), micros(leaseUntil), Integer.toString(limit))));
        List<?> flat = (List<?>) claimed;
        List<ReplyMail> out = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            Owed owed = parse((String) flat.get(i), Owed.class);
            out.add(new ReplyMail(owed.siteId(), owed.conversationId(), owed.visitorId(),
                    Long.parseLong((String) flat.get(i + 1)), leaseUntil,
                    owed.attempts(), owed.lastError()));
        }
        return out;
    }

    @Override
    public void saveReplyMail(ReplyMail mail) {
        call("save reply mail", r -> SAVE.run(r, owedKeys(), List.of(mail.conversationId(), owedJson(mail),
                Long.toString(mail.latestSeq()), micros(mail.dueAt()))));
    }

    @Override
    public boolean dropReplyMail(String conversationId, long upToSeq) {
        Object dropped = call("drop reply mail", r -> DROP.run(r, owedKeys(), List.of(conversationId, Long.toString(upToSeq))));
        return Long.valueOf(1).equals(dropped);
    }

    @Override
    public void replyMailSent(String siteId, String conversationId, long upToSeq, LocalDate day, Instant now) {
        call("reply mail sent", r -> SENT.run(r, List.of(DUE, ITEMS, LATEST, MAILED, day(siteId, day)),
                List.of(conversationId, Long.toString(upToSeq), micros(now),
                        Long.toString(DAY_COUNTER_LIFETIME.toSeconds()))));
    }

    @Override
    public MailedState mailed(String conversationId) {
        String held = call("mailed", r -> r.hget(MAILED, conversationId));
        if (held == null) {
            return MailedState.NONE;
        }
        int colon = held.indexOf(':');
        return new MailedState(Long.parseLong(held.substring(0, colon)), Integer.parseInt(held.substring(colon + 1)));
    }

    @Override
    public int mailsSentOn(String siteId, LocalDate day) {
        String count = call("mails sent on", r -> r.get(day(siteId, day)));
        return count == null ? 0 : Integer.parseInt(count);
    }

    @Override
    public int pendingReplyMails(String siteId) {
        // Owed emails are few (each is sent within minutes or given up): reading them all is bounded in practice.
        List<String> items = call("pending reply mails", r -> r.hvals(ITEMS));
        int count = 0;
        for (String item : items) {
            if (parse(item, Owed.class).siteId().equals(siteId)) {
                count++;
            }
        }
        return count;
    }
}
