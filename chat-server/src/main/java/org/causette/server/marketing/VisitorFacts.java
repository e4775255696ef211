package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.Store;
import org.causette.server.store.Visitor;
import org.causette.server.store.VisitorEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the store knows about one visitor, read at most once per decision and only when a scenario needs it
 * (segments, abandoned carts, cart cards): their consented events, oldest first, and their profile. Not thread-safe:
 * one per decision, on the visitor's lane.
 */
final class VisitorFacts {
    private final Store store;
    private final String siteId;
    private final String visitorId;
    private List<VisitorEvent> events;
    private Optional<Visitor> visitor;

    VisitorFacts(Store store, String siteId, String visitorId) {
        this.store = store;
        this.siteId = siteId;
        this.visitorId = visitorId;
    }

    /** A cart the visitor filled and then left alone: the last cart_update, when nothing emptied or bought it since. */
    record PendingCart(Instant updatedAt, JsonNode data) {
        double value() {
            JsonNode value = data.get("value");
            return value != null && value.isNumber() ? value.asDouble() : 0;
        }
    }

    List<VisitorEvent> events() {
        if (events == null) {
            events = store.events(siteId, visitorId);
        }
        return events;
    }

    Optional<Instant> firstSeen() {
        if (visitor == null) {
            visitor = store.findVisitor(siteId, visitorId);
        }
        return visitor.map(Visitor::createdAt);
    }

    /** The data of the last cart_update (null when none). */
    JsonNode lastCart() {
        List<VisitorEvent> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).name().equals("cart_update")) {
                return all.get(i).data();
            }
        }
        return null;
    }

    /** The cart left as it is: the last of cart_update/checkout/purchase is a cart_update with a non-empty cart. */
    Optional<PendingCart> pendingCart() {
        List<VisitorEvent> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            VisitorEvent event = all.get(i);
            switch (event.name()) {
                case "cart_update" -> {
                    return nonEmptyCart(event.data()) ? Optional.of(new PendingCart(event.ts(), event.data())) : Optional.empty();
                }
                case "checkout", "purchase" -> {
                    return Optional.empty();
                }
                default -> {
                    // Page views and custom events do not touch the cart.
                }
            }
        }
        return Optional.empty();
    }

    /** A cart with something in it: a value above 0 or at least one item. */
    static boolean nonEmptyCart(JsonNode data) {
        if (data == null) {
            return false;
        }
        JsonNode value = data.get("value");
        JsonNode items = data.get("items");
        return (value != null && value.isNumber() && value.asDouble() > 0) || (items != null && items.isArray() && !items.isEmpty());
    }

    long count(String eventName) {
        return events().stream().filter(e -> e.name().equals(eventName)).count();
    }

    boolean visited(String urlPart) {
        return events().stream().anyMatch(e -> e.name().equals("page_view") && e.data() != null
                && e.data().path("url").asText("").contains(urlPart));
    }

    /** The purchases' {@code data.value} added up (purchases without a number count 0). */
    double lifetimeValue() {
        return events().stream().filter(e -> e.name().equals("purchase") && e.data() != null)
                .map(e -> e.data().get("value")).filter(v -> v != null && v.isNumber())
                .mapToDouble(JsonNode::asDouble).sum();
    }
}
