package org.causette.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link TimelineStore}: events, leads, bot turns and purchases by time. */
public abstract class TimelineStoreContract extends StoreContract {

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
}
