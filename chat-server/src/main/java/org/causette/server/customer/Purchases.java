package org.causette.server.customer;

import org.causette.server.insights.PurchaseData;
import org.causette.server.store.VisitorEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A customer's purchases from their {@code purchase} events, each order once: the shop's page may send the same
 * order twice (a reloaded confirmation page, two devices), and an {@code orderId} seen again adds nothing.
 * Purchases without an {@code orderId} each count. The lifetime value adds only the site's currency (or purchases that
 * name none): amounts in other currencies are listed, not summed into a figure labelled in the site's.
 */
record Purchases(List<Map<String, Object>> list, double lifetimeValue) {

    static Purchases of(List<VisitorEvent> events, String siteCurrency) {
        Set<String> orders = new HashSet<>();
        List<Map<String, Object>> list = new ArrayList<>();
        double total = 0;
        List<VisitorEvent> sorted = events.stream().filter(e -> e.name().equals("purchase"))
                .sorted(Comparator.comparing(VisitorEvent::ts)).toList();
        for (VisitorEvent event : sorted) {
            PurchaseData purchase = PurchaseData.lenient(event.data());
            String orderId = purchase.orderId();
            if (orderId != null && !orders.add(orderId)) {
                continue;
            }
            double value = purchase.value();
            if (purchase.inCurrency(siteCurrency)) {
                total += value;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("orderId", orderId);
            row.put("value", value);
            row.put("currency", purchase.currency());
            row.put("visitorId", event.visitorId());
            row.put("ts", event.ts());
            list.add(row);
        }
        return new Purchases(List.copyOf(list), Math.round(total * 100) / 100.0);
    }
}
