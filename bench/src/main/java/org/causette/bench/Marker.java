package org.causette.bench;

import io.netty.buffer.ByteBuf;

/**
 * A send time written into a message's text, so that the socket that receives it — another session of the same
 * process, the same clock — knows the latency without any shared table: {@code … [t=123456]}. Times count from a
 * day before the tool's start so they are never negative.
 */
final class Marker {
    /** A day before the class was loaded: a time taken just before the first stamp (which loads it) is still after. */
    private static final long BASE = System.nanoTime() - java.util.concurrent.TimeUnit.DAYS.toNanos(1);
    static final String PREFIX = "[t=";
    private static final byte[] KEY = FrameScan.ascii(PREFIX);

    private Marker() {
    }

    /** Text that carries the current time. */
    static String stamp(String text, long nanoTime) {
        return text + " " + PREFIX + (nanoTime - BASE) + "]";
    }

    /** The send time (System.nanoTime) carried by a frame's text, or -1 when it has none. */
    static long sentAt(ByteBuf frame) {
        long value = FrameScan.numberAfter(frame, KEY);
        return value < 0 ? -1 : value + BASE;
    }
}
