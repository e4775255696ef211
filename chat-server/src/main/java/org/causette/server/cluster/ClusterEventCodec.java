package org.causette.server.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link ClusterEvent} on the wire between nodes: a small binary header (version, kind, seq, four short strings) and
 * then the frame's bytes untouched, so the JSON encoded once by the publisher is written as is by every receiver.
 */
public final class ClusterEventCodec {
    private static final byte VERSION = 1;

    private ClusterEventCodec() {
    }

    public static byte[] encode(ClusterEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + event.frameJson().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(event.kind().ordinal());
            out.writeLong(event.seq());
            writeNullable(out, event.originNode());
            writeNullable(out, event.siteId());
            writeNullable(out, event.targetId());
            writeNullable(out, event.conversationId());
            out.write(event.frameJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException for bytes that are not an event of this version */
    public static ClusterEvent decode(byte[] message) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown cluster event version");
            }
            ClusterEvent.Kind kind = ClusterEvent.Kind.values()[in.readByte()];
            long seq = in.readLong();
            String origin = readNullable(in);
            String site = readNullable(in);
            String target = readNullable(in);
            String conversation = readNullable(in);
            return new ClusterEvent(origin, kind, site, target, conversation, seq, in.readAllBytes());
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt cluster event", e);
        }
    }

    /** Where the origin node's id starts: version, kind, seq, then a present flag and a two-byte length. */
    private static final int ORIGIN_OFFSET = 1 + 1 + Long.BYTES + 1 + 2;

    /**
     * Whether the event was published by the node whose id is {@code origin} (ASCII, as node ids are), read straight
     * from the header: a node skips its own events without decoding them.
     */
    public static boolean isFrom(byte[] message, byte[] origin) {
        if (message.length < ORIGIN_OFFSET + origin.length || message[0] != VERSION || message[ORIGIN_OFFSET - 3] == 0) {
            return false;
        }
        int length = ((message[ORIGIN_OFFSET - 2] & 0xff) << 8) | (message[ORIGIN_OFFSET - 1] & 0xff);
        return length == origin.length
                && java.util.Arrays.equals(message, ORIGIN_OFFSET, ORIGIN_OFFSET + length, origin, 0, origin.length);
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
