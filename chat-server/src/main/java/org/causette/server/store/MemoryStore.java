package org.causette.server.store;

import org.causette.server.config.Lesson;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded store: everything in this process's memory, gone on restart. Good for a trial and for tests;
 * a shop in production uses the Redis store.
 *
 * <p>Each conversation's messages and state sit behind that conversation's own monitor, so work on different
 * conversations never contends. Listings scan everything: fine for a trial's size, not meant for millions.
 */
public final class MemoryStore implements Store {
    private final byte[] serverSecret = new byte[32];
    private final Map<String, Visitor> visitors = new ConcurrentHashMap<>();
    private final Map<String, String> visitorByUser = new ConcurrentHashMap<>();
    private final Map<String, ConversationRecord> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> openConversationByVisitor = new ConcurrentHashMap<>();
    /** Append-only logs: O(1) appends from every lane at once (a copy-on-write list would copy them whole each time). */
    private final Queue<VisitorEvent> events = new ConcurrentLinkedQueue<>();
    private final Map<String, Rating> ratings = new ConcurrentHashMap<>();
    private final Map<String, StaffLogin> staffSessions = new ConcurrentHashMap<>();
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();
    private final Queue<Lead> leads = new ConcurrentLinkedQueue<>();
    private final Queue<BotTurnRecord> botTurns = new ConcurrentLinkedQueue<>();
    private final Queue<Lesson> lessons = new ConcurrentLinkedQueue<>();
    private final Map<String, AnswerMark> answerMarks = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Idempotency: (site, author, clientId) → the message stored for it. */
    private final Map<String, StoredMessage> byClientKey = new ConcurrentHashMap<>();
    /** The CRM webhook outbox by delivery id; claims are synchronized on the map. */
    private final Map<String, WebhookDelivery> webhookOutbox = new java.util.LinkedHashMap<>();

    public MemoryStore() {
        new SecureRandom().nextBytes(serverSecret);
    }

    /** A conversation with its messages; the record itself is the lock. */
    private static final class ConversationRecord {
        Conversation conversation;
        /** Bumped by every update, not by appends: what {@link VersionedConversation} carries. */
        long version;
        final List<StoredMessage> messages = new ArrayList<>();
        /**
         * Set under this monitor when the conversation is erased or purged: a writer that found the record before it
         * left the map must not write to it (nor leave a bot-turn record behind the erasure).
         */
        boolean deleted;

        ConversationRecord(Conversation conversation) {
            this.conversation = conversation;
        }

        synchronized Conversation get() {
            return conversation;
        }
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    private Stream<Conversation> all() {
        return conversations.values().stream().map(ConversationRecord::get);
    }

    @Override
    public void ping() {
        // Always reachable: it is this process.
    }

    @Override
    public byte[] serverSecret() {
        return serverSecret.clone();
    }

    @Override
    public Optional<Visitor> findVisitor(String siteId, String visitorId) {
        return Optional.ofNullable(visitors.get(key(siteId, visitorId)));
    }

    @Override
    public void saveVisitor(Visitor visitor) {
        visitors.put(key(visitor.siteId(), visitor.id()), visitor);
    }

    @Override
    public String linkUser(String siteId, String userId, String visitorId) {
        String existing = visitorByUser.putIfAbsent(key(siteId, userId), visitorId);
        if (existing == null) {
            addCustomerVisitor(siteId, userId, visitorId);
        }
        return existing != null ? existing : visitorId;
    }

    @Override
    public Optional<Conversation> findConversation(String conversationId) {
        ConversationRecord record = conversations.get(conversationId);
        return record == null ? Optional.empty() : Optional.of(record.get());
    }

    @Override
    public Optional<Conversation> findOpenConversation(String siteId, String visitorId, String channel) {
        String id = openConversationByVisitor.get(key(siteId, visitorId, channel));
        return id == null ? Optional.empty() : findConversation(id).filter(c -> c.state().isOpen());
    }

