package org.causette.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.DialogueContext;
import org.causette.bot.QuickReply;
import org.causette.server.config.Lesson;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Store} does, whatever keeps the data: one suite, run against each implementation by a subclass.
 * Each test uses its own site id, so a shared backend needs no cleaning between tests.
 */
public abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123456Z");
    protected Store store;
    protected String site;

    /** A store on a fresh or shared backend. */
    protected abstract Store newStore();

    @BeforeEach
    void open() {
        store = newStore();
        site = "site-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected Conversation open(String visitorId) {
        return store.openConversation(Conversation.open(UUID.randomUUID().toString(), site, visitorId, "web", T0));
    }

    private static MessageDraft draft(Author author, String clientId, String text) {
        return new MessageDraft(author, clientId, text, null, List.of(), List.of(), false, T0);
    }

    private static Author visitor(String id) {
        return new Author(Role.VISITOR, id, null);
    }

    private static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- conversations -------------------------------------------------------------------------------------------

    @Test
    void aConversationRoundTripsWithEveryField() {
        Conversation c = open("v1");
        DialogueContext context = new DialogueContext("fr", "OSLO", "product_price", 2, List.of("OSLO", "LUNA"));
        Instant later = T0.plusSeconds(5);
        Conversation changed = store.update(c.id(), x -> x.withBotContext(context, "fr", later)
                .queued("human_request", "sales", "agent", later).assigned(new Assignee("anna", Role.AGENT, "Anna"), later)
                .answered(later).readByStaff(0)).orElseThrow();
        Conversation found = store.findConversation(c.id()).orElseThrow();
        assertEquals(changed, found);
        assertEquals(context, found.botContext());
        assertEquals(new Assignee("anna", Role.AGENT, "Anna"), found.assignee());
        assertEquals(T0, found.createdAt());
        assertTrue(store.findConversation("nope").isEmpty());
    }

    @Test
    void appendGivesDenseSeqsUnderConcurrency() throws Exception {
        Conversation c = open("v1");
        AtomicInteger n = new AtomicInteger();
        List<Long> seqs = inParallel(8, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                mine.add(store.append(c.id(), draft(visitor("v1"), "c" + n.incrementAndGet(), "hi")).message().seq());
            }
            return mine;
        }).stream().flatMap(List::stream).sorted().toList();
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), seqs);
        assertEquals(200, store.findConversation(c.id()).orElseThrow().lastSeq());
        List<StoredMessage> all = store.messagesAfter(c.id(), 0, 1000);
        assertEquals(200, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).seq());
            assertEquals(c.id(), all.get(i).conversationId());
        }
    }

    @Test
    void aMessageRoundTripsWithCardsAndQuickReplies() {
        Conversation c = open("v1");
        Card card = new Card("OSLO", "Fauteuil Oslo", "chêne", "299,00 €", "https://x/oslo.jpg", "https://x/oslo",
                List.of(new CardButton("Voir", null, "https://x/oslo")));
        MessageDraft rich = new MessageDraft(new Author(Role.BOT, null, "Lumi"), null, "Voici", null,
                List.of(new QuickReply("Retours", "INTENT:returns")), List.of(card), false, T0);
        StoredMessage stored = store.append(c.id(), rich).message();
        assertEquals(List.of(stored), store.messagesAfter(c.id(), 0, 10));
        assertEquals(card, store.messagesAfter(c.id(), 0, 10).get(0).cards().get(0));
        assertEquals(T0, stored.ts());
    }

    @Test
    void theSameAuthorAndClientIdIsStoredOnce() {
        Conversation c = open("v1");
        AppendResult first = store.append(c.id(), draft(visitor("v1"), "c1", "Bonjour"));
        AppendResult again = store.append(c.id(), draft(visitor("v1"), "c1", "Bonjour"));
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.message(), again.message());
        AppendResult other = store.append(c.id(), draft(visitor("v2"), "c1", "Salut"));
        assertFalse(other.duplicate(), "another author may use the same clientId");
        AppendResult staff = store.append(c.id(), draft(new Author(Role.AGENT, "v1", "Anna"), "c1", "Oui"));
        assertFalse(staff.duplicate(), "the role is part of the key");
        assertEquals(3, store.findConversation(c.id()).orElseThrow().lastSeq());
        assertEquals(first.message(), store.findByClientId(site, visitor("v1"), "c1").orElseThrow());
        assertTrue(store.findByClientId(site, visitor("v1"), "c2").isEmpty());
        assertTrue(store.findByClientId("other-site", visitor("v1"), "c1").isEmpty());
    }

    @Test
    void idempotencyHoldsAcrossConversations() {
        Conversation first = open("v1");
        StoredMessage original = store.append(first.id(), draft(visitor("v1"), "c1", "Bonjour")).message();
        store.update(first.id(), c -> c.closed("done", T0));
        Conversation second = open("v1");
        assertNotEquals(first.id(), second.id());
        assertEquals(original, store.findByClientId(site, visitor("v1"), "c1").orElseThrow());
        AppendResult resent = store.append(second.id(), draft(visitor("v1"), "c1", "Bonjour"));
        assertTrue(resent.duplicate());
        assertEquals(first.id(), resent.message().conversationId());
        assertEquals(0, store.findConversation(second.id()).orElseThrow().lastSeq());
    }

    @Test
    void concurrentIdempotentAppendsStoreOnce() throws Exception {
        Conversation c = open("v1");
        List<AppendResult> results = inParallel(8, () -> store.append(c.id(), draft(visitor("v1"), "same", "x")));
        assertEquals(1, results.stream().filter(r -> !r.duplicate()).count());
        assertEquals(1, results.stream().map(r -> r.message().id()).distinct().count());
        assertEquals(1, store.findConversation(c.id()).orElseThrow().lastSeq());
    }

    @Test
    void onlyOneConversationOpensPerVisitorAndChannel() throws Exception {
        List<String> winners = inParallel(8, () -> open("v1").id());
        assertEquals(1, new HashSet<>(winners).size(), "every racer gets the same conversation: " + winners);
        assertEquals(winners.get(0), store.findOpenConversation(site, "v1", "web").orElseThrow().id());
        assertTrue(store.findOpenConversation(site, "v1", "messenger").isEmpty());
        assertEquals(1, store.conversationsOfVisitor(site, "v1").size());
    }

    @Test
    void closingFreesTheOpenSlot() {
        Conversation first = open("v1");
        assertEquals(first.id(), open("v1").id());
        store.update(first.id(), c -> c.closed("done", T0.plusSeconds(1))).orElseThrow();
        assertTrue(store.findOpenConversation(site, "v1", "web").isEmpty());
        Conversation second = open("v1");
        assertNotEquals(first.id(), second.id());
        assertEquals(second.id(), store.findOpenConversation(site, "v1", "web").orElseThrow().id());
    }

    @Test
    void onlyOneConditionalUpdateWins() throws Exception {
        Conversation c = open("v1");
        store.update(c.id(), x -> x.queued("human_request", null, "agent", T0)).orElseThrow();
        AtomicInteger n = new AtomicInteger();
        List<Optional<Conversation>> results = inParallel(8, () -> {
            String staff = "agent" + n.incrementAndGet();
            return store.updateIf(c.id(), x -> x.state() == ConversationState.QUEUED,
                    x -> x.assigned(new Assignee(staff, Role.AGENT, staff), T0));
        });
        List<Conversation> won = results.stream().flatMap(Optional::stream).toList();
        assertEquals(1, won.size(), "exactly one assignment");
        assertEquals(won.get(0).assignee(), store.findConversation(c.id()).orElseThrow().assignee());
        assertTrue(store.queue(site).isEmpty());
        assertEquals(List.of(c.id()), store.assigned(site).stream().map(Conversation::id).toList());
    }

    @Test
    void updatesNeverMoveLastSeqAndMissingConversationsAreEmpty() {
        Conversation c = open("v1");
        store.append(c.id(), draft(visitor("v1"), "c1", "a"));
        Conversation updated = store.update(c.id(), x -> x.withLastSeq(99, T0)).orElseThrow();
        assertEquals(1, updated.lastSeq());
        assertEquals(1, store.findConversation(c.id()).orElseThrow().lastSeq());
        assertTrue(store.update("missing", x -> x).isEmpty());
        assertTrue(store.updateIf(c.id(), x -> false, x -> x.closed("no", T0)).isEmpty());
        assertTrue(store.findConversation(c.id()).orElseThrow().state().isOpen());
    }

    @Test
    void pagingAfterAndBefore() {
        Conversation c = open("v1");
        for (int i = 1; i <= 10; i++) {
            store.append(c.id(), draft(visitor("v1"), "c" + i, "m" + i));
        }
        assertEquals(List.of(4L, 5L, 6L), seqs(store.messagesAfter(c.id(), 3, 3)));
        assertEquals(List.of(9L, 10L), seqs(store.messagesAfter(c.id(), 8, 5)));
        assertEquals(List.of(), seqs(store.messagesAfter(c.id(), 10, 5)));
        assertEquals(List.of(6L, 7L, 8L), seqs(store.messagesBefore(c.id(), 9, 3)));
        assertEquals(List.of(1L, 2L), seqs(store.messagesBefore(c.id(), 3, 5)));
        assertEquals(List.of(8L, 9L, 10L), seqs(store.messagesBefore(c.id(), 11, 3)));
        assertEquals(List.of(), seqs(store.messagesBefore(c.id(), 1, 3)));
        assertEquals(List.of(), store.messagesAfter("missing", 0, 3));
    }

    private static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }

    @Test
    void theQueueIsLongestWaitingFirst() {
        Conversation a = open("a");
        Conversation b = open("b");
        Conversation c = open("c");
        store.update(b.id(), x -> x.queued("r", null, "agent", T0.plusSeconds(1)));
        store.update(a.id(), x -> x.queued("r", null, "agent", T0.plusSeconds(2)));
        store.update(c.id(), x -> x.queued("r", null, "agent", T0.plusSeconds(3)));
        assertEquals(List.of(b.id(), a.id(), c.id()), store.queue(site).stream().map(Conversation::id).toList());
        store.update(a.id(), x -> x.assigned(new Assignee("anna", Role.AGENT, "Anna"), T0.plusSeconds(4)));
        store.update(b.id(), x -> x.handedBack(T0.plusSeconds(4)));
        assertEquals(List.of(c.id()), store.queue(site).stream().map(Conversation::id).toList());
        assertEquals(List.of(a.id()), store.assigned(site).stream().map(Conversation::id).toList());
        store.update(a.id(), x -> x.closed("done", T0.plusSeconds(5)));
        assertTrue(store.assigned(site).isEmpty());
    }

    @Test
    void listingsByStateAndTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(store.openConversation(Conversation.open("conv-" + UUID.randomUUID(), site, "v" + i, "web",
                    T0.plusSeconds(i))).id());
        }
        store.update(ids.get(1), x -> x.closed("done", T0.plusSeconds(10)));
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)),
                store.conversations(site, null, null, 10).stream().map(Conversation::id).toList());
        assertEquals(List.of(ids.get(4), ids.get(3)),
                store.conversations(site, null, null, 2).stream().map(Conversation::id).toList());
        assertEquals(List.of(ids.get(2), ids.get(0)), store.conversations(site, ConversationState.BOT,
                T0.plusSeconds(3), 10).stream().map(Conversation::id).toList());
        assertEquals(List.of(ids.get(1)), store.conversations(site, ConversationState.CLOSED, null, 10).stream()
                .map(Conversation::id).toList());
        assertEquals(ids.get(1), store.lastClosedConversation(site, "v1").orElseThrow().id());
        assertTrue(store.lastClosedConversation(site, "v2").isEmpty());
    }

    @Test
    void visitorsAndLinks() {
        Visitor v = new Visitor(site, "v1", T0, "42", "a@b.fr", "Anne", "fr-FR", true);
        store.saveVisitor(v);
        assertEquals(v, store.findVisitor(site, "v1").orElseThrow());
        assertTrue(store.findVisitor(site, "v2").isEmpty());
        assertEquals("v1", store.linkUser(site, "42", "v1"));
        assertEquals("v1", store.linkUser(site, "42", "v2"), "the first binding wins");
        assertEquals("v9", store.linkUser("other-" + site, "42", "v9"), "per site");
    }

    @Test
    void concurrentLinksAgree() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<String> bound = inParallel(8, () -> store.linkUser(site, "u1", "v" + n.incrementAndGet()));
        assertEquals(1, new HashSet<>(bound).size());
    }

    @Test
    void presenceKeepsItsExpiry() {
        Instant now = Instant.now();
        store.savePresence(new Presence(site, "anna", "online", "node-a", now.plusSeconds(45)));
        store.savePresence(new Presence(site, "zoe", "online", "node-b", now.minusSeconds(1)));
        store.savePresence(new Presence(site, "leo", "away", "node-b", now.plusSeconds(45)));
        Set<String> online = new HashSet<>();
        store.presence(site).stream().filter(p -> p.online(now)).forEach(p -> online.add(p.staffId()));
        assertEquals(Set.of("anna"), online);
        store.savePresence(new Presence(site, "anna", "offline", "node-a", now));
        assertTrue(store.presence(site).stream().noneMatch(p -> p.online(now)));
        assertEquals(3, store.presence(site).size(), "one entry per person, the last one written");
    }

    @Test
    void staffSessions() {
        StaffLogin session = new StaffLogin("hash-" + site, site, "anna", "agent", T0, Instant.now().plus(Duration.ofHours(8)));
        store.saveStaffSession(session);
        assertEquals(session, store.findStaffSession(session.tokenHash()).orElseThrow());
        store.deleteStaffSession(session.tokenHash());
        assertTrue(store.findStaffSession(session.tokenHash()).isEmpty());
    }

    @Test
    void timelinesByRange() {
        ObjectNode data = Json.MAPPER.createObjectNode().put("value", 49.9);
        store.saveEvent(new VisitorEvent(site, "v1", "purchase", data, T0));
        store.saveEvent(new VisitorEvent(site, "v1", "purchase", data, T0));
        store.saveEvent(new VisitorEvent(site, "v2", "page_view", data, T0.plusSeconds(60)));
        assertEquals(2, store.events(site, T0, T0.plusSeconds(60)).size(), "from inclusive, to exclusive; equal events kept");
        assertEquals(3, store.events(site, T0, T0.plusSeconds(61)).size());
        assertEquals(2, store.events(site, "v1").size());
        assertEquals(data, store.events(site, "v2").get(0).data());

        Lead lead = new Lead("l1", site, "v1", "c1", "a@b.fr", "rappel", "fr", T0.plusSeconds(5));
        store.saveLead(lead);
        assertEquals(List.of(lead), store.leads(site, T0, T0.plusSeconds(6)));
        assertEquals(List.of(), store.leads(site, T0, T0.plusSeconds(5)));

        BotTurnRecord turn = new BotTurnRecord(site, "c1", null, "Bonjour", "greeting", 0.93, "answer", true, T0);
        store.saveBotTurn(turn);
        assertEquals(List.of(turn), store.botTurns(site, T0.minusSeconds(1), T0.plusSeconds(1)));
        assertEquals(List.of(), store.botTurns("other-" + site, T0.minusSeconds(1), T0.plusSeconds(1)));
    }

    @Test
    void aSecondRatingReplacesTheFirst() {
        Conversation c = open("v1");
        store.saveRating(new Rating(site, c.id(), "v1", 2, null, T0));
        Rating second = new Rating(site, c.id(), "v1", 5, "Parfait", T0.plusSeconds(1));
        store.saveRating(second);
        assertEquals(second, store.rating(c.id()).orElseThrow());
        assertEquals(List.of(second), store.ratings(site, T0, T0.plusSeconds(2)));
        assertEquals(List.of(), store.ratings(site, T0, T0.plusSeconds(1)));
    }

    @Test
    void erasingAVisitorLeavesNoTrace() {
        Conversation mine = open("v1");
        Conversation theirs = open("v2");
        store.saveVisitor(new Visitor(site, "v1", T0, "42", "a@b.fr", "Anne", "fr", true));
        store.linkUser(site, "42", "v1");
        store.append(mine.id(), draft(visitor("v1"), "c1", "Bonjour"));
        store.append(theirs.id(), draft(visitor("v2"), "c1", "Salut"));
        store.update(mine.id(), x -> x.queued("r", null, "agent", T0));
        store.saveEvent(new VisitorEvent(site, "v1", "page_view", Json.MAPPER.createObjectNode(), T0));
        store.saveLead(new Lead("l1", site, "v1", mine.id(), "a@b.fr", null, "fr", T0));
        store.saveBotTurn(new BotTurnRecord(site, mine.id(), "v1", "Bonjour", "greeting", 0.9, "answer", true, T0));
        store.saveRating(new Rating(site, mine.id(), "v1", 4, null, T0));

        store.eraseVisitor(site, "v1");

        assertTrue(store.findVisitor(site, "v1").isEmpty());
        assertEquals("v7", store.linkUser(site, "42", "v7"), "the customer id is free again");
        assertTrue(store.findConversation(mine.id()).isEmpty());
        assertTrue(store.messagesAfter(mine.id(), 0, 10).isEmpty());
        assertTrue(store.findOpenConversation(site, "v1", "web").isEmpty());
        assertTrue(store.conversationsOfVisitor(site, "v1").isEmpty());
        assertTrue(store.findByClientId(site, visitor("v1"), "c1").isEmpty());
        assertTrue(store.queue(site).isEmpty());
        assertTrue(store.events(site, "v1").isEmpty());
        assertTrue(store.events(site, T0, T0.plusSeconds(1)).isEmpty());
        assertTrue(store.leads(site, T0, T0.plusSeconds(1)).isEmpty());
        assertTrue(store.botTurns(site, T0, T0.plusSeconds(1)).isEmpty());
        assertTrue(store.rating(mine.id()).isEmpty());
        assertTrue(store.ratings(site, T0, T0.plusSeconds(1)).isEmpty());
        assertEquals(List.of(theirs.id()), store.conversations(site, null, null, 10).stream().map(Conversation::id).toList());
        assertTrue(store.findByClientId(site, visitor("v2"), "c1").isPresent());
    }

    @Test
    void purgeDeletesOnlyWhatIsOld() {
        Instant cutoff = T0.plus(Duration.ofDays(30));
        Conversation old = open("v1");
        store.append(old.id(), draft(visitor("v1"), "c1", "vieux"));
        store.update(old.id(), x -> x.closed("done", T0.plusSeconds(1)));
        Conversation recent = open("v2");
        store.update(recent.id(), x -> x.closed("done", cutoff.plusSeconds(1)));
        Conversation stillOpen = open("v3");
        store.saveEvent(new VisitorEvent(site, "v1", "page_view", Json.MAPPER.createObjectNode(), T0));
        store.saveEvent(new VisitorEvent(site, "v2", "page_view", Json.MAPPER.createObjectNode(), cutoff));
        store.saveLead(new Lead("l1", site, "v1", null, "a@b.fr", null, "fr", T0));
        store.saveBotTurn(new BotTurnRecord(site, old.id(), "v1", "x", "greeting", 0.9, "answer", true, T0));
        store.saveRating(new Rating(site, old.id(), "v1", 4, null, T0));
        store.saveRating(new Rating(site, recent.id(), "v2", 5, null, cutoff.plusSeconds(2)));

        assertEquals(1, store.purge(site, cutoff));

        assertTrue(store.findConversation(old.id()).isEmpty());
        assertTrue(store.findByClientId(site, visitor("v1"), "c1").isEmpty());
        assertTrue(store.findConversation(recent.id()).isPresent());
        assertTrue(store.findConversation(stillOpen.id()).isPresent());
        assertEquals(1, store.events(site, Instant.EPOCH, cutoff.plusSeconds(10)).size());
        assertTrue(store.events(site, "v1").isEmpty());
        assertTrue(store.leads(site, Instant.EPOCH, cutoff).isEmpty());
        assertTrue(store.botTurns(site, Instant.EPOCH, cutoff).isEmpty());
        assertEquals(1, store.ratings(site, Instant.EPOCH, cutoff.plusSeconds(10)).size());
        assertEquals(0, store.purge(site, cutoff));
    }

    @Test
    void searchAndLessons() {
        Conversation c = open("v1");
        store.append(c.id(), draft(visitor("v1"), "c1", "Le fauteuil OSLO existe en bleu ?"));
        open("v2");
        assertEquals(List.of(c.id()), store.search(site, "oslo", 10).stream().map(Conversation::id).toList());
        assertTrue(store.search(site, "table", 10).isEmpty());
        Lesson lesson = new Lesson(site, "Livrez-vous en Belgique ?", "fr", "shipping", Map.of(), T0);
        store.saveLesson(lesson);
        assertEquals(List.of(lesson), store.lessons(site));
    }

    @Test
    void theServerSecretIsStable() {
        byte[] secret = store.serverSecret();
        assertEquals(32, secret.length);
        assertArrayEquals(secret, store.serverSecret());
    }

    /** For stores shared between processes: two instances on the same backend agree. */
    protected void assertSharedSecret(Store other) {
        assertArrayEquals(store.serverSecret(), other.serverSecret());
    }

    /** Many visitors at once: no lost conversations, every one findable. */
    @Test
    void manyVisitorsInParallel() throws Exception {
        Map<String, String> opened = new ConcurrentHashMap<>();
        AtomicInteger n = new AtomicInteger();
        inParallel(8, () -> {
            for (int i = 0; i < 10; i++) {
                String v = "v" + n.incrementAndGet();
                opened.put(v, open(v).id());
            }
            return null;
        });
        assertEquals(80, store.conversations(site, null, null, 1000).size());
        opened.forEach((v, id) -> assertEquals(id, store.findOpenConversation(site, v, "web").orElseThrow().id()));
    }

    // ---- CRM webhook outbox ------------------------------------------------------------------------------------

    private static WebhookDelivery delivery(String site, Instant createdAt, Instant due) {
        return new WebhookDelivery(UUID.randomUUID().toString(), site, "https://crm.example/hook", "message.created",
                "{\"event\":\"message.created\"}", 0, createdAt, due, null);
    }

    @Test
    void theOutboxHandsEachDueDeliveryToOneClaimerUntilItsLeaseEnds() throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        WebhookDelivery due = delivery("outbox-shop", now.minusSeconds(30), now.minusSeconds(5));
        WebhookDelivery later = delivery("outbox-shop", now.minusSeconds(20), now.plusSeconds(60));
        store.saveWebhookDelivery(due);
        store.saveWebhookDelivery(later);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<WebhookDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> store.claimWebhookDeliveries(now, now.plusSeconds(60), 10)));
            }
            int taken = 0;
            for (Future<List<WebhookDelivery>> claim : claims) {
                for (WebhookDelivery d : claim.get()) {
                    assertEquals(due.id(), d.id());
                    assertEquals(now.plusSeconds(60), d.nextAttemptAt());
                    taken++;
                }
            }
            assertEquals(1, taken, "one claimer only");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(store.claimWebhookDeliveries(now.plusSeconds(30), now.plusSeconds(90), 10).isEmpty(), "leased");

        store.saveWebhookDelivery(due.failed("HTTP 500", now.plusSeconds(2)));
        List<WebhookDelivery> retried = store.claimWebhookDeliveries(now.plusSeconds(3), now.plusSeconds(63), 10);
        assertEquals(1, retried.size());
        assertEquals(1, retried.get(0).attempts());
        assertEquals("HTTP 500", retried.get(0).lastError());

        assertEquals(List.of(due.id(), later.id()), store.webhookDeliveries("outbox-shop", 10).stream().map(WebhookDelivery::id).toList());
        store.deleteWebhookDelivery(due.id());
        store.deleteWebhookDelivery("no-such-delivery");
        assertEquals(List.of(later.id()), store.webhookDeliveries("outbox-shop", 10).stream().map(WebhookDelivery::id).toList());
        assertTrue(store.webhookDeliveries("other-shop", 10).isEmpty());
    }

    // ---- conversational marketing ---------------------------------------------------------------------------------

    @Test
    void aProactiveClaimHoldsUntilItRunsOutAndOnlyOneOfManyWins() throws Exception {
        // Redis expires claims by the wall clock, so the times here are real ones.
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofHours(1));
        assertTrue(store.claimProactive(site, "v1", now, until));
        assertFalse(store.claimProactive(site, "v1", now.plusSeconds(60), until.plusSeconds(60)));
        assertTrue(store.claimProactive(site, "v2", now, until), "another visitor has its own slot");
        assertTrue(store.claimProactive(site, "v4", now.minusSeconds(10), now.plusMillis(200)));
        Thread.sleep(400);
        assertTrue(store.claimProactive(site, "v4", Instant.now(), Instant.now().plusSeconds(60)), "a claim that ran out frees the slot");
        // Many at once for a fresh visitor: exactly one wins.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tries.add(pool.submit(() -> store.claimProactive(site, "v3", now, now.plus(Duration.ofHours(1)))));
            }
            int won = 0;
            for (Future<Boolean> attempt : tries) {
                won += attempt.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void variantCountersAddUpPerVariantAndStat() {
        assertEquals(Map.of(), store.variantCounts(site, "cart"));
        store.countVariant(site, "cart", "a", "shown");
        store.countVariant(site, "cart", "a", "shown");
        store.countVariant(site, "cart", "a", "answered");
        store.countVariant(site, "cart", "b", "shown");
        store.countVariant(site, "other", "a", "shown");
        assertEquals(Map.of("a:shown", 2L, "a:answered", 1L, "b:shown", 1L), store.variantCounts(site, "cart"));
    }

    // ---- customers and consent records --------------------------------------------------------------------------

    private ChannelLink link(String userId, String channel, String externalId, String visitorId) {
        return new ChannelLink(site, userId, channel, externalId, visitorId, T0);
    }

    @Test
    void aCustomerGathersDevicesAndChannelsAndEachVisitorHasOneCustomer() {
        assertEquals("v1", store.linkUser(site, "42", "v1"));
        assertTrue(store.addCustomerVisitor(site, "42", "v2"), "a second device");
        assertTrue(store.addCustomerVisitor(site, "42", "v2"), "idempotent");
        assertEquals(ChannelLink.Outcome.LINKED, store.linkChannel(link("42", "messenger", "6011", "fb_6011")));
        assertEquals(ChannelLink.Outcome.ALREADY_LINKED, store.linkChannel(link("42", "messenger", "6011", "fb_6011")));
        assertEquals(ChannelLink.Outcome.TAKEN, store.linkChannel(link("43", "messenger", "6011", "fb_6011")),
                "one PSID, one customer");
        assertFalse(store.addCustomerVisitor(site, "43", "v1"), "a device of 42 does not join 43");
        assertEquals(List.of("fb_6011", "v1", "v2"), store.customerVisitors(site, "42"));
        assertEquals(List.of(), store.customerVisitors(site, "43"));
        assertEquals(Optional.of("42"), store.customerOfVisitor(site, "fb_6011"));
        assertEquals(Optional.of("42"), store.customerOfVisitor(site, "v1"));
        assertTrue(store.customerOfVisitor(site, "v9").isEmpty());
        assertEquals(List.of(link("42", "messenger", "6011", "fb_6011")), store.channelLinks(site, "42"));
        assertTrue(store.customerVisitors("other-" + site, "42").isEmpty(), "per site");

        assertTrue(store.unlinkChannel(site, "42", "messenger", "6011"));
        assertFalse(store.unlinkChannel(site, "42", "messenger", "6011"), "unlinking twice changes nothing");
        assertEquals(List.of("v1", "v2"), store.customerVisitors(site, "42"));
        assertTrue(store.customerOfVisitor(site, "fb_6011").isEmpty());
        assertEquals(ChannelLink.Outcome.LINKED, store.linkChannel(link("43", "messenger", "6011", "fb_6011")),
                "free for another customer once unlinked");
    }

    @Test
    void concurrentChannelLinksToTwoCustomersHaveOneWinner() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<ChannelLink.Outcome> outcomes = inParallel(8, () -> store.linkChannel(
                link("user-" + n.incrementAndGet(), "whatsapp", "33612345678", "wa_33612345678")));
        assertEquals(1, outcomes.stream().filter(o -> o == ChannelLink.Outcome.LINKED).count());
        assertEquals(7, outcomes.stream().filter(o -> o == ChannelLink.Outcome.TAKEN).count());
    }

    @Test
    void erasingAVisitorTakesItOutOfItsCustomerAndForgettingACustomerFreesEverything() {
        store.linkUser(site, "42", "v1");
        store.addCustomerVisitor(site, "42", "v2");
        store.linkChannel(link("42", "whatsapp", "33612345678", "wa_33612345678"));
        store.saveConsent(new ConsentRecord(site, "v2", ConsentRecord.TRACKING, true, ConsentRecord.FROM_HELLO, T0), true);

        store.eraseVisitor(site, "wa_33612345678");
        store.eraseVisitor(site, "v2");
        assertEquals(List.of("v1"), store.customerVisitors(site, "42"));
        assertEquals(List.of(), store.channelLinks(site, "42"), "the link to an erased visitor goes with it");
        assertTrue(store.customerOfVisitor(site, "v2").isEmpty());
        assertTrue(store.consentHistory(site, "v2").isEmpty());

        store.forgetCustomer(site, "42");
        assertEquals(List.of(), store.customerVisitors(site, "42"));
        assertTrue(store.customerOfVisitor(site, "v1").isEmpty());
        assertEquals("v7", store.linkUser(site, "42", "v7"), "the customer id is free again");
    }

    @Test
    void consentRecordsKeepEveryChangeInOrderBoundedAndFollowRetention() {
        ConsentRecord refused = new ConsentRecord(site, "v1", ConsentRecord.TRACKING, false, ConsentRecord.FROM_HELLO, T0);
        assertFalse(store.saveConsent(refused, true), "no record counts as not granted: nothing changes");
        ConsentRecord granted = new ConsentRecord(site, "v1", ConsentRecord.TRACKING, true, ConsentRecord.FROM_HELLO,
                T0.plusSeconds(1));
        assertTrue(store.saveConsent(granted, true));
        assertFalse(store.saveConsent(new ConsentRecord(site, "v1", ConsentRecord.TRACKING, true,
                ConsentRecord.FROM_HELLO, T0.plusSeconds(2)), true), "the same choice again is not a change");
        ConsentRecord contact = new ConsentRecord(site, "v1", ConsentRecord.CONTACT, true, ConsentRecord.FROM_LEAD_FORM,
                T0.plusSeconds(3));
        assertTrue(store.saveConsent(contact, false));
        ConsentRecord withdrawn = new ConsentRecord(site, "v1", ConsentRecord.TRACKING, false,
                ConsentRecord.FROM_CONSENT_FRAME, T0.plusSeconds(4));
        assertTrue(store.saveConsent(withdrawn, true), "the latest tracking choice was a grant");
        assertEquals(List.of(granted, contact, withdrawn), store.consentHistory(site, "v1"));
        assertTrue(store.consentHistory(site, "v2").isEmpty());

        for (int i = 0; i < ConsentRecord.MAX_PER_VISITOR + 5; i++) {
            store.saveConsent(new ConsentRecord(site, "v3", ConsentRecord.TRACKING, i % 2 == 0,
                    ConsentRecord.FROM_CONSENT_FRAME, T0.plusSeconds(10 + i)), true);
        }
        List<ConsentRecord> bounded = store.consentHistory(site, "v3");
        assertEquals(ConsentRecord.MAX_PER_VISITOR, bounded.size());
        assertEquals(T0.plusSeconds(10 + ConsentRecord.MAX_PER_VISITOR + 4), bounded.get(bounded.size() - 1).ts(),
                "the newest are kept");

        store.purge(site, T0.plusSeconds(4));
        assertEquals(List.of(withdrawn), store.consentHistory(site, "v1"), "older than the retention: gone");
    }

    // ---- outcomes: conversions, A/B exposures, NPS ------------------------------------------------------------------

    private VisitorEvent purchase(String visitorId, String orderId, double value, Instant ts) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("value", value).put("currency", "EUR");
        if (orderId != null) {
            data.put("orderId", orderId);
        }
        return new VisitorEvent(site, visitorId, "purchase", data, ts);
    }

    @Test
    void anOrderIsStoredOnceWhoeverReportsItAndHowOftenAtOnce() throws Exception {
        List<Boolean> stored = inParallel(8, () -> store.savePurchase(purchase("v1", "A-1", 59.9, T0), "A-1"));
        assertEquals(1, stored.stream().filter(b -> b).count(), "one of eight racers stores order A-1");
        assertFalse(store.savePurchase(purchase("v1", "A-1", 59.9, T0.plusSeconds(5)), "A-1"), "the page reloaded, same order");
        assertTrue(store.savePurchase(purchase("v1", "A-2", 10, T0.plusSeconds(6)), "A-2"));
        // Another shopper claiming a guessed order id first must not make the buyer's purchase vanish.
        assertTrue(store.savePurchase(purchase("v2", "A-3", 1, T0.plusSeconds(7)), "A-3"));
        assertTrue(store.savePurchase(purchase("v1", "A-3", 80, T0.plusSeconds(8)), "A-3"));
        assertEquals(3, store.events(site, "v1").size());
        assertEquals(1, store.events(site, "v2").size());
        assertEquals(4, store.events(site, T0, T0.plusSeconds(10)).size());
        store.saveEvent(purchase("v1", null, 5, T0.plusSeconds(9)));
        assertEquals(4, store.events(site, "v1").size(), "a purchase without order id is an ordinary event");
    }

    @Test
    void exposuresAndVariantAmounts() {
        store.saveExposure(new Exposure(site, "v1", "cart", "b", T0.plusSeconds(10)));
        store.saveExposure(new Exposure(site, "v1", "pages", "a", T0));
        store.saveExposure(new Exposure(site, "v2", "cart", "a", T0));
        assertEquals(List.of(new Exposure(site, "v1", "pages", "a", T0), new Exposure(site, "v1", "cart", "b", T0.plusSeconds(10))),
                store.exposures(site, "v1"));
        store.countVariant(site, "cart", "b", "converted");
        store.addToVariant(site, "cart", "b", "revenueCents", 5_990);
        store.addToVariant(site, "cart", "b", "revenueCents", 1_000);
        assertEquals(Map.of("b:converted", 1L, "b:revenueCents", 6_990L), store.variantCounts(site, "cart"));
    }

    @Test
    void aCustomerIsAskedTheNpsQuestionOncePerPeriodAndAnswersOnce() throws Exception {
        Instant until = T0.plus(Duration.ofDays(90));
        List<Boolean> claims = inParallel(8, () -> store.claimNpsAsk(site, "u:42", "c1", "v1", T0, until));
        assertEquals(1, claims.stream().filter(b -> b).count(), "two tabs never both ask");
        assertFalse(store.claimNpsAsk(site, "u:42", "c2", "v1", T0.plus(Duration.ofDays(89)), until.plus(Duration.ofDays(89))));
        assertTrue(store.claimNpsAsk(site, "v:v9", "c9", "v9", T0, until), "another customer has their own period");
        assertEquals(Optional.of("c1"), store.pendingNps(site, "u:42", T0.plusSeconds(30)));
        assertEquals(Optional.empty(), store.pendingNps(site, "u:7", T0));

        NpsAnswer answer = new NpsAnswer(site, "c1", "v1", 9, "Super", T0.plusSeconds(30));
        List<Boolean> saved = inParallel(4, () -> store.saveNpsAnswer(answer, "u:42"));
        assertEquals(1, saved.stream().filter(b -> b).count(), "one answer per ask");
        assertEquals(List.of(answer), store.npsAnswers(site, T0, T0.plusSeconds(31)));
        assertEquals(List.of(), store.npsAnswers(site, T0, T0.plusSeconds(30)), "to is exclusive");
        assertEquals(Optional.empty(), store.pendingNps(site, "u:42", T0.plusSeconds(31)));
        assertFalse(store.saveNpsAnswer(new NpsAnswer(site, "c1", "v1", 3, null, T0.plusSeconds(40)), "u:7"), "never asked");
        assertFalse(store.saveNpsAnswer(new NpsAnswer(site, "c9", "v9", 3, null, until.plusSeconds(1)), "v:v9"), "the ask ran out");

        assertTrue(store.claimNpsAsk(site, "u:42", "c3", "v1", until.plusSeconds(1), until.plus(Duration.ofDays(90))),
                "the next period asks again");
        assertTrue(store.saveNpsAnswer(new NpsAnswer(site, "c3", "v1", 6, null, until.plusSeconds(2)), "u:42"));
    }

    @Test
    void erasureAndRetentionCoverOrdersExposuresAndNps() {
        store.saveVisitor(new Visitor(site, "v1", T0, "42", null, null, "fr", true));
        store.linkUser(site, "42", "v1");
        assertTrue(store.savePurchase(purchase("v1", "A-1", 20, T0), "A-1"));
        store.saveExposure(new Exposure(site, "v1", "cart", "a", T0));
        store.claimNpsAsk(site, "u:42", "c1", "v1", T0, T0.plus(Duration.ofDays(90)));
        store.saveNpsAnswer(new NpsAnswer(site, "c1", "v1", 10, "Top", T0.plusSeconds(1)), "u:42");
        store.saveExposure(new Exposure(site, "v2", "cart", "b", T0));
        store.saveNpsAnswer(new NpsAnswer(site, "c2", "v2", 10, null, T0.plusSeconds(1)), "v:v2");

        store.eraseVisitor(site, "v1");

        assertTrue(store.exposures(site, "v1").isEmpty());
        assertTrue(store.npsAnswers(site, T0, T0.plusSeconds(2)).isEmpty());
        assertTrue(store.pendingNps(site, "u:42", T0).isEmpty());
        assertTrue(store.claimNpsAsk(site, "u:42", "c5", "v5", T0, T0.plus(Duration.ofDays(90))), "no ask left for the customer");
        assertTrue(store.savePurchase(purchase("v5", "A-1", 20, T0), "A-1"), "the erased order id is gone too");
        assertEquals(1, store.exposures(site, "v2").size(), "others keep theirs");

        Instant cutoff = T0.plus(Duration.ofDays(400));
        store.claimNpsAsk(site, "v:v3", "c3", "v3", cutoff, cutoff.plus(Duration.ofDays(90)));
        store.saveNpsAnswer(new NpsAnswer(site, "c3", "v3", 8, null, cutoff.plusSeconds(1)), "v:v3");
        store.saveExposure(new Exposure(site, "v3", "cart", "a", cutoff.plusSeconds(1)));
        store.purge(site, cutoff);
        assertTrue(store.exposures(site, "v2").isEmpty());
        assertEquals(1, store.exposures(site, "v3").size());
        assertEquals(1, store.npsAnswers(site, Instant.EPOCH, cutoff.plusSeconds(10)).size());
        assertTrue(store.savePurchase(purchase("v6", "A-1", 20, cutoff), "A-1"), "old order claims go with retention");
        assertFalse(store.savePurchase(purchase("v6", "A-1", 20, cutoff), "A-1"));
    }

    // ---- the hot path of a visitor message and the bot's turn (issue 10) ---------------------------------------------

    private BotTurnRecord turnRecord(String conversationId, String visitorId, Instant ts) {
        return new BotTurnRecord(site, conversationId, visitorId, "Bonjour", "greeting", 0.9, "answer", true, ts);
    }

    private static MessageDraft botSays(String text, Instant ts) {
        return new MessageDraft(new Author(Role.BOT, null, "Lumi"), null, text, null,
                List.of(new QuickReply("Retours", "INTENT:returns")), List.of(), false, ts);
    }

    @Test
    void appendToOpenStoresInTheOpenConversationAndReturnsItWithItsVersion() {
        assertTrue(store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c0", "hi")).isEmpty(),
                "no open conversation: nothing stored");
        assertTrue(store.findByClientId(site, visitor("v1"), "c0").isEmpty());
        Conversation c = open("v1");
        store.append(c.id(), draft(visitor("v1"), "c1", "first"));
        OpenAppend second = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c2", "second")).orElseThrow();
        assertFalse(second.duplicate());
        assertEquals(c.id(), second.message().conversationId());
        assertEquals(2, second.message().seq());
        assertEquals("second", second.message().text());
        assertEquals(c.id(), second.conversation().id());
        assertEquals(2, second.conversation().conversation().lastSeq());
        assertEquals(ConversationState.BOT, second.conversation().conversation().state());
        assertEquals(store.messagesAfter(c.id(), 1, 10), List.of(second.message()));
        assertEquals(second.message(), store.findByClientId(site, visitor("v1"), "c2").orElseThrow());
        assertTrue(store.appendToOpen(site, "v1", "messenger", draft(visitor("v1"), "c3", "x")).isEmpty(),
                "the open conversation is per channel");
    }

    @Test
    void appendToOpenReturnsTheOriginalOfAClientIdFromAnyConversation() {
        Conversation first = open("v1");
        StoredMessage original = store.append(first.id(), draft(visitor("v1"), "c1", "Bonjour")).message();
        OpenAppend again = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour")).orElseThrow();
        assertTrue(again.duplicate());
        assertEquals(original, again.message());
        store.update(first.id(), c -> c.closed("done", T0));
        OpenAppend afterClose = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour")).orElseThrow();
        assertTrue(afterClose.duplicate(), "a resend after the conversation closed is the original, no new conversation");
        assertEquals(original, afterClose.message());
        assertTrue(store.findOpenConversation(site, "v1", "web").isEmpty());
        assertTrue(store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c2", "new")).isEmpty(),
                "a closed conversation is not appended to");
        assertEquals(1, store.findConversation(first.id()).orElseThrow().lastSeq());
    }

    @Test
    void concurrentAppendsToOpenGiveDenseSeqsAndStoreEachClientIdOnce() throws Exception {
        Conversation c = open("v1");
        AtomicInteger n = new AtomicInteger();
        List<OpenAppend> results = inParallel(8, () -> {
            int i = n.incrementAndGet();
            // Two racers per clientId: each is stored once.
            return store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c" + (i % 4), "m")).orElseThrow();
        });
        assertEquals(4, results.stream().filter(r -> !r.duplicate()).count());
        assertEquals(List.of(1L, 2L, 3L, 4L), results.stream().filter(r -> !r.duplicate())
                .map(r -> r.message().seq()).sorted().toList());
        assertEquals(4, store.findConversation(c.id()).orElseThrow().lastSeq());
    }

    @Test
    void aVersionedUpdateCommitsWhenNobodyChangedTheConversation() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "hi"))
                .orElseThrow().conversation();
        store.append(known.id(), draft(visitor("v1"), "c2", "appends do not change the version"));
        VersionedConversation queued = store.updateIf(known, x -> x.state() == ConversationState.BOT,
                x -> x.queued("human_request", "sales", "agent", T0.plusSeconds(1))).orElseThrow();
        assertTrue(queued.version() > known.version());
        assertEquals(ConversationState.QUEUED, queued.conversation().state());
        assertEquals(List.of(known.id()), store.queue(site).stream().map(Conversation::id).toList());
        Conversation found = store.findConversation(known.id()).orElseThrow();
        assertEquals(ConversationState.QUEUED, found.state());
        assertEquals(2, found.lastSeq(), "an update never moves lastSeq");
        // The version it returns is current: the next versioned update goes through as well.
        VersionedConversation assigned = store.updateIf(queued, x -> x.state() == ConversationState.QUEUED,
                x -> x.assigned(new Assignee("anna", Role.AGENT, "Anna"), T0.plusSeconds(2))).orElseThrow();
        assertEquals(ConversationState.ASSIGNED, store.findConversation(known.id()).orElseThrow().state());
        assertTrue(assigned.version() > queued.version());
        assertTrue(store.queue(site).isEmpty());
    }

    @Test
    void aVersionedUpdateAfterAnotherWritersChangeDecidesOnTheConversationAsItIs() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "hi"))
                .orElseThrow().conversation();
        // Staff (on another node) closed it between the lane's read and its write.
        store.update(known.id(), x -> x.closed("agent_closed", T0.plusSeconds(1))).orElseThrow();
        assertTrue(store.updateIf(known, x -> x.state() == ConversationState.BOT,
                x -> x.queued("human_request", null, "agent", T0.plusSeconds(2))).isEmpty(), "not handed over once closed");
        Conversation found = store.findConversation(known.id()).orElseThrow();
        assertEquals(ConversationState.CLOSED, found.state());
        assertTrue(store.queue(site).isEmpty());
        // A change whose condition still holds is applied to the current conversation, not to the stale copy.
        VersionedConversation read = store.updateIf(known, x -> true, x -> x.readByStaff(1)).orElseThrow();
        assertEquals(ConversationState.CLOSED, read.conversation().state());
        assertEquals(ConversationState.CLOSED, store.findConversation(known.id()).orElseThrow().state());
        assertEquals("agent_closed", store.findConversation(known.id()).orElseThrow().reason());
        assertTrue(store.updateIf(new VersionedConversation(Conversation.open("missing", site, "v9", "web", T0), 0),
                x -> true, x -> x.closed("no", T0)).isEmpty());
    }

    @Test
    void aBotTurnStoresTheContextTheAnswersAndTheRecordTogether() {
        open("v1");
        OpenAppend asked = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour")).orElseThrow();
        DialogueContext context = new DialogueContext("fr", "OSLO", "greeting", 0, List.of("OSLO"));
        Instant later = T0.plusSeconds(1);
        SavedTurn turn = store.saveBotTurn(asked.conversation(), x -> x.withBotContext(context, "fr", later),
                List.of(botSays("Bonjour !", later), botSays("Que cherchez-vous ?", later.plusMillis(1))),
                turnRecord(asked.conversation().id(), "v1", later)).orElseThrow();
        assertEquals(List.of(2L, 3L), seqs(turn.messages()));
        assertEquals(List.of("Bonjour !", "Que cherchez-vous ?"), turn.messages().stream().map(StoredMessage::text).toList());
        assertEquals(Role.BOT, turn.messages().get(0).from().role());
        assertEquals(List.of(new QuickReply("Retours", "INTENT:returns")), turn.messages().get(0).quickReplies());
        assertEquals(store.messagesAfter(asked.conversation().id(), 0, 10).subList(1, 3), turn.messages());
        assertEquals(context, turn.conversation().conversation().botContext());
        assertEquals(3, turn.conversation().conversation().lastSeq());
        assertTrue(turn.conversation().version() > asked.conversation().version());
        Conversation found = store.findConversation(asked.conversation().id()).orElseThrow();
        assertEquals(context, found.botContext());
        assertEquals("fr", found.language());
        assertEquals(3, found.lastSeq());
        assertEquals(List.of(turnRecord(asked.conversation().id(), "v1", later)),
                store.botTurns(site, T0, T0.plusSeconds(5)));
        // The version it returns is current: the hand-over that may follow commits from it.
        assertTrue(store.updateIf(turn.conversation(), x -> x.state() == ConversationState.BOT,
                x -> x.queued("human_request", null, "agent", later)).isPresent());
        assertEquals(1, store.queue(site).size());
    }

    @Test
    void aBotTurnAfterStaffTookTheConversationStoresNoAnswerAndLeavesTheirConversationAlone() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour"))
                .orElseThrow().conversation();
        // Staff on another node assigned it while the bot was thinking; a message of theirs came in too.
        store.update(known.id(), x -> x.queued("human_request", null, "agent", T0.plusSeconds(1))).orElseThrow();
        store.update(known.id(), x -> x.assigned(new Assignee("anna", Role.AGENT, "Anna"), T0.plusSeconds(2))).orElseThrow();
        store.append(known.id(), draft(new Author(Role.AGENT, "anna", "Anna"), "a1", "Bonjour, ici Anna"));
        Conversation before = store.findConversation(known.id()).orElseThrow();
        DialogueContext context = new DialogueContext("fr", null, "greeting", 0, List.of());
        SavedTurn turn = store.saveBotTurn(known, x -> x.withBotContext(context, "fr", T0.plusSeconds(3)),
                List.of(botSays("Bonjour !", T0.plusSeconds(3))), turnRecord(known.id(), "v1", T0.plusSeconds(3))).orElseThrow();
        assertTrue(turn.messages().isEmpty(), "the bot does not talk over the agent: nothing to deliver");
        assertEquals(before, store.findConversation(known.id()).orElseThrow(), "neither the context nor a seq is written");
        assertEquals(ConversationState.ASSIGNED, turn.conversation().conversation().state());
        assertEquals(new Assignee("anna", Role.AGENT, "Anna"), turn.conversation().conversation().assignee());
        assertEquals(List.of(known.id()), store.assigned(site).stream().map(Conversation::id).toList());
        assertEquals(List.of("Bonjour", "Bonjour, ici Anna"),
                store.messagesAfter(known.id(), 0, 10).stream().map(StoredMessage::text).toList());
        assertEquals(List.of(turnRecord(known.id(), "v1", T0.plusSeconds(3))), store.botTurns(site, T0, T0.plusSeconds(5)),
                "the report still counts the turn");
    }

    @Test
    void aBotTurnAfterStaffClosedTheConversationStoresNoAnswer() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour"))
                .orElseThrow().conversation();
        store.update(known.id(), x -> x.closed("agent_closed", T0.plusSeconds(1))).orElseThrow();
        Conversation before = store.findConversation(known.id()).orElseThrow();
        DialogueContext context = new DialogueContext("fr", null, "greeting", 0, List.of());
        SavedTurn turn = store.saveBotTurn(known, x -> x.withBotContext(context, "fr", T0.plusSeconds(3)),
                List.of(botSays("Bonjour !", T0.plusSeconds(3)), botSays("Que cherchez-vous ?", T0.plusSeconds(3))),
                turnRecord(known.id(), "v1", T0.plusSeconds(3))).orElseThrow();
        assertTrue(turn.messages().isEmpty(), "nothing to deliver into a closed conversation");
        assertEquals(ConversationState.CLOSED, turn.conversation().conversation().state());
        assertEquals(before, store.findConversation(known.id()).orElseThrow());
        assertEquals(1, store.findConversation(known.id()).orElseThrow().lastSeq());
        assertTrue(store.findOpenConversation(site, "v1", "web").isEmpty());
        assertEquals(1, store.botTurns(site, T0, T0.plusSeconds(5)).size());
    }

    @Test
    void aVisitorErasedDuringTheBotTurnKeepsNoAnswerAndNoRecord() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour"))
                .orElseThrow().conversation();
        // The erasure lands while the store is saving the turn (the change runs inside that step, in either store).
        Optional<SavedTurn> turn = store.saveBotTurn(known, x -> {
                    store.eraseVisitor(site, "v1");
                    return x.withBotContext(new DialogueContext("fr", null, "greeting", 0, List.of()), "fr", T0.plusSeconds(3));
                }, List.of(botSays("Bonjour !", T0.plusSeconds(3))), turnRecord(known.id(), "v1", T0.plusSeconds(3)));
        assertTrue(turn.isEmpty());
        assertTrue(store.findConversation(known.id()).isEmpty());
        assertTrue(store.botTurns(site, T0, T0.plusSeconds(5)).isEmpty(), "an erased visitor leaves no bot-turn record");
    }

    @Test
    void aBotTurnWithMoreMessagesThanABotSendsIsRefusedAndStoresNothing() {
        open("v1");
        VersionedConversation known = store.appendToOpen(site, "v1", "web", draft(visitor("v1"), "c1", "Bonjour"))
                .orElseThrow().conversation();
        List<MessageDraft> flood = new ArrayList<>();
        for (int i = 0; i <= Store.MAX_BOT_MESSAGES_PER_TURN; i++) {
            flood.add(botSays("n" + i, T0));
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.saveBotTurn(known, x -> x, flood, turnRecord(known.id(), "v1", T0)));
        assertEquals(1, store.findConversation(known.id()).orElseThrow().lastSeq());
        assertTrue(store.botTurns(site, T0.minusSeconds(1), T0.plusSeconds(1)).isEmpty());
    }

    @Test
    void aBotTurnOnAGoneConversationStoresNothingAndOneWithAClientIdIsRefused() {
        Conversation gone = Conversation.open("missing-" + UUID.randomUUID(), site, "v9", "web", T0);
        assertTrue(store.saveBotTurn(new VersionedConversation(gone, 0), x -> x, List.of(botSays("?", T0)),
                turnRecord(gone.id(), "v9", T0)).isEmpty());
        assertTrue(store.botTurns(site, T0.minusSeconds(1), T0.plusSeconds(1)).isEmpty());
        Conversation c = open("v1");
        MessageDraft withClientId = new MessageDraft(new Author(Role.BOT, null, "Lumi"), "b1", "x", null, List.of(),
                List.of(), false, T0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.saveBotTurn(
                new VersionedConversation(c, 0), x -> x, List.of(withClientId), turnRecord(c.id(), "v1", T0)));
        assertEquals(0, store.findConversation(c.id()).orElseThrow().lastSeq());
    }
}
