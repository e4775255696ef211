package org.causette.server.store;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link VisitorStore}: visitors, customers across devices and channels, consent records. */
public abstract class VisitorStoreContract extends StoreContract {

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
}
