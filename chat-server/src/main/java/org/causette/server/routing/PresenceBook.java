package org.causette.server.routing;

import org.causette.server.store.Presence;
import org.causette.server.store.StaffStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Who is online, for every node: each node writes its own staff's presence to the store with an expiry and renews it;
 * a node that dies stops renewing, and its staff drop out of routing within {@link #TTL}. Calls block (store).
 */
public final class PresenceBook {
    public static final Duration TTL = Duration.ofSeconds(45);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(15);

    private final StaffStore store;
    private final Clock clock;
    private final String nodeId;
    /** The status of the people with a socket on this node, by site/staffId. */
    private final Map<String, String> local = new ConcurrentHashMap<>();

    public PresenceBook(StaffStore store, Clock clock, String nodeId) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    private static String key(String siteId, String staffId) {
        return siteId + "/" + staffId;
    }

    /** Staff are online right after login. */
    public void connected(String siteId, String staffId) {
        set(siteId, staffId, local.getOrDefault(key(siteId, staffId), "online"));
    }

    public void set(String siteId, String staffId, String status) {
        local.put(key(siteId, staffId), status);
        store.savePresence(new Presence(siteId, staffId, status, nodeId, clock.instant().plus(TTL)));
    }

    /** Their last socket on this node closed. */
    public void disconnected(String siteId, String staffId) {
        local.remove(key(siteId, staffId));
        store.savePresence(new Presence(siteId, staffId, "offline", nodeId, clock.instant()));
    }

    public void renew() {
        Instant expiry = clock.instant().plus(TTL);
        local.forEach((key, status) -> {
            int slash = key.indexOf('/');
            store.savePresence(new Presence(key.substring(0, slash), key.substring(slash + 1), status, nodeId, expiry));
        });
    }

    /** The ids of a site's staff online now, on any node. */
    public Set<String> online(String siteId) {
        Instant now = clock.instant();
        return store.presence(siteId).stream().filter(p -> p.online(now)).map(Presence::staffId).collect(Collectors.toSet());
    }
}
