package org.causette.server.http;

import io.netty.handler.codec.http.FullHttpResponse;

/** Security headers by kind of page: the console gets a strict policy, the embeddable widget script none that would stop it. */
final class SecurityHeaders {
    private static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; media-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String DEMO_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(FullHttpResponse response, String path) {
        if (path.startsWith("/console")) {
            response.headers()
                    .set("Content-Security-Policy", CONSOLE_POLICY)
                    .set("X-Frame-Options", "DENY")
                    .set("Cross-Origin-Opener-Policy", "same-origin")
                    .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        } else if (!path.equals("/widget.js")) {
            response.headers().set("Content-Security-Policy", DEMO_POLICY).set("X-Frame-Options", "DENY");
        }
    }
}
