package org.causette.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A channel identity the shop's backend linked to one of its verified customers: a Messenger PSID or a WhatsApp
 * number (wa_id). Its {@code visitorId} is the visitor that channel's messages arrive as ({@code fb_<PSID>},
 * {@code wa_<wa_id>}), so every conversation on it, past and future, belongs to the customer.
 */
public record ChannelLink(String siteId, String userId, String channel, String externalId, String visitorId,
                          Instant linkedAt) {
    public ChannelLink {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }

    /** What {@link Store#linkChannel} did. */
    public enum Outcome {
        /** Linked now. */
        LINKED,
        /** It was linked to this customer already: nothing changed (idempotent). */
        ALREADY_LINKED,
        /** Its visitor belongs to another customer: nothing changed. */
        TAKEN
    }
}
