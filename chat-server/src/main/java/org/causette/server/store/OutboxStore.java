package org.causette.server.store;

import java.time.Instant;
import java.util.List;

/**
 * The CRM webhooks' outbox: deliveries waiting, leased to one node at a time until done or given up
 * (docs/channels.md).
 */
public interface OutboxStore {

    /** Adds a delivery to the outbox, or replaces the one with the same id (after a failed attempt). */
    void saveWebhookDelivery(WebhookDelivery delivery);

    /**
     * Atomically takes up to {@code limit} deliveries of any site that are due ({@code nextAttemptAt <= now}), the
     * longest due first, and moves their {@code nextAttemptAt} to {@code leaseUntil}, so another node does not take
     * them meanwhile. A node that dies while holding them just lets the lease run out.
     *
     * @return the deliveries as taken (with the new {@code nextAttemptAt})
     */
    List<WebhookDelivery> claimWebhookDeliveries(Instant now, Instant leaseUntil, int limit);

    /** Removes a delivery (it was delivered, or its subscription is gone); nothing when it is not there. */
    void deleteWebhookDelivery(String deliveryId);

    /** A site's undelivered deliveries, oldest first, at most {@code limit}: what is failing, for operators. */
    List<WebhookDelivery> webhookDeliveries(String siteId, int limit);
}
