package org.causette.server.customer;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Purchases without an {@code orderId} each count.
 */
record Purchases(List<Map<String, Object>> list, double lifetimeValue) {

    static Purchases of(List<VisitorEvent> events) {
        Set<String> orders = new HashSet<>();
        List<Map<String, Object>> list = new ArrayList<>();
        double total = 0;
        List<VisitorEvent> sorted = events.stream().filter(e -> e.name().equals("purchase"))
                .sorted(Comparator.comparing(VisitorEvent::ts)).toList();
        for (VisitorEvent event : sorted) {
            JsonNode data = event.data();
            String orderId = data == null || data.path("orderId").isMissingNode() || data.path("orderId").isNull()
                    ? null : data.path("orderId").asText();
            if (orderId != null && !orders.add(orderId)) {
                continue;
            }
            double value = data == null ? 0 : data.path("value").asDouble(0);
            total += value;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("orderId", orderId);
            row.put("value", value);
            row.put("currency", data == null ? null : data.path("currency").asText(null));
            row.put("visitorId", event.visitorId());
            row.put("ts", event.ts());
            list.add(row);
        }
        return new Purchases(List.copyOf(list), Math.round(total * 100) / 100.0);
    }
}