    @Override
    public Conversation openConversation(Conversation candidate) {
        String openKey = key(candidate.siteId(), candidate.visitorId(), candidate.channel());
        String winner = openConversationByVisitor.compute(openKey, (k, current) -> {
            if (current != null && findConversation(current).map(c -> c.state().isOpen()).orElse(false)) {
                return current;
            }
            conversations.put(candidate.id(), new ConversationRecord(candidate));
            return candidate.id();
        });
        return conversations.get(winner).get();
    }

    @Override
    public Optional<Conversation> updateIf(String conversationId, Predicate<Conversation> expected,
                                           UnaryOperator<Conversation> change) {
        return updateRecord(conversationId, expected, change).map(VersionedConversation::conversation);
    }

    @Override
    public AppendResult append(String conversationId, MessageDraft draft) {
        ConversationRecord record = conversations.get(conversationId);
        if (record == null) {
            throw new IllegalArgumentException("no conversation " + conversationId);
        }
        synchronized (record) {
            return appendLocked(record, conversationId, draft);
        }
    }

    /** Append with idempotency; the caller holds the record's monitor. */
    private AppendResult appendLocked(ConversationRecord record, String conversationId, MessageDraft draft) {
        String clientKey = draft.clientId() == null ? null
                : clientKey(record.conversation.siteId(), draft.from(), draft.clientId());
        if (clientKey != null) {
            StoredMessage earlier = byClientKey.get(clientKey);
            if (earlier != null) {
                return new AppendResult(earlier, true);
            }
        }
        long seq = record.conversation.lastSeq() + 1;
        StoredMessage message = StoredMessage.of(UUID.randomUUID().toString(), conversationId, seq, draft);
        record.messages.add(message);
        if (clientKey != null) {
            byClientKey.put(clientKey, message);
        }
        record.conversation = record.conversation.withLastSeq(seq, draft.ts());
        return new AppendResult(message, false);
    }

    private static String clientKey(String siteId, Author author, String clientId) {
        return key(siteId, author.role().name(), String.valueOf(author.id()), clientId);
    }

    @Override
    public Optional<StoredMessage> findByClientId(String siteId, Author author, String clientId) {
        return Optional.ofNullable(byClientKey.get(clientKey(siteId, author, clientId)));
    }

    @Override
    public List<StoredMessage> messagesAfter(String conversationId, long afterSeq, int limit) {
        ConversationRecord record = conversations.get(conversationId);
        if (record == null) {
            return List.of();
        }
        synchronized (record) {
            // seq n sits at index n - 1: no search needed.
            int from = (int) Math.max(0, Math.min(afterSeq, record.messages.size()));
            int to = (int) Math.min(record.messages.size(), (long) from + limit);
            return List.copyOf(record.messages.subList(from, to));
        }
    }

    @Override
    public List<StoredMessage> messagesBefore(String conversationId, long beforeSeq, int limit) {
        ConversationRecord record = conversations.get(conversationId);
        if (record == null) {
            return List.of();
        }
        synchronized (record) {
            int to = (int) Math.max(0, Math.min(beforeSeq - 1, record.messages.size()));
            int from = Math.max(0, to - limit);
            return List.copyOf(record.messages.subList(from, to));
        }
    }

    @Override
    public List<Conversation> conversations(String siteId, ConversationState state, Instant before, int limit) {
        return all()
                .filter(c -> c.siteId().equals(siteId) && (state == null || c.state() == state)
                        && (before == null || c.createdAt().isBefore(before)))
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<Conversation> queue(String siteId) {
        return all()
                .filter(c -> c.siteId().equals(siteId) && c.state() == ConversationState.QUEUED)
                .sorted(Comparator.comparing(Conversation::queuedAt).thenComparing(Conversation::id))
                .toList();
    }

    @Override
    public List<Conversation> assigned(String siteId) {
        return all().filter(c -> c.siteId().equals(siteId) && c.state() == ConversationState.ASSIGNED).toList();
    }

    @Override
    public List<Conversation> conversationsOfVisitor(String siteId, String visitorId) {
        return all().filter(c -> c.siteId().equals(siteId) && c.visitorId().equals(visitorId))
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .toList();
    }

    @Override
    public Optional<Conversation> lastClosedConversation(String siteId, String visitorId) {
        return all()
                .filter(c -> c.siteId().equals(siteId) && c.visitorId().equals(visitorId)
                        && c.state() == ConversationState.CLOSED)
                .max(Comparator.comparing(Conversation::closedAt));
    }

    @Override
    public void saveEvent(VisitorEvent event) {
        events.add(event);
    }

    @Override
    public List<VisitorEvent> events(String siteId, String visitorId) {
        return events.stream().filter(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId)).toList();
    }

