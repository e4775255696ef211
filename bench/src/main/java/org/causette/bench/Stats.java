package org.causette.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the shoppers saw, counted without locks: HdrHistogram recorders for the two latencies (microseconds) and
 * plain counters. A measurement window is {@link #reset} at its start and {@link #take} at its end.
 */
final class Stats {
    final Recorder ack = new Recorder(3);
    final Recorder reply = new Recorder(3);
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder replied = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder noReply = new LongAdder();
    final LongAdder lateSends = new LongAdder();
    final LongAdder closedSockets = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String code) {
        errors.computeIfAbsent(code == null ? "unknown" : code, c -> new LongAdder()).increment();
    }

    void recordAck(long nanos) {
        ack.recordValue(Math.max(1, nanos / 1000));
    }

    void recordReply(long nanos) {
        reply.recordValue(Math.max(1, nanos / 1000));
    }

    void reset() {
        ack.reset();
        reply.reset();
        for (LongAdder adder : new LongAdder[] {sent, acked, replied, timeouts, noReply, lateSends, closedSockets}) {
            adder.reset();
        }
        errors.clear();
    }

    Window take() {
        Map<String, Long> codes = new TreeMap<>();
        errors.forEach((code, count) -> codes.put(code, count.sum()));
        return new Window(ack.getIntervalHistogram(), reply.getIntervalHistogram(), sent.sum(), acked.sum(), replied.sum(),
                timeouts.sum(), noReply.sum(), lateSends.sum(), closedSockets.sum(), codes);
    }

    record Window(Histogram ack, Histogram reply, long sent, long acked, long replied, long timeouts, long noReply,
                  long lateSends, long closedSockets, Map<String, Long> errors) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Percentiles in milliseconds. */
    /** Percentiles in milliseconds; {@code within1sPercent}: the share answered within one second (Rocket.Chat's yardstick). */
    record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean,
                   double within1sPercent) {
        static Latency of(Histogram histogram) {
            if (histogram.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0, 0, 0);
            }
            return new Latency(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                    ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                    ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()), round(histogram.getMean() / 1000.0),
                    round(histogram.getPercentileAtOrBelowValue(1_000_000)));
        }

        private static double ms(long micros) {
            return round(micros / 1000.0);
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
