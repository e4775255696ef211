package org.causette.server.store.memory;

import org.causette.server.store.AppendResult;
import org.causette.server.store.Author;
import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.Conversation;
import org.causette.server.store.ConversationState;
import org.causette.server.store.ConversationStore;
import org.causette.server.store.MessageDraft;
import org.causette.server.store.OpenAppend;
import org.causette.server.store.SavedTurn;
import org.causette.server.store.StoredMessage;
import org.causette.server.store.VersionedConversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.causette.server.store.memory.MemoryKeys.key;

/**
 * Conversations and their messages in memory. Each conversation's messages and state sit behind that conversation's
 * own monitor, so work on different conversations never contends; listings scan everything (a trial's size).
 *
 * <p>The hot path (appendToOpen, the versioned updateIf, saveBotTurn) has the same outcomes as the Redis store's
 * one-script versions; here the record's monitor makes each step atomic, so a version that is no longer current just
 * means the change is applied to the conversation as it is now.
 */
final class MemoryConversations implements ConversationStore {
    private final Map<String, ConversationRecord> conversations = new ConcurrentHashMap<>();
    /** (site, visitor, channel) → its open conversation's id. */
    private final Map<String, String> openConversationByVisitor = new ConcurrentHashMap<>();
    /** Idempotency: (site, author, clientId) → the message stored for it. */
    private final Map<String, StoredMessage> byClientKey = new ConcurrentHashMap<>();
    /** Where a bot turn's record goes, written under the conversation's monitor with the turn's messages. */
    private final MemoryTimelines timelines;

    MemoryConversations(MemoryTimelines timelines) {
        this.timelines = timelines;
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

    private Stream<Conversation> all() {
        return conversations.values().stream().map(ConversationRecord::get);
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
            applyLocked(record, change);
            after = new VersionedConversation(record.conversation, record.version);
        }
        forgetIfClosed(after);
        return Optional.of(after);
    }

    /** A change never moves the seq: only appends do. The caller holds the record's monitor. */
    private static void applyLocked(ConversationRecord record, UnaryOperator<Conversation> change) {
        Conversation before = record.conversation;
        Conversation changed = change.apply(before);
        record.conversation = changed.withLastSeq(before.lastSeq(), changed.updatedAt());
        record.version++;
    }

    private void forgetIfClosed(VersionedConversation after) {
        Conversation c = after.conversation();
        if (!c.state().isOpen()) {
            openConversationByVisitor.remove(key(c.siteId(), c.visitorId(), c.channel()), after.id());
        }
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
    public Optional<SavedTurn> saveBotTurn(VersionedConversation known, UnaryOperator<Conversation> change,
                                           List<MessageDraft> messages, BotTurnRecord turn) {
        ConversationStore.requireValidBotTurn(known, messages);
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
                timelines.saveBotTurn(turn);
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
            timelines.saveBotTurn(turn);
        }
        forgetIfClosed(after);
        return Optional.of(new SavedTurn(after, stored));
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
    public List<Conversation> search(String siteId, String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        return conversations.values().stream()
                .filter(r -> r.get().siteId().equals(siteId))
                .filter(r -> {
                    synchronized (r) {
                        return r.messages.stream().anyMatch(m -> !m.internal()
                                && m.text().toLowerCase(Locale.ROOT).contains(needle));
                    }
                })
                .map(ConversationRecord::get)
                .sorted(Comparator.comparing(Conversation::createdAt).reversed())
                .limit(limit)
                .toList();
    }

    /** The ids of a visitor's conversations, open or closed. */
    Set<String> idsOfVisitor(String siteId, String visitorId) {
        return all().filter(c -> c.siteId().equals(siteId) && c.visitorId().equals(visitorId))
                .map(Conversation::id).collect(Collectors.toSet());
    }

    /** The ids of a site's conversations closed before the cutoff. */
    Set<String> idsClosedBefore(String siteId, Instant cutoff) {
        return all().filter(c -> c.siteId().equals(siteId) && c.state() == ConversationState.CLOSED
                        && c.closedAt() != null && c.closedAt().isBefore(cutoff))
                .map(Conversation::id).collect(Collectors.toSet());
    }

    /** Conversations go with their messages and idempotency keys; a writer holding one finds it deleted. */
    void remove(Set<String> ids) {
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
        }
        byClientKey.values().removeIf(m -> ids.contains(m.conversationId()));
    }
}