    @Override
    public List<VisitorEvent> events(String siteId, Instant from, Instant to) {
        return events.stream().filter(e -> e.siteId().equals(siteId) && within(e.ts(), from, to)).toList();
    }

    private static boolean within(Instant ts, Instant from, Instant to) {
        return !ts.isBefore(from) && ts.isBefore(to);
    }

    @Override
    public void saveRating(Rating rating) {
        ratings.put(rating.conversationId(), rating);
    }

    @Override
    public Optional<Rating> rating(String conversationId) {
        return Optional.ofNullable(ratings.get(conversationId));
    }

    @Override
    public List<Rating> ratings(String siteId, Instant from, Instant to) {
        return ratings.values().stream().filter(r -> r.siteId().equals(siteId) && within(r.ts(), from, to)).toList();
    }

    @Override
    public void savePresence(Presence entry) {
        presence.put(key(entry.siteId(), entry.staffId()), entry);
    }

    @Override
    public List<Presence> presence(String siteId) {
        return presence.values().stream().filter(p -> p.siteId().equals(siteId)).toList();
    }

    @Override
    public void saveLead(Lead lead) {
        leads.add(lead);
    }

    @Override
    public List<Lead> leads(String siteId, Instant from, Instant to) {
        return leads.stream().filter(l -> l.siteId().equals(siteId) && within(l.ts(), from, to)).toList();
    }

    @Override
    public void saveBotTurn(BotTurnRecord turn) {
        botTurns.add(turn);
    }

    @Override
    public List<BotTurnRecord> botTurns(String siteId, Instant from, Instant to) {
        return botTurns.stream().filter(t -> t.siteId().equals(siteId) && within(t.ts(), from, to)).toList();
    }

    @Override
    public void eraseVisitor(String siteId, String visitorId) {
        eraseOutcomes(siteId, visitorId); // first: it reads the visitor's purchases and identity links
        visitors.remove(key(siteId, visitorId));
        visitorByUser.entrySet().removeIf(e -> e.getKey().startsWith(key(siteId, "")) && e.getValue().equals(visitorId));
        Set<String> gone = all().filter(c -> c.siteId().equals(siteId) && c.visitorId().equals(visitorId))
                .map(Conversation::id).collect(Collectors.toSet());
        removeConversations(gone);
        events.removeIf(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId));
        leads.removeIf(l -> l.siteId().equals(siteId) && l.visitorId().equals(visitorId));
        botTurns.removeIf(t -> t.siteId().equals(siteId) && visitorId.equals(t.visitorId()));
        ratings.values().removeIf(r -> r.siteId().equals(siteId) && r.visitorId().equals(visitorId));
        eraseCustomerTraces(siteId, visitorId);
    }

    private void removeConversations(Set<String> ids) {
        for (String id : ids) {
            ConversationRecord record = conversations.remove(id);
            if (record != null) {
                Conversation c;
                synchronized (record) {
                    record.deleted = true;
                    c = record.conversation;
                }
                openConversationByVisitor.remove(key(c.siteId(), c.visitorId(), c.channel()), id);
            }
            ratings.remove(id);
        }
        byClientKey.values().removeIf(m -> ids.contains(m.conversationId()));
    }

