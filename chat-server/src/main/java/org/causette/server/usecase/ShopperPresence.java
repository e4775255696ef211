package org.causette.server.usecase;

import org.causette.server.config.Site;
import org.causette.server.config.Sites;
import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.LocalConnections;
import org.causette.server.store.MailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * When each shopper last had an open connection, on any node, for sites that email replies (docs/email.md): written
 * at hello, at the close of a socket, and every {@link #RENEW_EVERY} for every shopper connected here, in one store
 * call per site. A node that dies stops renewing, so its shoppers count as gone from their last renewal.
 */
public final class ShopperPresence {
    private static final Logger log = LoggerFactory.getLogger(ShopperPresence.class);

    /** Well under the shortest {@code awayMinutes} (one minute): a connected shopper never looks away. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(20);
    /**
     * Presence older than this is forgotten (bounded memory): the longest link lifetime. A shopper gone longer counts
     * as never seen, so an email then carries every reply not emailed yet.
     */
    public static final Duration KEPT = Duration.ofDays(30);
    /** The forgetting runs once per this many renewals (about an hour). */
    private static final int FORGET_EVERY_RENEWALS = 180;

    private final Sites sites;
    private final MailStore mail;
    private final LocalConnections connections;
    private final Lanes lanes;
    private final Clock clock;
    private int renewals;

    public ShopperPresence(Sites sites, MailStore mail, LocalConnections connections, Lanes lanes, Clock clock) {
        this.sites = sites;
        this.mail = mail;
        this.connections = connections;
        this.lanes = lanes;
        this.clock = clock;
    }

    MailStore mail() {
        return mail;
    }

    /** On the visitor's lane, at hello: the replay that follows shows the shopper everything stored so far. */
    void connected(Site site, String visitorId) {
        if (site.mail().isPresent()) {
            mail.visitorsSeen(site.id(), List.of(visitorId), clock.instant());
        }
    }

    /** From the event loop, when a bound socket closed: the time is written on the visitor's lane. */
    void disconnected(Site site, String visitorId) {
        if (site.mail().isEmpty() || visitorId == null) {
            return;
        }
        var at = clock.instant();
        lanes.submit(Hub.visitorLane(site.id(), visitorId), () -> {
            try {
                mail.visitorsSeen(site.id(), List.of(visitorId), at);
            } catch (RuntimeException e) {
                log.debug("Presence of {} not written at close: {}", visitorId, e.toString());
            }
        }, () -> { /* lanes full: the last renewal stands, at most RENEW_EVERY older */ });
    }

    /** Every shopper connected to this node is here now; on the housekeeping thread. */
    public void renew() {
        var now = clock.instant();
        boolean forget = renewals++ % FORGET_EVERY_RENEWALS == 0;
        for (Site site : sites.all()) {
            if (site.mail().isPresent()) {
                mail.visitorsSeen(site.id(), connections.visitorIds(site.id()), now);
                if (forget) {
                    mail.forgetPresenceBefore(site.id(), now.minus(KEPT));
                }
            }
        }
    }
}
