package org.causette.server.store;

import java.time.Instant;

/** Forgetting: a visitor erased on request, and everything older than a site's retention purged. */
public interface RetentionStore {

    /**
     * Erases a visitor: profile, identity link, conversations with their messages, events, ratings, leads, consent
     * records, its place in a customer's profile (channel links to it included), and the outcomes kept for it (order
     * claims of its purchases, exposures, NPS asks and answers).
     */
    void eraseVisitor(String siteId, String visitorId);

    /**
     * Deletes what is older than {@code cutoff} for a site: closed conversations (with their messages), events,
     * bot turns, leads, ratings, consent records, order claims, exposures and NPS answers. @return how many
     * conversations went
     */
    int purge(String siteId, Instant cutoff);
}