    @Override
    public int purge(String siteId, Instant cutoff) {
        Set<String> old = all().filter(c -> c.siteId().equals(siteId) && c.state() == ConversationState.CLOSED
                        && c.closedAt() != null && c.closedAt().isBefore(cutoff))
                .map(Conversation::id).collect(Collectors.toSet());
        removeConversations(old);
        events.removeIf(e -> e.siteId().equals(siteId) && e.ts().isBefore(cutoff));
        leads.removeIf(l -> l.siteId().equals(siteId) && l.ts().isBefore(cutoff));
        botTurns.removeIf(t -> t.siteId().equals(siteId) && t.ts().isBefore(cutoff));
        ratings.values().removeIf(r -> r.siteId().equals(siteId) && r.ts().isBefore(cutoff));
        purgeConsent(siteId, cutoff);
        purgeOutcomes(siteId, cutoff);
        return old.size();
    }

    @Override
    public List<Conversation> search(String siteId, String text, int limit) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return conversations.values().stream()
                .filter(r -> r.get().siteId().equals(siteId))
                .filter(r -> {
                    synchronized (r) {
                        return r.messages.stream().anyMatch(m -> !m.internal()
                                && m.text().toLowerCase(java.util.Locale.ROOT).contains(needle));
                    }
                })
                .map(ConversationRecord::get)
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public void saveLesson(Lesson lesson) {
        lessons.add(lesson);
    }

    @Override
    public List<Lesson> lessons(String siteId) {
        return lessons.stream().filter(l -> l.siteId().equals(siteId)).toList();
    }

    @Override
    public void saveAnswerMark(AnswerMark mark) {
        answerMarks.putIfAbsent(mark.conversationId() + "#" + mark.seq(), mark);
    }

    @Override
    public List<AnswerMark> answerMarks(String siteId) {
        synchronized (answerMarks) {
            return answerMarks.values().stream().filter(m -> m.siteId().equals(siteId)).toList();
        }
    }

