package org.causette.bench;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32;

/**
 * One fan-out repetition at a time: armed with the trigger's send time, it keeps, per staff socket, when the first
 * {@code queue} frame after the trigger arrived (and a checksum of its bytes, to see that every receiver got the same
 * frame). The staff sockets' event loops write their own slot; the bench reads once all arrived or the wait ends.
 */
final class FanoutProbe {
    private final int receivers;
    private final AtomicLongArray arrivals;
    private final AtomicLongArray checksums;
    private volatile int frameBytes;
    private volatile long trigger = Long.MAX_VALUE;
    private volatile CountDownLatch all;

    FanoutProbe(int receivers) {
        this.receivers = receivers;
        this.arrivals = new AtomicLongArray(receivers);
        this.checksums = new AtomicLongArray(receivers);
    }

    /** Before the trigger is sent: forget the previous repetition. Frames before {@code triggerNanos} do not count. */
    void arm(long triggerNanos) {
        for (int i = 0; i < receivers; i++) {
            arrivals.set(i, 0);
            checksums.set(i, 0);
        }
        all = new CountDownLatch(receivers);
        trigger = triggerNanos;
    }

    /** From a staff socket's loop. */
    void arrived(int index, long now, ByteBuf frame) {
        CountDownLatch latch = all;
        if (latch == null || now < trigger || index >= receivers) {
            return;
        }
        if (arrivals.compareAndSet(index, 0, now)) {
            CRC32 crc = new CRC32();
            crc.update(frame.nioBuffer());
            checksums.set(index, crc.getValue());
            frameBytes = frame.readableBytes();
            latch.countDown();
        }
    }

    /** @return whether every receiver got its frame in time */
    boolean await(long timeoutMillis) throws InterruptedException {
        return all.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void disarm() {
        trigger = Long.MAX_VALUE;
    }

    /**
     * What one repetition saw: delays from {@code sentAt} (the trigger's own send time, a little after {@link #arm}),
     * sorted, in nanoseconds; and how many distinct frames.
     */
    Repetition result(long sentAt) {
        long t = sentAt;
        long[] delays = new long[receivers];
        int got = 0;
        for (int i = 0; i < receivers; i++) {
            long at = arrivals.get(i);
            if (at != 0) {
                delays[got++] = at - t;
            }
        }
        long[] sorted = Arrays.copyOf(delays, got);
        Arrays.sort(sorted);
        long distinct = java.util.stream.IntStream.range(0, receivers).filter(i -> arrivals.get(i) != 0)
                .mapToLong(checksums::get).distinct().count();
        return new Repetition(sorted, receivers, (int) distinct, frameBytes);
    }

    /** @param delays sorted, one per receiver that got the frame */
    record Repetition(long[] delays, int receivers, int distinctFrames, int frameBytes) {
        /** The delay at the k-th receiver (1-based) of the sorted arrivals, e.g. the 1st, the 500th, the last. */
        long nth(int k) {
            return delays[Math.max(0, Math.min(delays.length, k) - 1)];
        }

        /** The delay by which {@code percent} % of the receivers had the frame (nearest rank). */
        long percentile(double percent) {
            int rank = (int) Math.ceil(percent / 100.0 * delays.length);
            return nth(Math.max(1, rank));
        }

        int received() {
            return delays.length;
        }
    }
}
