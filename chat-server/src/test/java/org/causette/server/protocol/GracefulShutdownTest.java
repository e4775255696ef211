package org.causette.server.protocol;

import org.causette.server.support.TestHub;
import org.causette.server.support.WsClient;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shutting down (SIGTERM runs the same close): stop accepting, finish what is in flight, close sockets with 1001. */
class GracefulShutdownTest {
    @Test
    void inFlightMessagesAreStoredAndSocketsCloseWith1001() throws Exception {
        TestHub hub = TestHub.start();
        int port = hub.port();
        WsClient visitor = hub.visitor();
        // Sent without waiting: the server must still store and acknowledge each one before it stops.
        for (int i = 0; i < 20; i++) {
            visitor.send(frame("message").put("clientId", "late-" + i).put("text", "merci"));
        }
        Thread.sleep(50);
        hub.close();
        assertEquals(1001, visitor.awaitClose().getCloseCode().getCode());
        var store = hub.server().store();
        String visitorId = store.conversations(TestHub.SITE, null, null, 10).get(0).visitorId();
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertTrue(store.findByClientId(TestHub.SITE, new org.causette.server.store.Author(
                    org.causette.server.store.Role.VISITOR, visitorId, null), "late-" + n).isPresent(), "late-" + n + " stored");
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "no longer accepting");
    }
}
