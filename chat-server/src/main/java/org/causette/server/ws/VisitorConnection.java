package org.causette.server.ws;

import org.causette.server.store.StartPage;

import io.netty.channel.Channel;
import org.causette.server.config.Site;
import org.causette.server.conversation.VisitorSession;
import org.causette.server.metrics.HubMetrics;

/**
 * One visitor socket. The event loop owns the flood guard; the visitor's lane owns what was delivered
 * ({@link #accept}), so replay and live delivery never send a message twice or out of order.
 */
public final class VisitorConnection extends SocketConnection implements VisitorSession {
    public static final int FLOOD_BURST = 30;
    public static final double FLOOD_PER_SECOND = 10;
    private static final TokenBucket.Limit FLOOD_LIMIT = new TokenBucket.Limit(FLOOD_BURST, FLOOD_PER_SECOND);

    private final Site site;

    private volatile String visitorId;
    private volatile String locale;
    private volatile boolean consent;
    private volatile boolean identified;
    private volatile StartPage page;

    // Touched only on the visitor's lane.
    private String deliveredConversationId;
    private long deliveredSeq;

    public VisitorConnection(Channel channel, Site site, HubMetrics metrics) {
        super(channel, metrics, FLOOD_LIMIT);
        this.site = site;
    }

    @Override
    public Site site() {
        return site;
    }


    @Override
    public String visitorId() {
        return visitorId;
    }

    @Override
    public StartPage page() {
        return page;
    }

    @Override
    public void page(StartPage newPage) {
        this.page = newPage;
    }

    @Override
    public String locale() {
        return locale;
    }

    @Override
    public boolean consent() {
        return consent;
    }

    @Override
    public boolean identified() {
        return identified;
    }

    /** Binds the socket to its visitor once the hello is handled. */
    @Override
    public void bind(String newVisitorId, String newLocale, boolean newConsent, boolean newIdentified) {
        this.visitorId = newVisitorId;
        this.locale = newLocale;
        this.consent = newConsent;
        this.identified = newIdentified;
    }

    @Override
    public void setConsent(boolean newConsent) {
        this.consent = newConsent;
    }

    /**
     * Whether a message should go to this socket, and if so records it as sent. Only from the visitor's lane.
     * A message of another conversation starts the count again (the visitor opened a new one).
     */
    @Override
    public boolean accept(String conversationId, long seq) {
        if (!conversationId.equals(deliveredConversationId)) {
            deliveredConversationId = conversationId;
            deliveredSeq = seq;
            return true;
        }
        if (seq <= deliveredSeq) {
            return false;
        }
        deliveredSeq = seq;
        return true;
    }
}
