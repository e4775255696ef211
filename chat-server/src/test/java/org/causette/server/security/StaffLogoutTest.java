package org.causette.server.security;

import org.causette.server.support.RedisServer;
import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 21 item 7: a logout closes that staff member's open sockets, on the node that took it and on the others. */
class StaffLogoutTest {
    @Test
    void logoutClosesTheOpenStaffSocket() throws Exception {
        try (TestHub hub = TestHub.start(); TestHub.Staff anna = hub.staff("anna")) {
            assertEquals(204, hub.post("/api/logout", "", anna.token()).statusCode());
            anna.socket().awaitClose();
            assertFalse(anna.socket().isOpen());
            assertEquals(401, hub.get("/api/sites/" + TestHub.SITE + "/conversations", anna.token()).statusCode());
        }
    }
}
