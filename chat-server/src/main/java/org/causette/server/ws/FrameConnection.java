package org.causette.server.ws;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** What a frame handler needs of its socket, visitor or staff. */
interface FrameConnection {
    void send(EncodedFrame frame);

    void sendError(ErrorCode code, String message, String ref);

    boolean tryTakeFrameToken();

    void close(WebSocketCloseStatus status, String reason);
}
