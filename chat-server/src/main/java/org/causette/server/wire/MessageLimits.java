package org.causette.server.wire;

/**
 * The protocol's limits on one message, shared by every edge that takes text from outside (the visitor and staff
 * sockets, Messenger, WhatsApp), so a channel can never carry more than the widget may.
 */
public final class MessageLimits {
    /** A message's text, in code points (CONTRACT 4: {@code too_large} above it, nothing stored). */
    public static final int MAX_TEXT_CHARS = 4_000;
    /** A quick reply or card button payload: we write them, so a longer one is not ours. */
    public static final int MAX_PAYLOAD_CHARS = 1_000;

    private MessageLimits() {
    }
}
