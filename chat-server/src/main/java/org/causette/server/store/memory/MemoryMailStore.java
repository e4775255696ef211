package org.causette.server.store.memory;

import org.causette.server.store.MailContact;
import org.causette.server.store.MailStore;
import org.causette.server.store.MailStore.MailedState;
import org.causette.server.store.ReplyMail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link MailStore} in this process's memory: for one node and tests; lost on restart like the rest of the memory store. */
public final class MemoryMailStore implements MailStore {
    private final Map<String, MailContact> contacts = new HashMap<>();
    private final Map<String, Instant> seen = new HashMap<>();
    private final Map<String, ReplyMail> owed = new HashMap<>();
    private final Map<String, MailedState> mailed = new HashMap<>();
    private final Map<String, Integer> perDay = new HashMap<>();

    private static String key(String siteId, String visitorId) {
        return siteId + "\n" + visitorId;
    }

    @Override
    public synchronized void saveMailContact(MailContact contact) {
        contacts.put(key(contact.siteId(), contact.visitorId()), contact);
    }

    @Override
    public synchronized Optional<MailContact> mailContact(String siteId, String visitorId) {
        return Optional.ofNullable(contacts.get(key(siteId, visitorId)));
    }

    @Override
    public synchronized void deleteMailContact(String siteId, String visitorId) {
        contacts.remove(key(siteId, visitorId));
        seen.remove(key(siteId, visitorId));
    }

    @Override
    public synchronized void visitorsSeen(String siteId, Collection<String> visitorIds, Instant at) {
        for (String visitorId : visitorIds) {
            seen.merge(key(siteId, visitorId), at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Override
    public synchronized int forgetPresenceBefore(String siteId, Instant before) {
        String prefix = siteId + "\n";
        int before0 = seen.size();
        seen.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().isBefore(before));
        return before0 - seen.size();
    }

    @Override
    public synchronized Optional<Instant> visitorLastSeen(String siteId, String visitorId) {
        return Optional.ofNullable(seen.get(key(siteId, visitorId)));
    }

    @Override
    public synchronized void scheduleReplyMail(ReplyMail mail) {
        owed.merge(mail.conversationId(), mail, (held, fresh) -> new ReplyMail(held.siteId(), held.conversationId(),
                held.visitorId(), Math.max(held.latestSeq(), fresh.latestSeq()),
                fresh.dueAt().isBefore(held.dueAt()) ? fresh.dueAt() : held.dueAt(), held.attempts(), held.lastError()));
    }

    @Override
    public synchronized List<ReplyMail> claimReplyMails(Instant now, Instant leaseUntil, int limit) {
        List<ReplyMail> due = new ArrayList<>();
        owed.values().stream().filter(m -> !m.dueAt().isAfter(now))
                .sorted(Comparator.comparing(ReplyMail::dueAt)).limit(limit).forEach(m -> {
                    ReplyMail leased = m.due(leaseUntil);
                    owed.put(m.conversationId(), leased);
                    due.add(leased);
                });
        return due;
    }

    @Override
    public synchronized void saveReplyMail(ReplyMail mail) {
        ReplyMail held = owed.get(mail.conversationId());
        long latest = held == null ? mail.latestSeq() : Math.max(held.latestSeq(), mail.latestSeq());
        owed.put(mail.conversationId(), new ReplyMail(mail.siteId(), mail.conversationId(), mail.visitorId(), latest,
                mail.dueAt(), mail.attempts(), mail.lastError()));
    }

    @Override
    public synchronized boolean dropReplyMail(String conversationId, long upToSeq) {
        ReplyMail held = owed.get(conversationId);
        if (held != null && held.latestSeq() <= upToSeq) {
            owed.remove(conversationId);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void replyMailSent(String siteId, String conversationId, long upToSeq, LocalDate day, Instant now) {
        MailedState before = mailed.getOrDefault(conversationId, MailedState.NONE);
        mailed.put(conversationId, new MailedState(Math.max(before.upToSeq(), upToSeq), before.count() + 1));
        perDay.merge(siteId + "\n" + day, 1, Integer::sum);
        if (!dropReplyMail(conversationId, upToSeq)) {
            ReplyMail held = owed.get(conversationId);
            if (held != null) {
                owed.put(conversationId, held.due(now));
            }
        }
    }

    @Override
    public synchronized MailedState mailed(String conversationId) {
        return mailed.getOrDefault(conversationId, MailedState.NONE);
    }

    @Override
    public synchronized int mailsSentOn(String siteId, LocalDate day) {
        return perDay.getOrDefault(siteId + "\n" + day, 0);
    }

    @Override
    public synchronized int pendingReplyMails(String siteId) {
        return (int) owed.values().stream().filter(m -> m.siteId().equals(siteId)).count();
    }
}
