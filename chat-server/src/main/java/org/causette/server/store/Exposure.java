package org.causette.server.store;

import java.time.Instant;

/**
 * A visitor was shown a proactive scenario's variant: kept so a later purchase can count as that variant's conversion.
 */
public record Exposure(String siteId, String visitorId, String scenarioId, String variant, Instant ts) {
}
