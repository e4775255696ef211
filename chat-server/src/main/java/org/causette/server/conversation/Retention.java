package org.causette.server.conversation;

import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.store.RetentionStore;
import org.causette.server.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Deletes, on its own, what each site keeps no longer than its {@code retentionDays}. */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    public static final Duration EVERY = Duration.ofHours(1);

    private final Sites sites;
    private final RetentionStore store;
    private final Clock clock;

    public Retention(Sites sites, RetentionStore store, Clock clock) {
        this.sites = sites;
        this.store = store;
        this.clock = clock;
    }

    public void purge() {
        for (Site site : sites.all()) {
            Instant cutoff = clock.instant().minus(Duration.ofDays(site.config().retentionDays()));
            try {
                int removed = store.purge(site.id(), cutoff);
                if (removed > 0) {
                    log.info("Site {}: deleted {} conversations older than {} days", site.id(), removed,
                            site.config().retentionDays());
                }
            } catch (StoreUnavailableException e) {
                log.warn("Retention of {} postponed: {}", site.id(), e.getMessage());
            }
        }
    }
}
