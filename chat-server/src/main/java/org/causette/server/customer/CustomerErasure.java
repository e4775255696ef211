package org.causette.server.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.store.MailStore;
import org.causette.server.store.Store;
import org.causette.server.store.WebhookDelivery;
import org.causette.server.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The right to erasure: a visitor, or a customer with every visitor of theirs (devices and linked channels) and
 * their links. The CRM webhooks still waiting in the outbox carry the person's conversations, messages and leads:
 * those about an erased visitor are dropped too, so nothing of them leaves the hub afterwards.
 */
public final class CustomerErasure {
    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);
    /** How many of a site's undelivered webhooks are looked through: bounded work for one request. */
    public static final int OUTBOX_SCAN = 100_000;

    private final Store store;
    /** The addresses and presence kept for emailed replies (docs/email.md); null: none kept. */
    private final MailStore mail;

    public CustomerErasure(Store store) {
        this(store, null);
    }

    public CustomerErasure(Store store, MailStore mail) {
        this.store = Objects.requireNonNull(store, "store");
        this.mail = mail;
    }

    public void eraseVisitor(String siteId, String visitorId) {
        store.eraseVisitor(siteId, visitorId);
        forgetAddress(siteId, visitorId);
        dropWebhooks(siteId, Set.of(visitorId));
    }

    /** An email still owed to the visitor then finds no address and is dropped, unsent. */
    private void forgetAddress(String siteId, String visitorId) {
        if (mail != null) {
            mail.deleteMailContact(siteId, visitorId);
        }
    }

    /** @return how many visitors were erased */
    public int eraseCustomer(String siteId, String userId) {
        List<String> visitorIds = store.customerVisitors(siteId, userId);
        for (String visitorId : visitorIds) {
            store.eraseVisitor(siteId, visitorId);
            forgetAddress(siteId, visitorId);
        }
        store.forgetCustomer(siteId, userId);
        dropWebhooks(siteId, Set.copyOf(visitorIds));
        return visitorIds.size();
    }

    /**
     * A delivery is about a visitor when any {@code visitorId} in its body (conversation, lead, rating) is theirs.
     * One being sent at this very moment may still go: it was claimed before the erasure.
     */
    private void dropWebhooks(String siteId, Set<String> visitorIds) {
        if (visitorIds.isEmpty()) {
            return;
        }
        int dropped = 0;
        for (WebhookDelivery delivery : store.webhookDeliveries(siteId, OUTBOX_SCAN)) {
            if (concerns(delivery, visitorIds)) {
                store.deleteWebhookDelivery(delivery.id());
                dropped++;
            }
        }
        if (dropped > 0) {
            log.info("Site {}: dropped {} undelivered CRM webhooks of erased visitors", siteId, dropped);
        }
    }

    static boolean concerns(WebhookDelivery delivery, Set<String> visitorIds) {
        try {
            JsonNode body = Json.MAPPER.readTree(delivery.body());
            return body.findValuesAsText("visitorId").stream().anyMatch(visitorIds::contains);
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
