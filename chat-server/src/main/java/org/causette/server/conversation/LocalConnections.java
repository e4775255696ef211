package org.causette.server.conversation;

import org.causette.server.ws.VisitorConnection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The visitor sockets open on this node, by visitor (a visitor may have several tabs). */
public final class LocalConnections {
    private final Map<String, Set<VisitorConnection>> byVisitor = new ConcurrentHashMap<>();

    private static String key(String siteId, String visitorId) {
        return siteId + "/" + visitorId;
    }

    public void add(VisitorConnection connection) {
        byVisitor.computeIfAbsent(key(connection.siteId(), connection.visitorId()), k -> ConcurrentHashMap.newKeySet())
                .add(connection);
    }

    public void remove(VisitorConnection connection) {
        if (connection.visitorId() == null) {
            return;
        }
        byVisitor.computeIfPresent(key(connection.siteId(), connection.visitorId()), (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    public List<VisitorConnection> of(String siteId, String visitorId) {
        Set<VisitorConnection> set = byVisitor.get(key(siteId, visitorId));
        return set == null ? List.of() : List.copyOf(set);
    }
}
