package org.causette.server.conversation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The staff sockets open on this node, by site and staff member (a person may have several tabs). */
public final class LocalStaffConnections {
    private final Map<String, Set<StaffSession>> byStaff = new ConcurrentHashMap<>();
    /** The same sockets by site: queue pushes reach a site's staff without scanning every site's. */
    private final Map<String, Set<StaffSession>> bySite = new ConcurrentHashMap<>();

    private static String key(String siteId, String staffId) {
        return siteId + "/" + staffId;
    }

    public void add(StaffSession connection) {
        // Added inside compute: a set that remove() is dropping at the same moment must not swallow the new socket.
        byStaff.compute(key(connection.siteId(), connection.staff().id()), (k, set) -> withAdded(set, connection));
        bySite.compute(connection.siteId(), (k, set) -> withAdded(set, connection));
    }

    private static Set<StaffSession> withAdded(Set<StaffSession> set, StaffSession connection) {
        Set<StaffSession> result = set == null ? ConcurrentHashMap.newKeySet() : set;
        result.add(connection);
        return result;
    }

    /** @return whether it was that person's last socket on this node */
    public boolean remove(StaffSession connection) {
        String key = key(connection.siteId(), connection.staff().id());
        bySite.computeIfPresent(connection.siteId(), (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        boolean[] last = {false};
        byStaff.computeIfPresent(key, (k, set) -> {
            set.remove(connection);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        return last[0];
    }

    public List<StaffSession> of(String siteId, String staffId) {
        Set<StaffSession> set = byStaff.get(key(siteId, staffId));
        return set == null ? List.of() : List.copyOf(set);
    }

    public List<StaffSession> ofSite(String siteId) {
        Set<StaffSession> set = bySite.get(siteId);
        return set == null ? List.of() : List.copyOf(set);
    }

    public boolean anyOnSite(String siteId) {
        Set<StaffSession> set = bySite.get(siteId);
        return set != null && !set.isEmpty();
    }

    /** Every staff socket of this node. */
    public List<StaffSession> all() {
        return bySite.values().stream().flatMap(Set::stream).toList();
    }
}
