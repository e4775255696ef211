package org.causette.bench;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads what the load tool needs from a server frame without parsing JSON: the server writes {@code type} first
 * ({@code {"type":"ack",…}}), so a frame's kind is a prefix comparison, and the few numbers we want are found by
 * scanning for their key. No allocation on the hot path.
 */
final class FrameScan {
    static final byte[] TYPE_PREFIX = ascii("{\"type\":\"");
    static final byte[] CLIENT_ID_KEY = ascii("\"clientId\":\"" + Target.CLIENT_ID_PREFIX);
    static final byte[] ROLE_BOT = ascii("\"role\":\"bot\"");
    static final byte[] ROLE_SYSTEM = ascii("\"role\":\"system\"");
    static final byte[] CODE_KEY = ascii("\"code\":\"");

    private FrameScan() {
    }

    static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether the frame is {@code {"type":"NAME"…}}. */
    static boolean hasType(ByteBuf frame, byte[] name) {
        int start = frame.readerIndex();
        int needed = TYPE_PREFIX.length + name.length + 1;
        if (frame.readableBytes() < needed) {
            return false;
        }
        return regionEquals(frame, start, TYPE_PREFIX)
                && regionEquals(frame, start + TYPE_PREFIX.length, name)
                && frame.getByte(start + TYPE_PREFIX.length + name.length) == '"';
    }

    /** The index just past {@code needle} in the readable bytes, or -1. */
    static int indexAfter(ByteBuf frame, byte[] needle) {
        int end = frame.writerIndex() - needle.length;
        byte first = needle[0];
        for (int i = frame.readerIndex(); i <= end; i++) {
            if (frame.getByte(i) == first && regionEquals(frame, i, needle)) {
                return i + needle.length;
            }
        }
        return -1;
    }

    static boolean contains(ByteBuf frame, byte[] needle) {
        return indexAfter(frame, needle) >= 0;
    }

    /** The decimal number right after {@code key}, or -1 when the key is absent or no digit follows. */
    static long numberAfter(ByteBuf frame, byte[] key) {
        int i = indexAfter(frame, key);
        if (i < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (; i < frame.writerIndex(); i++) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The string value after {@code key} up to the next quote (for rare frames: errors), or null. */
    static String stringAfter(ByteBuf frame, byte[] key) {
        int i = indexAfter(frame, key);
        if (i < 0) {
            return null;
        }
        int end = i;
        while (end < frame.writerIndex() && frame.getByte(end) != '"') {
            end++;
        }
        return frame.toString(i, end - i, StandardCharsets.UTF_8);
    }

    private static boolean regionEquals(ByteBuf frame, int at, byte[] expected) {
        if (at + expected.length > frame.writerIndex()) {
            return false;
        }
        for (int j = 0; j < expected.length; j++) {
            if (frame.getByte(at + j) != expected[j]) {
                return false;
            }
        }
        return true;
    }
}
