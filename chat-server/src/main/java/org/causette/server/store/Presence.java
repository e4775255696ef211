package org.causette.server.store;

import java.time.Instant;

/**
 * A staff member's availability as every node sees it.
 *
 * @param status    "online" or "away"
 * @param nodeId    the node holding their connection
 * @param expiresAt when this entry stops counting unless the node renews it (a node that dies takes its staff offline)
 */
public record Presence(String siteId, String staffId, String status, String nodeId, Instant expiresAt) {
    public boolean online(Instant now) {
        return "online".equals(status) && expiresAt.isAfter(now);
    }
}
