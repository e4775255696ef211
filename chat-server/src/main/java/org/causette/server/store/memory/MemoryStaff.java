package org.causette.server.store.memory;

import org.causette.server.store.Presence;
import org.causette.server.store.StaffLogin;
import org.causette.server.store.StaffStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.causette.server.store.memory.MemoryKeys.key;

/** Staff presence and login sessions in memory. */
final class MemoryStaff implements StaffStore {
    private final Map<String, StaffLogin> sessions = new ConcurrentHashMap<>();
    /** (site, staffId) → the latest presence. */
    private final Map<String, Presence> presence = new ConcurrentHashMap<>();

    @Override
    public void savePresence(Presence entry) {
        presence.put(key(entry.siteId(), entry.staffId()), entry);
    }

    @Override
    public List<Presence> presence(String siteId) {
        return presence.values().stream().filter(p -> p.siteId().equals(siteId)).toList();
    }

    @Override
    public void saveStaffSession(StaffLogin session) {
        sessions.put(session.tokenHash(), session);
    }

    @Override
    public Optional<StaffLogin> findStaffSession(String tokenHash) {
        return Optional.ofNullable(sessions.get(tokenHash));
    }

    @Override
    public void deleteStaffSession(String tokenHash) {
        sessions.remove(tokenHash);
    }
}
