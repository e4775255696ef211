package org.causette.server.store;

import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.DialogueContext;
import org.causette.bot.QuickReply;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link ConversationStore}: conversations, messages, the hot path of a visitor message and a bot turn, search. */
public abstract class ConversationStoreContract extends StoreContract {

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
    void searchFindsTheConversationsThatSayAWord() {
        Conversation c = open("v1");
        store.append(c.id(), draft(visitor("v1"), "c1", "Le fauteuil OSLO existe en bleu ?"));
        open("v2");
        assertEquals(List.of(c.id()), store.search(site, "oslo", 10).stream().map(Conversation::id).toList());
        assertTrue(store.search(site, "table", 10).isEmpty());
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
