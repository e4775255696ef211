package org.causette.server.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link StaffStore}: staff logins and presence (and the store's own secret). */
public abstract class StaffStoreContract extends StoreContract {

    @Test
    void presenceKeepsItsExpiry() {
        Instant now = Instant.now();
        store.savePresence(new Presence(site, "anna", "online", "node-a", now.plusSeconds(45)));
        store.savePresence(new Presence(site, "zoe", "online", "node-b", now.minusSeconds(1)));
        store.savePresence(new Presence(site, "leo", "away", "node-b", now.plusSeconds(45)));
        Set<String> online = new HashSet<>();
        store.presence(site).stream().filter(p -> p.online(now)).forEach(p -> online.add(p.staffId()));
        assertEquals(Set.of("anna"), online);
        store.savePresence(new Presence(site, "anna", "offline", "node-a", now));
        assertTrue(store.presence(site).stream().noneMatch(p -> p.online(now)));
        assertEquals(3, store.presence(site).size(), "one entry per person, the last one written");
    }

    @Test
    void staffSessions() {
        StaffLogin session = new StaffLogin("hash-" + site, site, "anna", "agent", T0, Instant.now().plus(Duration.ofHours(8)));
        store.saveStaffSession(session);
        assertEquals(session, store.findStaffSession(session.tokenHash()).orElseThrow());
        store.deleteStaffSession(session.tokenHash());
        assertTrue(store.findStaffSession(session.tokenHash()).isEmpty());
    }

    @Test
    void theServerSecretIsStable() {
        byte[] secret = store.serverSecret();
        assertEquals(32, secret.length);
        assertArrayEquals(secret, store.serverSecret());
    }
}
