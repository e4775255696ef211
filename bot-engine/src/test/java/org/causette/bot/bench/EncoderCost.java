package org.causette.bot.bench;

import org.causette.bot.BotInput;
import org.causette.bot.DialogueContext;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.nlu.HybridIntentModel;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.LabeledText;
import org.causette.bot.nlu.MiniLmEncoder;
import org.causette.bot.nlu.Nlu;
import org.causette.bot.nlu.SentenceEncoder;
import org.causette.bot.nlu.TextNormalizer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the English sentence encoder costs on the demo shop (not a test): its load time and memory, the demo's training
 * time with it (run twice with the same {@code -Dcausette.encoder.cache=DIR}: the first run fills the disk cache, the
 * second starts from it), one encoding's time, how many lines consult it (the benchmark's routine lines and the
 * English held-out lines), and bot turns per second with it on the benchmark's lines. Run from the repository root:
 * <pre>java -Dcausette.encoder.cache=/tmp/enc-cache -cp $CP org.causette.bot.bench.EncoderCost</pre>
 */
public final class EncoderCost {
    private EncoderCost() {
    }

    public static void main(String[] args) throws Exception {
        SiteKnowledge site = BenchSites.load();
        SiteBot.train(site); // the n-gram path warm, so what follows is the encoder's own cost
        System.gc();
        long heap0 = heapUsed();
        long rss0 = rssKb();
        long t0 = System.nanoTime();
        SentenceEncoder encoder = MiniLmEncoder.shared().orElseThrow();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        encoder.encode("warm up");
        System.gc();
        System.out.printf("encoder load %d ms; heap +%d MiB, resident +%d MiB after loading%n", loadMs,
                (heapUsed() - heap0) >> 20, (rssKb() - rss0) >> 10);

        long t1 = System.nanoTime();
        SiteBot.train(site, SiteBot.SETTINGS, encoder);
        long first = (System.nanoTime() - t1) / 1_000_000;
        long t2 = System.nanoTime();
        SiteBot.train(site, SiteBot.SETTINGS, encoder);
        long second = (System.nanoTime() - t2) / 1_000_000;
        long t3 = System.nanoTime();
        SiteBot.train(site, SiteBot.SETTINGS, null);
        long without = (System.nanoTime() - t3) / 1_000_000;
        System.out.printf("demo training with the encoder: %d ms (disk cache %s), %d ms again in the same process"
                + " (vectors in memory); without it %d ms%n", first, describeCache(), second, without);
        System.gc();
        System.out.printf("resident +%d MiB with the encoder's bot trained%n", (rssKb() - rss0) >> 10);

        List<String> english = new ArrayList<>();
        LabeledCsv.readResource("org/causette/bot/nlu/heldout-en.csv").forEach(r -> english.add(r.text()));
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (String s : english) {
            encoder.encode(s);
        }
        long wall = System.nanoTime() - w0;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0;
        System.out.printf("one encoding: %.2f ms wall, %.2f ms CPU of the calling thread (ONNX Runtime may add its own"
                + " threads), mean of %d held-out lines%n", wall / 1e6 / english.size(), cpu / 1e6 / english.size(), english.size());

        Nlu nlu = Nlu.train(site.catalog(), site.faq(), site.languages(), SiteBot.SETTINGS, encoder);
        HybridIntentModel m = nlu.intents();
        for (String line : BotTurnBenchmark.LINES) {
            long before = m.encoderLines();
            var u = nlu.understand(line, null, null, "fr-FR");
            if (m.encoderLines() > before) {
                IntentModel.Settings unused = null;
                var alone = m.ngram().predict(TextNormalizer.tokens(line));
                System.out.printf("  consults the encoder: \"%s\" (n-gram: %s %.3f, in scope %s; with the encoder: %s %.3f, in scope %s)%n",
                        line, alone.best(), alone.confidence(), alone.inScope(), u.prediction().best(), u.prediction().confidence(),
                        u.prediction().inScope());
            }
        }
        System.out.printf("the benchmark's %d routine lines: %d English, %d consult the encoder%n",
                BotTurnBenchmark.LINES.size(), m.englishLines(), m.encoderLines());
        long e0 = m.englishLines();
        long c0 = m.encoderLines();
        for (String line : english) {
            nlu.understand(line, "en", null, null);
        }
        System.out.printf("heldout-en: %d of %d lines consult the encoder%n", m.encoderLines() - c0, m.englishLines() - e0);

        for (SentenceEncoder e : new SentenceEncoder[]{null, encoder}) {
            SiteBot bot = SiteBot.train(site, SiteBot.SETTINGS, e);
            BotInput[] inputs = new BotInput[BotTurnBenchmark.LINES.size()];
            DialogueContext[] contexts = new DialogueContext[inputs.length];
            DialogueContext ctx = DialogueContext.EMPTY;
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = BotInput.typed(BotTurnBenchmark.LINES.get(i), "fr-FR");
                contexts[i] = ctx;
                ctx = bot.respond(inputs[i], ctx).context();
            }
            int n = e == null ? 300_000 : 3_000;
            for (int i = 0; i < n / 3; i++) {
                bot.respond(inputs[i % inputs.length], contexts[i % inputs.length]);
            }
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bot.respond(inputs[i % inputs.length], contexts[i % inputs.length]);
            }
            double perSecond = n / ((System.nanoTime() - s) / 1e9);
            System.out.printf("bot turns per second (wall, one thread) on the benchmark's lines, encoder %s: %.0f%n",
                    e == null ? "off" : "on", perSecond);
        }
    }

    private static String describeCache() {
        String dir = System.getProperty("causette.encoder.cache");
        if (dir == null) {
            return "default folder";
        }
        try (var files = Files.list(Path.of(dir))) {
            return dir + ", " + files.count() + " file(s) now";
        } catch (Exception e) {
            return dir;
        }
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
