package org.causette.server.store;

import java.time.Duration;
import java.time.Instant;

/**
 * How many tracking events one visitor may have kept: {@link #MAX_EVENTS} and {@link #MAX_BYTES} of {@code data} per
 * {@link #WINDOW}. Consent is the visitor's own flag, so without this 100 sockets filled a 512 MB heap with custom
 * events in minutes (issue 21). Over the quota, an event is refused ({@code rate_limited}) and nothing is stored;
 * older events stay (the attribution of a purchase needs the pages before it). One memory and one Redis
 * implementation, so the quota holds across the nodes of a cluster.
 */
public interface EventQuota {
    /** A busy shopper views a few hundred pages a day; a script sending more is not a shopper. */
    int MAX_EVENTS = 1_000;
    long MAX_BYTES = 1024 * 1024;
    Duration WINDOW = Duration.ofDays(1);

    /** Counts an event of {@code bytes} for this visitor. @return false when it is over the quota: do not keep it */
    boolean admit(String siteId, String visitorId, int bytes, Instant now);
}
