package org.causette.server.wire;

import java.util.Locale;

/** The error codes of docs/protocol.md. */
public enum ErrorCode {
    BAD_JSON, UNKNOWN_TYPE, BAD_REQUEST, TOO_LARGE, RATE_LIMITED, UNAUTHORIZED, NOT_FOUND, UNAVAILABLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
