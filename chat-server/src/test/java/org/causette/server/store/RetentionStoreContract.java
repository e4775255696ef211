package org.causette.server.store;

import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link RetentionStore}: erasure on request and purge by age, across every aggregate. */
public abstract class RetentionStoreContract extends StoreContract {

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
}
