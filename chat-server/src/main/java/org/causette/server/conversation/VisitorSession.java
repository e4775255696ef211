package org.causette.server.conversation;

import org.causette.server.store.StartPage;

import org.causette.server.config.Site;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.ErrorCode;

/**
 * One place a visitor is reached on this node, as the domain sees it: a widget tab (the WebSocket connection
 * implements it). The domain binds it to its visitor, asks it whether a message is new to it, and sends it frames;
 * how the bytes travel is the edge's business.
 */
public interface VisitorSession {
    Site site();

    default String siteId() {
        return site().id();
    }

    /** Null until the hello is handled. */
    String visitorId();

    String locale();

    boolean consent();

    boolean identified();

    /** Binds the session to its visitor once the hello is handled. */
    void bind(String visitorId, String locale, boolean consent, boolean identified);

    void setConsent(boolean consent);

    /**
     * Whether a message should go to this session, and if so records it as sent. Only from the visitor's lane, so
     * replay and live delivery never send a message twice or out of order.
     */
    boolean accept(String conversationId, long seq);

    /** Sends the frame, or drops it if the session is closed or closing (it resumes from the store later). */
    void send(EncodedFrame frame);

    void sendError(ErrorCode code, String message, String ref);

    boolean isOpen();

    /** The page the shopper is on, from the hello or their latest message (widgets only), or null. */
    default StartPage page() {
        return null;
    }

    default void page(StartPage page) {
    }
}