    @Override
    public void saveStaffSession(StaffLogin session) {
        staffSessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<StaffLogin> findStaffSession(String tokenHash) {
        return Optional.ofNullable(staffSessions.get(tokenHash));
    }

    @Override
    public void deleteStaffSession(String tokenHash) {
        staffSessions.remove(tokenHash);
    }

    @Override
    public void saveWebhookDelivery(WebhookDelivery delivery) {
        synchronized (webhookOutbox) {
            webhookOutbox.put(delivery.id(), delivery);
        }
    }

    @Override
    public List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit) {
        synchronized (webhookOutbox) {
            List<WebhookDelivery> due = webhookOutbox.values().stream()
                    .filter(d -> !d.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::id))
                    .limit(limit)
                    .map(d -> d.leased(leaseUntil))
                    .toList();
            due.forEach(d -> webhookOutbox.put(d.id(), d));
            return due;
        }
    }

    @Override
    public void deleteWebhookDelivery(String deliveryId) {
        synchronized (webhookOutbox) {
            webhookOutbox.remove(deliveryId);
        }
    }

    @Override
    public List<WebhookDelivery> webhookDeliveries(String siteId, int limit) {
        synchronized (webhookOutbox) {
            return webhookOutbox.values().stream().filter(d -> d.siteId().equals(siteId))
                    .sorted(Comparator.comparing(WebhookDelivery::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .limit(limit).toList();
        }
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    // ---- conversational marketing ---------------------------------------------------------------------------------

    /** (site, visitor) → until when its proactive slot is taken. */
    private final Map<String, Instant> proactiveClaims = new ConcurrentHashMap<>();
    /** (site, scenario) → "variant:stat" → count. */
    private final Map<String, Map<String, java.util.concurrent.atomic.LongAdder>> variantCounters = new ConcurrentHashMap<>();

    @Override
    public boolean claimProactive(String siteId, String visitorId, Instant now, Instant until) {
        boolean[] claimed = {false};
        proactiveClaims.compute(siteId + "/" + visitorId, (key, held) -> {
            if (held != null && held.isAfter(now)) {
                return held;
            }
            claimed[0] = true;
            return until;
        });
        return claimed[0];
    }

    @Override
    public void countVariant(String siteId, String scenarioId, String variant, String stat) {
        variantCounters.computeIfAbsent(siteId + "/" + scenarioId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(variant + ":" + stat, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    @Override
    public Map<String, Long> variantCounts(String siteId, String scenarioId) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        variantCounters.getOrDefault(siteId + "/" + scenarioId, Map.of()).forEach((k, v) -> counts.put(k, v.sum()));
        return counts;
    }

    // ---- customers and consent records ----------------------------------------------------------------------------

    /** Customers' visitor sets, visitors' customers and channel links change together, under this lock. */
    private final Object customerLock = new Object();
    /** (site, userId) → its visitor ids. */
    private final Map<String, Set<String>> customerVisitorSets = new java.util.HashMap<>();
    /** (site, visitorId) → the customer it belongs to. */
    private final Map<String, String> customerByVisitor = new java.util.HashMap<>();
    /** (site, userId) → "channel:externalId" → link, in linking order. */
    private final Map<String, Map<String, ChannelLink>> channelLinksByUser = new java.util.HashMap<>();
    /** (site, visitorId) → consent records, oldest first; each list is its own lock. */
    private final Map<String, java.util.LinkedList<ConsentRecord>> consents = new ConcurrentHashMap<>();

    @Override
    public boolean addCustomerVisitor(String siteId, String userId, String visitorId) {
        synchronized (customerLock) {
            String owner = customerByVisitor.putIfAbsent(key(siteId, visitorId), userId);
            if (owner != null && !owner.equals(userId)) {
                return false;
            }
            customerVisitorSets.computeIfAbsent(key(siteId, userId), k -> new java.util.HashSet<>()).add(visitorId);
            return true;
        }
    }

    @Override
    public List<String> customerVisitors(String siteId, String userId) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        synchronized (customerLock) {
            all.addAll(customerVisitorSets.getOrDefault(key(siteId, userId), Set.of()));
        }
        String bound = visitorByUser.get(key(siteId, userId));
        if (bound != null) {
            all.add(bound);
        }
        return List.copyOf(all);
    }

    @Override
    public Optional<String> customerOfVisitor(String siteId, String visitorId) {
        synchronized (customerLock) {
            return Optional.ofNullable(customerByVisitor.get(key(siteId, visitorId)));
        }
    }

    @Override
    public ChannelLink.Outcome linkChannel(ChannelLink link) {
        synchronized (customerLock) {
            String owner = customerByVisitor.get(key(link.siteId(), link.visitorId()));
            if (owner != null && !owner.equals(link.userId())) {
                return ChannelLink.Outcome.TAKEN;
            }
            Map<String, ChannelLink> links = channelLinksByUser.computeIfAbsent(key(link.siteId(), link.userId()),
                    k -> new java.util.LinkedHashMap<>());
            if (links.containsKey(link.channel() + ":" + link.externalId())) {
                return ChannelLink.Outcome.ALREADY_LINKED;
            }
            links.put(link.channel() + ":" + link.externalId(), link);
            customerByVisitor.put(key(link.siteId(), link.visitorId()), link.userId());
            customerVisitorSets.computeIfAbsent(key(link.siteId(), link.userId()), k -> new java.util.HashSet<>())
                    .add(link.visitorId());
            return ChannelLink.Outcome.LINKED;
        }
    }

    @Override
    public boolean unlinkChannel(String siteId, String userId, String channel, String externalId) {
        synchronized (customerLock) {
            Map<String, ChannelLink> links = channelLinksByUser.get(key(siteId, userId));
            ChannelLink gone = links == null ? null : links.remove(channel + ":" + externalId);
            if (gone == null) {
                return false;
            }
            customerVisitorSets.getOrDefault(key(siteId, userId), new java.util.HashSet<>()).remove(gone.visitorId());
            customerByVisitor.remove(key(siteId, gone.visitorId()), userId);
            return true;
        }
    }

    @Override
    public List<ChannelLink> channelLinks(String siteId, String userId) {
        synchronized (customerLock) {
            return List.copyOf(channelLinksByUser.getOrDefault(key(siteId, userId), Map.of()).values());
        }
    }

    @Override
    public void forgetCustomer(String siteId, String userId) {
        synchronized (customerLock) {
            Set<String> members = customerVisitorSets.remove(key(siteId, userId));
            if (members != null) {
                members.forEach(v -> customerByVisitor.remove(key(siteId, v), userId));
            }
            Map<String, ChannelLink> links = channelLinksByUser.remove(key(siteId, userId));
            if (links != null) {
                links.values().forEach(l -> customerByVisitor.remove(key(siteId, l.visitorId()), userId));
            }
        }
        visitorByUser.remove(key(siteId, userId));
    }

    /** The visitor leaves its customer's profile: set, reverse lookup, channel links to it; and its consent records. */
    private void eraseCustomerTraces(String siteId, String visitorId) {
        synchronized (customerLock) {
            String owner = customerByVisitor.remove(key(siteId, visitorId));
            if (owner != null) {
                Set<String> members = customerVisitorSets.get(key(siteId, owner));
                if (members != null) {
                    members.remove(visitorId);
                }
                Map<String, ChannelLink> links = channelLinksByUser.get(key(siteId, owner));
                if (links != null) {
                    links.values().removeIf(l -> l.visitorId().equals(visitorId));
                }
            }
        }
        consents.remove(key(siteId, visitorId));
    }

    @Override
    public boolean saveConsent(ConsentRecord record, boolean onlyIfChanged) {
        java.util.LinkedList<ConsentRecord> history =
                consents.computeIfAbsent(key(record.siteId(), record.visitorId()), k -> new java.util.LinkedList<>());
        synchronized (history) {
            if (onlyIfChanged) {
                boolean latest = false;
                for (java.util.Iterator<ConsentRecord> it = history.descendingIterator(); it.hasNext(); ) {
                    ConsentRecord earlier = it.next();
                    if (earlier.purpose().equals(record.purpose())) {
                        latest = earlier.granted();
                        break;
                    }
                }
                if (latest == record.granted()) {
                    return false;
                }
            }
            history.add(record);
            while (history.size() > ConsentRecord.MAX_PER_VISITOR) {
                history.removeFirst();
            }
            return true;
        }
    }

    @Override
    public List<ConsentRecord> consentHistory(String siteId, String visitorId) {
        java.util.LinkedList<ConsentRecord> history = consents.get(key(siteId, visitorId));
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private void purgeConsent(String siteId, Instant cutoff) {
        consents.forEach((k, history) -> {
            synchronized (history) {
                history.removeIf(r -> r.siteId().equals(siteId) && r.ts().isBefore(cutoff));
            }
        });
    }

    // ---- outcomes: conversions, A/B exposures, NPS ------------------------------------------------------------------

    /** (site, orderId) → when the order was stored. */
    private final Map<String, Instant> orders = new ConcurrentHashMap<>();
    private final Queue<Exposure> exposures = new ConcurrentLinkedQueue<>();
    /** (site, customer) → the running NPS ask. */
    private final Map<String, NpsAsk> npsAsks = new ConcurrentHashMap<>();
    private final Queue<NpsAnswer> npsAnswers = new ConcurrentLinkedQueue<>();

    private record NpsAsk(String conversationId, String visitorId, Instant until, boolean answered) {
    }

    @Override
    public boolean savePurchase(VisitorEvent purchase, String orderId) {
        if (orders.putIfAbsent(key(purchase.siteId(), TimelineStore.orderClaim(purchase.visitorId(), orderId)), purchase.ts()) != null) {
            return false;
        }
        events.add(purchase);
        return true;
    }

    @Override
    public void saveExposure(Exposure exposure) {
        exposures.add(exposure);
    }

    @Override
    public List<Exposure> exposures(String siteId, String visitorId) {
        return exposures.stream().filter(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId))
                .sorted(Comparator.comparing(Exposure::ts)).toList();
    }

    @Override
    public void addToVariant(String siteId, String scenarioId, String variant, String stat, long amount) {
        variantCounters.computeIfAbsent(siteId + "/" + scenarioId, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(variant + ":" + stat, k -> new java.util.concurrent.atomic.LongAdder()).add(amount);
    }

    @Override
    public boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now,
                               Instant until) {
        boolean[] claimed = {false};
        npsAsks.compute(key(siteId, customerKey), (k, held) -> {
            if (held != null && held.until().isAfter(now)) {
                return held;
            }
            claimed[0] = true;
            return new NpsAsk(conversationId, visitorId, until, false);
        });
        return claimed[0];
    }

    @Override
    public Optional<String> pendingNps(String siteId, String customerKey, Instant now) {
        NpsAsk ask = npsAsks.get(key(siteId, customerKey));
        return ask != null && ask.until().isAfter(now) && !ask.answered() ? Optional.of(ask.conversationId()) : Optional.empty();
    }

    @Override
    public boolean saveNpsAnswer(NpsAnswer answer, String customerKey) {
        boolean[] saved = {false};
        npsAsks.computeIfPresent(key(answer.siteId(), customerKey), (k, ask) -> {
            if (ask.answered() || !ask.until().isAfter(answer.ts())) {
                return ask;
            }
            saved[0] = true;
            npsAnswers.add(answer);
            return new NpsAsk(ask.conversationId(), ask.visitorId(), ask.until(), true);
        });
        return saved[0];
    }

    @Override
    public List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to) {
        return npsAnswers.stream().filter(a -> a.siteId().equals(siteId) && within(a.ts(), from, to))
                .sorted(Comparator.comparing(NpsAnswer::ts)).toList();
    }

    private void eraseOutcomes(String siteId, String visitorId) {
        events(siteId, visitorId).stream().filter(e -> e.name().equals("purchase") && e.data() != null
                        && e.data().path("orderId").isTextual())
                .forEach(e -> orders.remove(key(siteId, TimelineStore.orderClaim(visitorId, e.data().path("orderId").asText()))));
        exposures.removeIf(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId));
        npsAnswers.removeIf(a -> a.siteId().equals(siteId) && a.visitorId().equals(visitorId));
        npsAsks.entrySet().removeIf(e -> e.getKey().startsWith(key(siteId, "")) && e.getValue().visitorId().equals(visitorId));
    }

    private void purgeOutcomes(String siteId, Instant cutoff) {
        String prefix = key(siteId, "");
        orders.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().isBefore(cutoff));
        exposures.removeIf(e -> e.siteId().equals(siteId) && e.ts().isBefore(cutoff));
        npsAnswers.removeIf(a -> a.siteId().equals(siteId) && a.ts().isBefore(cutoff));
        npsAsks.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().until().isBefore(cutoff));
    }

    // ---- the hot path of a visitor message and the bot's turn (docs/performance.md) ---------------------------------
    // The same outcomes as the Redis store's one-script versions; here the record's monitor makes each step atomic, so a
    // version that is no longer current just means the change is applied to the conversation as it is now.

    @Override
    public Optional<OpenAppend> appendToOpen(String siteId, String visitorId, String channel, MessageDraft draft) {
        if (draft.clientId() != null) {
            StoredMessage earlier = byClientKey.get(clientKey(siteId, draft.from(), draft.clientId()));
            if (earlier != null) {
                return Optional.of(new OpenAppend(earlier, true, null));
            }
        }
        String id = openConversationByVisitor.get(key(siteId, visitorId, channel));
        ConversationRecord record = id == null ? null : conversations.get(id);
        if (record == null) {
            return Optional.empty();
        }
        synchronized (record) {
            if (record.deleted || !record.conversation.state().isOpen()) {
                return Optional.empty();
            }
            AppendResult result = appendLocked(record, id, draft);
            return Optional.of(result.duplicate() ? new OpenAppend(result.message(), true, null)
                    : new OpenAppend(result.message(), false, new VersionedConversation(record.conversation, record.version)));
        }
    }

    @Override
    public Optional<VersionedConversation> updateIf(VersionedConversation known, Predicate<Conversation> expected,
                                                    UnaryOperator<Conversation> change) {
        // No version to compare here: the check and the change happen under the conversation's monitor.
        return updateRecord(known.id(), expected, change);
    }

    private Optional<VersionedConversation> updateRecord(String conversationId, Predicate<Conversation> expected,
                                                         UnaryOperator<Conversation> change) {
        ConversationRecord record = conversations.get(conversationId);
        if (record == null) {
            return Optional.empty();
        }
        VersionedConversation after;
        synchronized (record) {
            // The version and the state it belongs to are read and written under one monitor: a caller that later
            // changes the conversation with this version cannot overwrite someone else's change.
            if (record.deleted || !expected.test(record.conversation)) {
                return Optional.empty();
            }
            Conversation before = record.conversation;
            Conversation changed = change.apply(before);
            record.conversation = changed.withLastSeq(before.lastSeq(), changed.updatedAt());
            record.version++;
            after = new VersionedConversation(record.conversation, record.version);
        }
        if (!after.conversation().state().isOpen()) {
            openConversationByVisitor.remove(key(after.conversation().siteId(), after.conversation().visitorId(),
                    after.conversation().channel()), after.id());
        }
        return Optional.of(after);
    }

    @Override
    public Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change,
                                           List<MessageDraft> messages, BotTurnRecord turn) {
        requireFewBotMessages(messages);
        ConversationStore.requireBotTurnState(known);
        messages.forEach(MemoryStore::requireServerMade);
        ConversationRecord record = conversations.get(known.id());
        if (record == null) {
            return Optional.empty();
        }
        VersionedConversation after;
        List<StoredMessage> stored = new ArrayList<>(messages.size());
        synchronized (record) {
            if (record.deleted) {
                return Optional.empty();
            }
            // The record is added under the monitor: an erasure waits for it and then removes it with the rest.
            if (record.conversation.state() != known.conversation().state()) {
                // Staff closed or took it during the bot's turn: the turn counts in the report, its answers are dropped.
                botTurns.add(turn);
                return Optional.of(new SavedTurn(new VersionedConversation(record.conversation, record.version), List.of()));
            }
            Conversation before = record.conversation;
            Conversation changed = change.apply(before);
            if (record.deleted) {
                // The change is caller code and the monitor is re-entrant: it may have erased the visitor itself.
                return Optional.empty();
            }
            record.conversation = changed.withLastSeq(before.lastSeq(), changed.updatedAt());
            record.version++;
            for (MessageDraft draft : messages) {
                stored.add(appendLocked(record, known.id(), draft).message());
            }
            after = new VersionedConversation(record.conversation, record.version);
            botTurns.add(turn);
        }
        if (!after.conversation().state().isOpen()) {
            openConversationByVisitor.remove(key(after.conversation().siteId(), after.conversation().visitorId(),
                    after.conversation().channel()), after.id());
        }
        return Optional.of(new SavedTurn(after, stored));
    }

    /** The bot sends a handful of messages per turn: more is a bug, refused before anything is stored. */
    static void requireFewBotMessages(List<MessageDraft> messages) {
        if (messages.size() > MAX_BOT_MESSAGES_PER_TURN) {
            throw new IllegalArgumentException("a bot turn sends at most " + MAX_BOT_MESSAGES_PER_TURN + " messages, not "
                    + messages.size());
        }
    }

    /** A bot turn's messages are the server's own: no clientId, so nothing to deduplicate. */
    static void requireServerMade(MessageDraft draft) {
        if (draft.clientId() != null) {
            throw new IllegalArgumentException("a bot turn's messages carry no clientId");
        }
    }
}
