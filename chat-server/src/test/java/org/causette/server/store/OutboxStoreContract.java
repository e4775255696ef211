package org.causette.server.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link OutboxStore}: the CRM webhooks' outbox and its leases. */
public abstract class OutboxStoreContract extends StoreContract {

    @Test
    void theOutboxHandsEachDueDeliveryToOneClaimerUntilItsLeaseEnds() throws Exception {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        WebhookDelivery due = delivery("outbox-shop", now.minusSeconds(30), now.minusSeconds(5));
        WebhookDelivery later = delivery("outbox-shop", now.minusSeconds(20), now.plusSeconds(60));
        store.saveWebhookDelivery(due);
        store.saveWebhookDelivery(later);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<WebhookDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> store.claimWebhookDeliveries(now, now.plusSeconds(60), 10)));
            }
            int taken = 0;
            for (Future<List<WebhookDelivery>> claim : claims) {
                for (WebhookDelivery d : claim.get()) {
                    assertEquals(due.id(), d.id());
                    assertEquals(now.plusSeconds(60), d.nextAttemptAt());
                    taken++;
                }
            }
            assertEquals(1, taken, "one claimer only");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(store.claimWebhookDeliveries(now.plusSeconds(30), now.plusSeconds(90), 10).isEmpty(), "leased");

        store.saveWebhookDelivery(due.failed("HTTP 500", now.plusSeconds(2)));
        List<WebhookDelivery> retried = store.claimWebhookDeliveries(now.plusSeconds(3), now.plusSeconds(63), 10);
        assertEquals(1, retried.size());
        assertEquals(1, retried.get(0).attempts());
        assertEquals("HTTP 500", retried.get(0).lastError());

        assertEquals(List.of(due.id(), later.id()), store.webhookDeliveries("outbox-shop", 10).stream().map(WebhookDelivery::id).toList());
        store.deleteWebhookDelivery(due.id());
        store.deleteWebhookDelivery("no-such-delivery");
        assertEquals(List.of(later.id()), store.webhookDeliveries("outbox-shop", 10).stream().map(WebhookDelivery::id).toList());
        assertTrue(store.webhookDeliveries("other-shop", 10).isEmpty());
    }
}
