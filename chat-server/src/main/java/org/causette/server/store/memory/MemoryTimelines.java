package org.causette.server.store.memory;

import org.causette.server.store.BotTurnRecord;
import org.causette.server.store.Lead;
import org.causette.server.store.TimelineStore;
import org.causette.server.store.VisitorEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.causette.server.store.memory.MemoryKeys.key;
import static org.causette.server.store.memory.MemoryKeys.sitePrefix;
import static org.causette.server.store.memory.MemoryKeys.within;

/** Visitors' events, leads, the bot's turn records and order claims, in memory. */
final class MemoryTimelines implements TimelineStore {
    /** Append-only logs: O(1) appends from every lane at once (a copy-on-write list would copy them whole each time). */
    private final Queue<VisitorEvent> events = new ConcurrentLinkedQueue<>();
    private final Queue<Lead> leads = new ConcurrentLinkedQueue<>();
    private final Queue<BotTurnRecord> botTurns = new ConcurrentLinkedQueue<>();
    /** (site, order claim) → when the purchase claiming it was stored: one purchase event per order. */
    private final Map<String, Instant> orders = new ConcurrentHashMap<>();

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

    @Override
    public boolean savePurchase(VisitorEvent purchase, String orderId) {
        String claim = key(purchase.siteId(), TimelineStore.orderClaim(purchase.visitorId(), orderId));
        if (orders.putIfAbsent(claim, purchase.ts()) != null) {
            return false;
        }
        events.add(purchase);
        return true;
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

    /** A visitor's events (and the order claims of its purchases), leads and bot turns go. */
    void erase(String siteId, String visitorId) {
        events(siteId, visitorId).stream()
                .filter(e -> e.name().equals("purchase") && e.data() != null && e.data().path("orderId").isTextual())
                .forEach(e -> orders.remove(key(siteId, TimelineStore.orderClaim(visitorId, e.data().path("orderId").asText()))));
        events.removeIf(e -> e.siteId().equals(siteId) && e.visitorId().equals(visitorId));
        leads.removeIf(l -> l.siteId().equals(siteId) && l.visitorId().equals(visitorId));
        botTurns.removeIf(t -> t.siteId().equals(siteId) && visitorId.equals(t.visitorId()));
    }

    /** Everything of a site older than the cutoff goes. */
    void purge(String siteId, Instant cutoff) {
        events.removeIf(e -> e.siteId().equals(siteId) && e.ts().isBefore(cutoff));
        leads.removeIf(l -> l.siteId().equals(siteId) && l.ts().isBefore(cutoff));
        botTurns.removeIf(t -> t.siteId().equals(siteId) && t.ts().isBefore(cutoff));
        String prefix = sitePrefix(siteId);
        orders.entrySet().removeIf(e -> e.getKey().startsWith(prefix) && e.getValue().isBefore(cutoff));
    }
}
