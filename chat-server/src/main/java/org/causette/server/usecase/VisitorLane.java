package org.causette.server.usecase;

import org.causette.server.conversation.Hub;
import org.causette.server.conversation.Lanes;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.store.StoreUnavailableException;
import org.causette.server.wire.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** How a visitor's command reaches the visitor's lane, and how its failures reach the visitor: as {@code unavailable}. */
final class VisitorLane {
    private static final Logger log = LoggerFactory.getLogger(VisitorLane.class);

    private final Lanes lanes;

    VisitorLane(Lanes lanes) {
        this.lanes = lanes;
    }

    /** Runs on the visitor's lane; a full or stopped lane answers {@code unavailable} at once. */
    void onLane(VisitorSession connection, String visitorId, String ref, Runnable task) {
        lanes.submit(Hub.visitorLane(connection.siteId(), visitorId), task,
                () -> connection.sendError(ErrorCode.UNAVAILABLE, "the server is too busy; try again", ref));
    }

    /** Runs on the visitor's lane with the store's failures reported to the client as {@code unavailable}. */
    void guarded(VisitorSession connection, String ref, String what, Runnable task) {
        onLane(connection, connection.visitorId(), ref, () -> {
            MDC.put("visitor", connection.visitorId());
            try {
                task.run();
            } catch (StoreUnavailableException e) {
                log.warn("{} failed: store unavailable: {}", what, e.getMessage());
                connection.sendError(ErrorCode.UNAVAILABLE, what + " could not be stored; try again", ref);
            } finally {
                MDC.remove("visitor");
                MDC.remove("conversation");
            }
        });
    }
}
