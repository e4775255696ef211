package org.causette.server.store.memory;

import org.causette.server.store.OutboxStore;
import org.causette.server.store.WebhookDelivery;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CRM webhook outbox in memory; claims are atomic because every operation holds the map's monitor. */
final class MemoryOutbox implements OutboxStore {
    /** By delivery id, in the order saved. */
    private final Map<String, WebhookDelivery> outbox = new LinkedHashMap<>();

    @Override
    public synchronized void saveWebhookDelivery(WebhookDelivery delivery) {
        outbox.put(delivery.id(), delivery);
    }

    @Override
    public synchronized List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit) {
        List<WebhookDelivery> due = outbox.values().stream()
                .filter(d -> !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::id))
                .limit(limit)
                .map(d -> d.leased(leaseUntil))
                .toList();
        due.forEach(d -> outbox.put(d.id(), d));
        return due;
    }

    @Override
    public synchronized void deleteWebhookDelivery(String deliveryId) {
        outbox.remove(deliveryId);
    }

    @Override
    public synchronized List<WebhookDelivery> webhookDeliveries(String siteId, int limit) {
        return outbox.values().stream().filter(d -> d.siteId().equals(siteId))
                .sorted(Comparator.comparing(WebhookDelivery::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .limit(limit).toList();
    }
}
