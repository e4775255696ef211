package org.causette.server.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A tracked visitor event (page view, cart update, checkout, purchase, custom), kept only with consent. */
public record VisitorEvent(String siteId, String visitorId, String name, JsonNode data, Instant ts) {
}
