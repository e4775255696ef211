package org.causette.server.store;

import java.time.Instant;

/** A visitor's 1–5 satisfaction score for a closed conversation. */
public record Rating(String siteId, String conversationId, String visitorId, int score, String comment, Instant ts) {
}
