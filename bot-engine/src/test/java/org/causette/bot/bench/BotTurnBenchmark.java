package org.causette.bot.bench;

import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.DialogueContext;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.knowledge.SiteKnowledge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bot turn (language, classification, entities, decision and the answer with its cards) on the demo shop, one
 * thread: the result is turns per second per core. Not a unit test (surefire excludes {@code bench/}). Run from the
 * repository root:
 * <pre>
 * mvn -q -pl bot-engine test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp bot-engine/target/test-classes:bot-engine/target/classes:$(cat bot-engine/target/cp.txt) org.causette.bot.bench.BotTurnBenchmark
 * </pre>
 * {@code main} first prints the demo site's training time (first, cold, and the best of three warm runs) and the turns
 * per CPU-second of one thread (robust on a shared machine), then runs JMH.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class BotTurnBenchmark {
    /** A realistic mix: product questions with context, policy questions, small talk, out of scope. */
    static final List<String> LINES = List.of(
            "combien coûte le fauteuil oslo ?", "et en bleu ?", "vous livrez en belgique ?", "bonjour",
            "is the luna armchair in stock?", "how much is delivery?", "je cherche un tapis à moins de 200 €",
            "quelle est la différence entre l'oslo et le luna ?", "where is my order 123456", "merci beaucoup",
            "quel temps fera-t-il demain ?", "do you have the pia lamp in white?");

    private SiteBot bot;
    private BotInput[] inputs;
    private DialogueContext[] contexts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bot = train(BenchSites.load());
        inputs = new BotInput[LINES.size()];
        contexts = new DialogueContext[LINES.size()];
        DialogueContext ctx = DialogueContext.EMPTY;
        for (int i = 0; i < LINES.size(); i++) {
            inputs[i] = BotInput.typed(LINES.get(i), "fr-FR");
            contexts[i] = ctx;
            ctx = bot.respond(inputs[i], ctx).context();
        }
    }

    /** {@code -Dbench.encoder=on}: the same turns with the English sentence encoder (site.json bot.encoder). */
    private static SiteBot train(SiteKnowledge site) {
        boolean encoder = "on".equals(System.getProperty("bench.encoder"));
        return SiteBot.train(site, SiteBot.SETTINGS, encoder ? org.causette.bot.nlu.MiniLmEncoder.shared().orElseThrow() : null);
    }

    @Benchmark
    public BotTurn turn() {
        int i = next;
        next = i + 1 == inputs.length ? 0 : i + 1;
        return bot.respond(inputs[i], contexts[i]);
    }

    /** Thread CPU time rather than wall time: on a shared machine wall time measures the neighbours too. */
    static double turnsPerCpuSecond() {
        BotTurnBenchmark b = new BotTurnBenchmark();
        b.setUp();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += b.turn().messages().size();
        }
        int n = 300_000;
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += b.turn().messages().size();
        }
        long cpu = mx.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return n / (cpu / 1e9);
    }

    public static void main(String[] args) throws RunnerException {
        SiteKnowledge site = BenchSites.load();
        long t0 = System.nanoTime();
        train(site);
        long cold = (System.nanoTime() - t0) / 1_000_000;
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long bestMainCpu = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            long c = os.getProcessCpuTime();
            long m = mx.getCurrentThreadCpuTime();
            train(site);
            best = Math.min(best, (System.nanoTime() - s) / 1_000_000);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c) / 1_000_000);
            bestMainCpu = Math.min(bestMainCpu, (mx.getCurrentThreadCpuTime() - m) / 1_000_000);
        }
        System.out.printf("site %s (%d products, %d faq intents): training %d ms cold, %d ms warm (best of 3); "
                        + "warm CPU: %d ms in all threads, %d ms in the training thread%n",
                site.siteId(), site.catalog().products().size(), site.faq().intents().size(), cold, best, bestCpu, bestMainCpu);
        System.out.printf("turns per CPU-second of one thread: %.0f (counts only this thread's CPU time, so it holds on a busy machine)%n",
                turnsPerCpuSecond());
        Options options = new OptionsBuilder().include(BotTurnBenchmark.class.getSimpleName())
                .jvmArgsAppend("-Dbench.encoder=" + System.getProperty("bench.encoder", "off")).build();
        new Runner(options).run();
    }
}
