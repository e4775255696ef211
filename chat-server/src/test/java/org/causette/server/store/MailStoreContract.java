package org.causette.server.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of {@link MailStore}, run against each implementation ({@code MemoryMailStoreTest},
 * {@code RedisMailStoreTest}). Each test uses its own site and conversation ids, so a shared backend needs no cleaning.
 */
public abstract class MailStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    protected MailStore store;
    private String site;
    private String conversation;

    protected abstract MailStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        site = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        conversation = "c-" + UUID.randomUUID();
    }

    /** What this test's site is given by a claim: a shared backend holds other tests' emails too (claims span sites). */
    private List<ReplyMail> claim(Instant now, Instant leaseUntil) {
        return store.claimReplyMails(now, leaseUntil, 10_000).stream().filter(m -> m.siteId().equals(site)).toList();
    }

    @Test
    void aContactIsKeptPerVisitorUntilDeleted() {
        MailContact contact = new MailContact(site, "v1", "anne@example.com", MailContact.FROM_EMAIL_ME, "fr", T0);
        store.saveMailContact(contact);
        assertEquals(contact, store.mailContact(site, "v1").orElseThrow());
        assertTrue(store.mailContact(site, "v2").isEmpty());
        assertTrue(store.mailContact("other-" + site, "v1").isEmpty());
        MailContact changed = new MailContact(site, "v1", "anne@work.example", MailContact.FROM_LEAD_FORM, "en", T0.plusSeconds(5));
        store.saveMailContact(changed);
        assertEquals(changed, store.mailContact(site, "v1").orElseThrow());
        store.deleteMailContact(site, "v1");
        store.deleteMailContact(site, "nobody");
        assertTrue(store.mailContact(site, "v1").isEmpty());
    }

    @Test
    void presenceOnlyMovesForward() {
        assertTrue(store.visitorLastSeen(site, "v1").isEmpty());
        store.visitorsSeen(site, Set.of("v1", "v2"), T0.plusSeconds(20));
        store.visitorsSeen(site, Set.of("v1"), T0); // a node whose clock is behind
        store.visitorsSeen(site, List.of(), T0.plusSeconds(99));
        assertEquals(T0.plusSeconds(20), store.visitorLastSeen(site, "v1").orElseThrow());
        store.visitorsSeen(site, Set.of("v2"), T0.plusSeconds(40));
        assertEquals(T0.plusSeconds(40), store.visitorLastSeen(site, "v2").orElseThrow());
        store.visitorsSeen(site, Set.of("v3"), T0.plusSeconds(10));
        assertEquals(1, store.forgetPresenceBefore(site, T0.plusSeconds(20)), "v3 only: v1 at exactly the bound stays");
        assertTrue(store.visitorLastSeen(site, "v3").isEmpty());
        assertTrue(store.visitorLastSeen(site, "v1").isPresent());
        store.deleteMailContact(site, "v2"); // erasure forgets the presence too
        assertTrue(store.visitorLastSeen(site, "v2").isEmpty());
    }

    @Test
    void oneEmailIsOwedPerConversationWithTheLatestSeqAndTheEarliestDueTime() {
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 3, T0.plusSeconds(60), 0, null));
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 5, T0.plusSeconds(90), 0, null));
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 4, T0.plusSeconds(30), 0, null));
        assertEquals(1, store.pendingReplyMails(site));
        assertTrue(claim(T0.plusSeconds(29), T0.plusSeconds(100)).isEmpty(), "not due yet");
        List<ReplyMail> taken = claim(T0.plusSeconds(30), T0.plusSeconds(100));
        assertEquals(List.of(new ReplyMail(site, conversation, "v1", 5, T0.plusSeconds(100), 0, null)), taken);
        // A reply while it is leased raises its seq, and does not cut the lease short.
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 6, T0.plusSeconds(120), 0, null));
        assertTrue(claim(T0.plusSeconds(99), T0.plusSeconds(200)).isEmpty(), "leased");
        assertEquals(6, claim(T0.plusSeconds(100), T0.plusSeconds(200)).get(0).latestSeq());
    }

    @Test
    void eachDueEmailGoesToOneClaimerOnly() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.scheduleReplyMail(new ReplyMail(site, conversation + i, "v" + i, 2, T0, 0, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<ReplyMail>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> claim(T0, T0.plusSeconds(60))));
            }
            Set<String> seen = new java.util.HashSet<>();
            int taken = 0;
            for (Future<List<ReplyMail>> claim : claims) {
                for (ReplyMail m : claim.get()) {
                    assertTrue(seen.add(m.conversationId()), "taken twice: " + m.conversationId());
                    taken++;
                }
            }
            assertEquals(5, taken);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedAttemptIsKeptWithItsErrorAndComesBackWhenDue() {
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 2, T0, 0, null));
        ReplyMail taken = claim(T0, T0.plusSeconds(60)).get(0);
        store.saveReplyMail(taken.failed("421 try later", T0.plusSeconds(2)));
        ReplyMail again = claim(T0.plusSeconds(2), T0.plusSeconds(62)).get(0);
        assertEquals(1, again.attempts());
        assertEquals("421 try later", again.lastError());
        assertEquals(2, again.latestSeq());
    }

    @Test
    void aSentEmailMovesTheConversationsSeqAndIsDroppedUnlessALaterReplyCameMeanwhile() {
        assertEquals(MailStore.MailedState.NONE, store.mailed(conversation));
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 4, T0, 0, null));
        claim(T0, T0.plusSeconds(60));
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 6, T0.plusSeconds(1), 0, null)); // while sending
        store.replyMailSent(site, conversation, 4, DAY, T0.plusSeconds(2));
        assertEquals(new MailStore.MailedState(4, 1), store.mailed(conversation));
        assertEquals(1, store.mailsSentOn(site, DAY));
        List<ReplyMail> later = claim(T0.plusSeconds(2), T0.plusSeconds(60));
        assertEquals(1, later.size(), "the later reply is owed at once");
        assertEquals(6, later.get(0).latestSeq());

        store.replyMailSent(site, conversation, 6, DAY, T0.plusSeconds(3));
        assertEquals(new MailStore.MailedState(6, 2), store.mailed(conversation));
        assertEquals(2, store.mailsSentOn(site, DAY));
        assertEquals(0, store.mailsSentOn(site, DAY.plusDays(1)));
        assertEquals(0, store.pendingReplyMails(site));
        assertTrue(claim(T0.plusSeconds(999), T0.plusSeconds(1999)).isEmpty());
        // A crash replayed: recording an older send again never lowers the seq.
        store.replyMailSent(site, conversation, 4, DAY, T0.plusSeconds(4));
        assertEquals(6, store.mailed(conversation).upToSeq());
    }

    @Test
    void dropTakesOnlyWhatCarriesNothingNewer() {
        store.scheduleReplyMail(new ReplyMail(site, conversation, "v1", 5, T0, 0, null));
        assertFalse(store.dropReplyMail(conversation, 4));
        assertEquals(1, store.pendingReplyMails(site));
        assertTrue(store.dropReplyMail(conversation, 5));
        assertFalse(store.dropReplyMail(conversation, 5));
        assertEquals(0, store.pendingReplyMails(site));
    }
}
