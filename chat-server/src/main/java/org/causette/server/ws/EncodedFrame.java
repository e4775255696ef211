package org.causette.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A frame serialised once, written as is to any number of connections: every receiver gets a duplicate that shares
 * the same bytes.
 */
public final class EncodedFrame {
    private final ByteBuf bytes;
    private final String kind;

    private EncodedFrame(ByteBuf bytes, String kind) {
        this.bytes = bytes;
        this.kind = kind;
    }

    /** @param kind the frame's {@code type}, for metrics */
    public static EncodedFrame of(Object frame, String kind) {
        // An unreleasable wrapper: duplicates handed to channels may be released by Netty without freeing the
        // shared array, and the garbage collector takes it when the last one is gone.
        byte[] hot = HotFrameWriter.encode(frame);
        return ofBytes(hot != null ? hot : Json.bytes(frame), kind);
    }

    /** A frame that arrived already encoded (from another node). */
    public static EncodedFrame ofBytes(byte[] json, String kind) {
        return new EncodedFrame(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json)), kind);
    }

    /** The encoded bytes, for publishing to other nodes. */
    public byte[] bytes() {
        return io.netty.buffer.ByteBufUtil.getBytes(bytes);
    }

    public TextWebSocketFrame newFrame() {
        return new TextWebSocketFrame(bytes.duplicate());
    }

    public String kind() {
        return kind;
    }

    public int size() {
        return bytes.readableBytes();
    }
}
