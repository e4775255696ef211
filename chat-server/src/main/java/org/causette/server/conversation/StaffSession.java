package org.causette.server.conversation;

import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;

/**
 * One console of a logged-in staff member on this node, as the domain sees it (the WebSocket connection implements
 * it): who it is, and where its frames go.
 */
public interface StaffSession {
    /** Null until the hello is handled. */
    Site site();

    default String siteId() {
        return site().id();
    }

    StaffMember staff();

    /**
     * Binds the session to the staff member its token names, once the hello is handled.
     *
     * @param sessionTokenHash the login session the hello came with: when it ends (logout on any node, expiry) this
     *                         socket is ended too
     */
    void bind(Site site, StaffMember staff, String sessionTokenHash);

    /** The login session this socket said hello with; null before the hello. */
    String sessionTokenHash();

    /** Ends the socket: its login session is over, so it may do nothing more. */
    void end(String reason);

    default boolean isAmbassador() {
        return staff().role() == StaffMember.StaffRole.AMBASSADOR;
    }

    void send(EncodedFrame frame);

    /**
     * Sends a frame that makes the previous one of its kind obsolete (a view of the queue): a slow reader gets the
     * latest state late, not every state in a pile.
     */
    void sendSnapshot(EncodedFrame frame);

    void sendError(ErrorCode code, String message, String ref);

    boolean isOpen();
}
