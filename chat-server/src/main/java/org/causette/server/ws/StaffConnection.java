package org.causette.server.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;
import org.causette.server.conversation.StaffSession;
import org.causette.server.metrics.HubMetrics;

/** One staff socket, bound to a logged-in staff member after its hello. */
public final class StaffConnection extends SocketConnection implements StaffSession {
    /** Staff type fast and click a lot: a larger allowance than shoppers. */
    public static final int FLOOD_BURST = 60;
    public static final double FLOOD_PER_SECOND = 20;
    private static final TokenBucket.Limit FLOOD_LIMIT = new TokenBucket.Limit(FLOOD_BURST, FLOOD_PER_SECOND);

    private volatile Site site;
    private volatile StaffMember staff;
    private volatile String tokenHash;

    public StaffConnection(Channel channel, HubMetrics metrics) {
        super(channel, metrics, FLOOD_LIMIT);
    }

    @Override
    public void bind(Site boundSite, StaffMember member, String sessionTokenHash) {
        this.site = boundSite;
        this.staff = member;
        this.tokenHash = sessionTokenHash;
    }

    @Override
    public String sessionTokenHash() {
        return tokenHash;
    }

    @Override
    public void end(String reason) {
        close(WebSocketCloseStatus.POLICY_VIOLATION, reason);
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public StaffMember staff() {
        return staff;
    }
}
