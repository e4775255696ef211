package org.causette.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One signed webhook to a shop's CRM, kept in the store until the receiver answers 2xx (the outbox). The secret is
 * not kept here: it is read from the site's configuration at each attempt, so a rotated secret applies at once.
 *
 * @param id            unique; sent as {@code X-Causette-Delivery} so receivers can drop repeats
 * @param url           the subscription's URL
 * @param event         e.g. {@code message.created}
 * @param body          the JSON body, fixed at creation (every attempt sends the same bytes)
 * @param attempts      attempts made so far
 * @param nextAttemptAt when it is due next (a node that takes it pushes this forward: a lease)
 * @param lastError     why the last attempt failed, or null
 */
public record WebhookDelivery(String id, String siteId, String url, String event, String body, int attempts,
                              Instant createdAt, Instant nextAttemptAt, String lastError) {
    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** After a failed attempt: counted, with its error and the time of the next one. */
    public WebhookDelivery failed(String error, Instant next) {
        return new WebhookDelivery(id, siteId, url, event, body, attempts + 1, createdAt, next, error);
    }

    /** Taken by a node until {@code leaseUntil}: no other node attempts it meanwhile. */
    public WebhookDelivery leased(Instant leaseUntil) {
        return new WebhookDelivery(id, siteId, url, event, body, attempts, createdAt, leaseUntil, lastError);
    }
}
