package org.causette.server.store;

import java.time.Instant;

/** A shopper's request to be contacted by email when nobody could answer, left with their consent. */
public record Lead(String id, String siteId, String visitorId, String conversationId, String email, String note,
                   String language, Instant ts) {
}
