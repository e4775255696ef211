package org.causette.server.usecase;

import org.causette.server.auth.StaffAuth;
import org.causette.server.conversation.LocalStaffConnections;
import org.causette.server.conversation.StaffSession;

import java.time.Duration;

/**
 * Ends this node's staff sockets whose login session has ended: logged out (on any node: the session is deleted from
 * the store) or expired. A socket authenticates once, at its hello; without this, a logged-out token's socket kept
 * answering {@code history} (issue 21). Run every {@link #EVERY} on each node, so a logout reaches every node's
 * sockets within that time whichever node took it, and a node that missed a cluster message cannot keep one open.
 * One store read per open staff socket per run: staff sockets are a few dozen per node.
 */
public final class StaffSessionSweep implements Runnable {
    public static final Duration EVERY = Duration.ofSeconds(2);

    private final LocalStaffConnections connections;
    private final StaffAuth auth;

    public StaffSessionSweep(LocalStaffConnections connections, StaffAuth auth) {
        this.connections = connections;
        this.auth = auth;
    }

    @Override
    public void run() {
        for (StaffSession session : connections.all()) {
            String tokenHash = session.sessionTokenHash();
            if (tokenHash != null && !auth.stillValid(tokenHash)) {
                session.end("the session has ended");
            }
        }
    }
}
