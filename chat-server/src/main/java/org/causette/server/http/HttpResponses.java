package org.causette.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.causette.server.wire.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writing HTTP responses: JSON bodies, contract-shaped errors, security headers, keep-alive handled once. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static FullHttpResponse response(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "strict-origin-when-cross-origin");
        return response;
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body) {
        FullHttpResponse response = response(status, Json.bytes(body), "application/json; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }

    /** The contract's error body: {@code {"error":"code","message":"…"}}. */
    public static FullHttpResponse error(HttpResponseStatus status, String code, String message) {
        return json(status, Map.of("error", code, "message", message));
    }

    public static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** Writes the response and closes the connection unless the request asked to keep it alive. */
    public static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
