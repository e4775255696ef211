package org.causette.server.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.store.VisitorEvent;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PurchasesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static VisitorEvent purchase(String visitorId, String orderId, double value, String currency, int second) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("value", value);
        if (currency != null) {
            data.put("currency", currency);
        }
        if (orderId != null) {
            data.put("orderId", orderId);
        }
        return new VisitorEvent("s", visitorId, "purchase", data, T0.plusSeconds(second));
    }

    @Test
    void eachOrderCountsOnceAcrossVisitorsAndPurchasesWithoutOrderIdEachCount() {
        Purchases p = Purchases.of(List.of(
                purchase("v1", "A1", 120.5, "EUR", 1),
                purchase("v2", "A1", 120.5, "EUR", 2), // the same order seen from another device
                purchase("v1", "A7", 10.0, null, 3),    // no currency: the site's
                purchase("v1", null, 5.25, "EUR", 5),
                purchase("v1", null, 5.25, "EUR", 6),
                new VisitorEvent("s", "v1", "cart_update", Json.MAPPER.createObjectNode().put("value", 999), T0)), "EUR");
        assertEquals(4, p.list().size());
        assertEquals(141.0, p.lifetimeValue(), 1e-9);
        assertEquals("v1", p.list().get(0).get("visitorId"), "the first sighting of an order is kept");
    }

    @Test
    void aPurchaseInAnotherCurrencyIsListedButNotAddedToTheLifetimeValue() {
        Purchases p = Purchases.of(List.of(
                purchase("v1", "A1", 100, "EUR", 1),
                purchase("v1", "B2", 80, "USD", 2)), "EUR");
        assertEquals(2, p.list().size());
        assertEquals("USD", p.list().get(1).get("currency"));
        assertEquals(100.0, p.lifetimeValue(), 1e-9);
    }

    @Test
    void nothingBoughtIsZero() {
        assertEquals(0.0, Purchases.of(List.of(), "EUR").lifetimeValue());
    }
}
