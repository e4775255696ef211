package org.causette.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the staff side saw, without locks: delivery latencies visitor → agent and agent → visitor, the queue wait
 * (hand-over request sent → the shopper's {@code state assigned}), and counters. Windows as in {@link Stats}.
 */
final class HandoverStats {
    final Recorder toAgent = new Recorder(3);
    final Recorder toVisitor = new Recorder(3);
    final Recorder queueWait = new Recorder(3);
    final LongAdder requested = new LongAdder();
    final LongAdder assignedToStaff = new LongAdder();
    final LongAdder visitorAssigned = new LongAdder();
    final LongAdder staffSent = new LongAdder();
    final LongAdder visitorSent = new LongAdder();
    final LongAdder closedByStaff = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder accepts = new LongAdder();
    /** The largest queue frame a staff socket received, in bytes (it lists every waiting conversation). */
    final java.util.concurrent.atomic.LongAccumulator largestQueueFrame = new java.util.concurrent.atomic.LongAccumulator(Math::max, 0);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Sockets lost after their welcome, by side and cause; never reset: a lost socket stays lost. */
    private final Map<String, LongAdder> lost = new ConcurrentHashMap<>();

    void lost(String side, Throwable cause) {
        lost.computeIfAbsent(side + ":" + (cause == null ? "closed by the hub" : cause.getClass().getSimpleName()),
                c -> new LongAdder()).increment();
    }

    Map<String, Long> lostSockets() {
        Map<String, Long> counts = new TreeMap<>();
        lost.forEach((why, count) -> counts.put(why, count.sum()));
        return counts;
    }

    void error(String side, String code) {
        errors.computeIfAbsent(side + ":" + (code == null ? "unknown" : code), c -> new LongAdder()).increment();
    }

    static void record(Recorder recorder, long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1000));
    }

    void reset() {
        toAgent.reset();
        toVisitor.reset();
        queueWait.reset();
        for (LongAdder adder : new LongAdder[] {requested, assignedToStaff, visitorAssigned, staffSent, visitorSent,
                closedByStaff, completed, accepts}) {
            adder.reset();
        }
        errors.clear();
    }

    Window take() {
        Map<String, Long> codes = new TreeMap<>();
        errors.forEach((code, count) -> codes.put(code, count.sum()));
        return new Window(toAgent.getIntervalHistogram(), toVisitor.getIntervalHistogram(), queueWait.getIntervalHistogram(),
                requested.sum(), assignedToStaff.sum(), visitorAssigned.sum(), staffSent.sum(), visitorSent.sum(),
                closedByStaff.sum(), completed.sum(), accepts.sum(), codes);
    }

    record Window(Histogram toAgent, Histogram toVisitor, Histogram queueWait, long requested, long assignedToStaff,
                  long visitorAssigned, long staffSent, long visitorSent, long closedByStaff, long completed, long accepts,
                  Map<String, Long> errors) {
    }
}
