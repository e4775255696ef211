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
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

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
