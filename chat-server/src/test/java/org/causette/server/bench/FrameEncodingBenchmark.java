package org.causette.server.bench;

import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.causette.server.wire.EncodedFrame;
import org.causette.server.wire.Json;
import org.causette.server.wire.ServerFrames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frames of one bot round trip (the visitor's ack and the bot's answer with quick replies and a card), encoded
 * by databind ({@code Json.bytes}, what every frame used before) and by {@link EncodedFrame#of} (the streaming
 * writer for hot frames). Not a unit test. From the repository root, after {@code mvn -q -pl chat-server -am
 * test-compile} and the classpath step of {@code HubCostBenchmark}:
 * <pre>
 * java -cp "$(cat /tmp/cp.txt):chat-server/target/classes:chat-server/target/test-classes" \
 *      org.causette.server.bench.FrameEncodingBenchmark [cpu]    # thread CPU per op, then JMH with its gc profiler
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameEncodingBenchmark {
    private final Instant ts = Instant.parse("2026-11-22T15:13:31.123456Z");
    private final ServerFrames.Ack ack = new ServerFrames.Ack("m123", "0b9f3c1e-6c1d-4a53-9d2a-6f0c1b2a3d4e", 17,
            "5d1f6e2a-8b7c-4d3e-9f0a-1b2c3d4e5f60", ts);
    private final ServerFrames.Message answer = new ServerFrames.Message("0b9f3c1e-6c1d-4a53-9d2a-6f0c1b2a3d4e", 18,
            "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", new ServerFrames.From("bot", "Lumi"),
            "The Oslo armchair costs €299.00 (instead of €349.00). Would you like to see the colours?",
            List.of(new QuickReply("Colours", "INTENT:product_variants"), new QuickReply("Delivery", "INTENT:shipping")),
            List.of(new Card("OSLO", "Oslo armchair", "Solid oak", "€299.00", "€349.00", "https://demo.example/oslo.jpg",
                    "https://demo.example/oslo", List.of(CardButton.postback("Details", "PRODUCT:OSLO"),
                    CardButton.link("Open", "https://demo.example/oslo")))), ts);

    @Benchmark
    public int databind() {
        return Json.bytes(ack).length + Json.bytes(answer).length;
    }

    @Benchmark
    public int encodedFrame() {
        return EncodedFrame.of(ack, "ack").size() + EncodedFrame.of(answer, "message").size();
    }

    /**
     * Thread CPU nanoseconds per call of each operation, best of the rounds, the operations taking turns so that
     * the neighbours' load falls on both alike: on a shared machine JMH's wall-clock scores measure the neighbours
     * too, the CPU time of this one thread much less.
     */
    static double[] cpuNanosPerOp(java.util.function.IntSupplier... ops) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 100_000;
        double[] best = new double[ops.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        int sink = 0;
        for (int round = 0; round < 12; round++) {
            for (int k = 0; k < ops.length; k++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sink += ops[k].getAsInt();
                }
                long elapsed = threads.getCurrentThreadCpuTime() - start;
                if (round >= 4) { // the first rounds warm the JIT up
                    best[k] = Math.min(best[k], elapsed / (double) n);
                }
            }
        }
        if (sink == 42) {
            best[0] = -1; // keeps the results alive
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        FrameEncodingBenchmark b = new FrameEncodingBenchmark();
        double[] cpu = cpuNanosPerOp(b::databind, b::encodedFrame);
        System.out.printf("CPU per round trip's frames (ack + bot answer): databind %.0f ns, EncodedFrame.of %.0f ns%n",
                cpu[0], cpu[1]);
        if (args.length > 0 && args[0].equals("cpu")) {
            return;
        }
        new Runner(new OptionsBuilder().include(FrameEncodingBenchmark.class.getSimpleName()).addProfiler("gc").build()).run();
    }
}
