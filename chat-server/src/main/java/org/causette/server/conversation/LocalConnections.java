package org.causette.server.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The visitor sockets open on this node, by visitor (a visitor may have several tabs).
 * <p>
 * Kept lean because every idle visitor pays for it: a map per site keyed by the visitor id the connection already
 * holds (no key string made per visitor), and as the value the connection itself, or an array of them for a visitor
 * with several tabs (rare), replaced whole on every change. A set per visitor cost about 250 bytes more.
 */
public final class LocalConnections {
    private final Map<String, Map<String, Object>> bySite = new ConcurrentHashMap<>();

    public void add(VisitorSession connection) {
        bySite.computeIfAbsent(connection.siteId(), site -> new ConcurrentHashMap<>())
                .merge(connection.visitorId(), connection, LocalConnections::plus);
        // The hello is handled on a lane, so the socket may have closed meanwhile, and its remove may have run
        // before it was added (or before it had a visitor id): checked after adding, no closed socket is left here.
        if (!connection.isOpen()) {
            remove(connection);
        }
    }

    public void remove(VisitorSession connection) {
        if (connection.visitorId() == null) {
            return;
        }
        Map<String, Object> visitors = bySite.get(connection.siteId());
        if (visitors != null) {
            visitors.computeIfPresent(connection.visitorId(), (visitorId, held) -> minus(held, connection));
        }
    }

    public List<VisitorSession> of(String siteId, String visitorId) {
        Map<String, Object> visitors = bySite.get(siteId);
        Object held = visitors == null ? null : visitors.get(visitorId);
        if (held == null) {
            return List.of();
        }
        return held instanceof VisitorSession one ? List.of(one) : List.of((VisitorSession[]) held);
    }

    /** The visitors of a site with at least one socket open on this node now (a copy), for presence shared by nodes. */
    public List<String> visitorIds(String siteId) {
        Map<String, Object> visitors = bySite.get(siteId);
        return visitors == null ? List.of() : List.copyOf(visitors.keySet());
    }

    /** {@code held} (one connection or an array of them) with {@code added} too. */
    private static Object plus(Object held, Object added) {
        VisitorSession connection = (VisitorSession) added;
        if (held instanceof VisitorSession one) {
            return one == connection ? one : new VisitorSession[] {one, connection};
        }
        VisitorSession[] many = (VisitorSession[]) held;
        for (VisitorSession existing : many) {
            if (existing == connection) {
                return many;
            }
        }
        VisitorSession[] more = Arrays.copyOf(many, many.length + 1);
        more[many.length] = connection;
        return more;
    }

    /** {@code held} without {@code removed}; null (no entry) when none is left. */
    private static Object minus(Object held, VisitorSession removed) {
        if (held instanceof VisitorSession one) {
            return one == removed ? null : one;
        }
        VisitorSession[] many = (VisitorSession[]) held;
        int at = Arrays.asList(many).indexOf(removed);
        if (at < 0) {
            return many;
        }
        if (many.length == 2) {
            return many[1 - at];
        }
        VisitorSession[] fewer = new VisitorSession[many.length - 1];
        System.arraycopy(many, 0, fewer, 0, at);
        System.arraycopy(many, at + 1, fewer, at, many.length - at - 1);
        return fewer;
    }
}
