package org.causette.server.store;

import java.util.List;
import java.util.Optional;

/** Staff logins (by the hash of their token, never the token) and who is online, with its expiry. */
public interface StaffStore {

    void savePresence(Presence presence);

    List<Presence> presence(String siteId);

    void saveStaffSession(StaffLogin session);

    Optional<StaffLogin> findStaffSession(String tokenHash);

    void deleteStaffSession(String tokenHash);
}
