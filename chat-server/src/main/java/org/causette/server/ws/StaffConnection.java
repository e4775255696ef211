package org.causette.server.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.config.Site;
import org.causette.server.config.StaffMember;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.ws.frames.ServerFrames;

/** One staff socket, bound to a logged-in staff member after its hello. */
public final class StaffConnection implements FrameConnection {
    private final Channel channel;
    private final HubMetrics metrics;
    private final TokenBucket floodGuard = new TokenBucket(60, 20, System.nanoTime());
    private volatile Site site;
    private volatile StaffMember staff;

    public StaffConnection(Channel channel, HubMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    public void bind(Site boundSite, StaffMember member) {
        this.site = boundSite;
        this.staff = member;
    }

    public Site site() {
        return site;
    }

    public String siteId() {
        return site.id();
    }

    public StaffMember staff() {
        return staff;
    }

    public boolean isAmbassador() {
        return staff.role() == StaffMember.StaffRole.AMBASSADOR;
    }

    @Override
    public boolean tryTakeFrameToken() {
        return floodGuard.tryTake(System.nanoTime());
    }

    @Override
    public void send(EncodedFrame frame) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            metrics.slowReaderClosed();
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.TRY_AGAIN_LATER, "reading too slowly"))
                    .addListener(f -> channel.close());
            return;
        }
        metrics.frameOut(frame.kind());
        channel.writeAndFlush(frame.newFrame(), channel.voidPromise());
    }

    @Override
    public void sendError(ErrorCode code, String message, String ref) {
        metrics.error(code.wireName());
        send(EncodedFrame.of(new ServerFrames.Error(code.wireName(), message, ref), "error"));
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close(WebSocketCloseStatus status, String reason) {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(f -> channel.close());
        }
    }
}
