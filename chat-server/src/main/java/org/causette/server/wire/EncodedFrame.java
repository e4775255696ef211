package org.causette.server.wire;

/**
 * A frame serialised once, written as is to any number of receivers: every socket wraps the same bytes (the
 * transport makes its own buffer around them), another node receives them unchanged.
 */
public final class EncodedFrame {
    private final byte[] json;
    private final String kind;

    private EncodedFrame(byte[] json, String kind) {
        this.json = json;
        this.kind = kind;
    }

    /** @param kind the frame's {@code type}, for metrics */
    public static EncodedFrame of(Object frame, String kind) {
        byte[] hot = HotFrameWriter.encode(frame);
        return ofBytes(hot != null ? hot : Json.bytes(frame), kind);
    }

    /** A frame that arrived already encoded (from another node). The array is kept, not copied. */
    public static EncodedFrame ofBytes(byte[] json, String kind) {
        return new EncodedFrame(json, kind);
    }

    /**
     * The encoded JSON, shared by every receiver: read it, never change it (it is not copied, a frame fanned out to
     * a thousand sockets costs one array).
     */
    public byte[] bytes() {
        return json;
    }

    public String kind() {
        return kind;
    }

    public int size() {
        return json.length;
    }
}
