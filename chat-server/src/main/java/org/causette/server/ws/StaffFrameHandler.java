package org.causette.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.causette.server.metrics.HubMetrics;
import org.causette.server.usecase.StaffService;
import org.causette.server.wire.ErrorCode;
import org.causette.server.wire.StaffFrames;

import java.util.Set;

/**
 * The staff socket after the handshake: a hello with a login token, then the commands of docs/protocol.md, each checked
 * for its fields before the {@link StaffService} checks the role.
 */
public final class StaffFrameHandler extends JsonFrameHandler<StaffConnection> {
    public static final int DEFAULT_HISTORY = 50;
    private static final int MAX_ID_CHARS = 64;
    private static final Set<String> STATUSES = Set.of("online", "away");

    private final StaffService service;

    public StaffFrameHandler(StaffService service, HubMetrics metrics, ChannelGroup sockets, KeepAlive keepAlive) {
        super(metrics, "staff", sockets, keepAlive);
        this.service = service;
    }

    @Override
    protected StaffConnection newConnection(ChannelHandlerContext ctx) {
        return new StaffConnection(ctx.channel(), metrics);
    }

    @Override
    protected void closed() {
        service.disconnected(connection);
    }

    @Override
    protected void hello(ChannelHandlerContext ctx, JsonNode node) {
        String token = node.path("token").isTextual() ? node.get("token").asText() : null;
        if (token == null || token.isEmpty()) {
            connection.sendError(ErrorCode.UNAUTHORIZED, "hello needs the \"token\" from /api/login", null);
            connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "token required");
            return;
        }
        service.hello(connection, token, () -> helloDone(ctx),
                () -> connection.close(WebSocketCloseStatus.POLICY_VIOLATION, "invalid token"));
    }

    @Override
    protected void dispatch(JsonNode node, String type) {
        switch (type) {
            case "presence" -> read(node, StaffFrames.Presence.class, null).ifPresent(p -> {
                if (p.status() == null || !STATUSES.contains(p.status())) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "status must be online or away", null);
                } else {
                    service.presence(connection, p.status());
                }
            });
            case "accept" -> read(node, StaffFrames.Accept.class, null).ifPresent(a -> {
                if (validId(a.conversationId())) {
                    service.accept(connection, a.conversationId());
                }
            });
            case "message" -> read(node, StaffFrames.Message.class, null).ifPresent(this::message);
            case "transfer" -> read(node, StaffFrames.Transfer.class, null).ifPresent(t -> {
                if (!validId(t.conversationId())) {
                    return;
                }
                if ((t.toStaffId() == null) == (t.toSkill() == null)) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "transfer needs either toStaffId or toSkill", t.conversationId());
                } else if ((t.toStaffId() != null && t.toStaffId().length() > MAX_ID_CHARS)
                        || (t.toSkill() != null && (t.toSkill().isBlank() || t.toSkill().length() > MAX_ID_CHARS))) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "toStaffId or toSkill is too long or empty", t.conversationId());
                } else {
                    service.transfer(connection, t.conversationId(), t.toStaffId(), t.toSkill());
                }
            });
            case "handback" -> read(node, StaffFrames.Handback.class, null).ifPresent(h -> {
                if (validId(h.conversationId())) {
                    service.handback(connection, h.conversationId());
                }
            });
            case "close" -> read(node, StaffFrames.Close.class, null).ifPresent(c -> {
                if (validId(c.conversationId())) {
                    service.close(connection, c.conversationId());
                }
            });
            case "typing" -> read(node, StaffFrames.Typing.class, null).ifPresent(t -> {
                if (validId(t.conversationId())) {
                    if (t.on() == null) {
                        connection.sendError(ErrorCode.BAD_REQUEST, "typing needs \"on\": true or false", null);
                    } else {
                        service.typing(connection, t.conversationId(), t.on());
                    }
                }
            });
            case "read" -> read(node, StaffFrames.Read.class, null).ifPresent(r -> {
                if (validId(r.conversationId())) {
                    if (r.seq() == null || r.seq() < 0) {
                        connection.sendError(ErrorCode.BAD_REQUEST, "read needs \"seq\" of 0 or more", null);
                    } else {
                        service.read(connection, r.conversationId(), r.seq());
                    }
                }
            });
            case "history" -> read(node, StaffFrames.History.class, null).ifPresent(h -> {
                if (!validId(h.conversationId())) {
                    return;
                }
                int limit = h.limit() == null ? DEFAULT_HISTORY : h.limit();
                if (limit < 1 || limit > StaffService.MAX_HISTORY || (h.beforeSeq() != null && h.beforeSeq() < 1)) {
                    connection.sendError(ErrorCode.BAD_REQUEST, "limit is 1 to " + StaffService.MAX_HISTORY
                            + " and beforeSeq 1 or more", null);
                } else {
                    service.history(connection, h.conversationId(), h.beforeSeq(), limit);
                }
            });
            default -> unknownType(type);
        }
    }

    private void message(StaffFrames.Message message) {
        String clientId = message.clientId();
        if (clientId == null || !VisitorFrameHandler.CLIENT_ID.matcher(clientId).matches()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "clientId must be 1 to 64 of A-Z, a-z, 0-9, _ and -", null);
            return;
        }
        if (!validId(message.conversationId())) {
            return;
        }
        String text = message.text();
        if (text == null || text.isBlank()) {
            connection.sendError(ErrorCode.BAD_REQUEST, "text must not be empty", clientId);
            return;
        }
        if (text.codePointCount(0, text.length()) > VisitorFrameHandler.MAX_TEXT_CHARS) {
            connection.sendError(ErrorCode.TOO_LARGE, "text is longer than " + VisitorFrameHandler.MAX_TEXT_CHARS + " characters", clientId);
            return;
        }
        service.message(connection, message.conversationId(), clientId, text, Boolean.TRUE.equals(message.internal()));
    }

    private boolean validId(String conversationId) {
        if (conversationId == null || conversationId.isEmpty() || conversationId.length() > MAX_ID_CHARS) {
            connection.sendError(ErrorCode.BAD_REQUEST, "conversationId is required", null);
            return false;
        }
        return true;
    }
}
