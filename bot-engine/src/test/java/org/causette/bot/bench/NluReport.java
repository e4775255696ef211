package org.causette.bot.bench;

import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.eval.EvalCommand;
import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.eval.Metrics;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.LabeledText;
import org.causette.bot.nlu.Nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Prints the built-in intent figures (not a test; surefire skips {@code bench/}):
 * <ol>
 *   <li>held-out accuracy per language: the bot's own model (French + English built-ins, bot settings) scored on
 *       heldout-fr.csv and heldout-en.csv;</li>
 *   <li>5-fold cross-validation of each built-in set with the eval command's training (threshold fitted inside each
 *       training fold only).</li>
 * </ol>
 * Run from the repository root, after building the class path as in {@link BotTurnBenchmark}:
 * <pre>java -cp bot-engine/target/test-classes:bot-engine/target/classes:$(cat bot-engine/target/cp.txt) org.causette.bot.bench.NluReport</pre>
 */
public final class NluReport {
    private NluReport() {
    }

    public static void main(String[] args) {
        org.causette.bot.nlu.SentenceEncoder encoder = "off".equals(System.getProperty("report.encoder"))
                ? null : org.causette.bot.nlu.MiniLmEncoder.shared().orElse(null);
        List<LabeledText> train = new ArrayList<>();
        for (String lang : List.of("fr", "en")) {
            for (LabeledText t : Nlu.builtInExamples(lang)) {
                train.add(t);
            }
        }
        long t0 = System.nanoTime();
        IntentModel model = IntentModel.train(train, Nlu.OUT_OF_SCOPE, SiteBot.SETTINGS);
        System.out.printf("bot model: %d rows, trained in %d ms, threshold %.3f%n", train.size(),
                (System.nanoTime() - t0) / 1_000_000, model.threshold());
        for (String lang : List.of("fr", "en")) {
            List<LabeledText> heldOut = LabeledCsv.readResource("org/causette/bot/nlu/heldout-" + lang + ".csv");
            List<String> gold = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            int inScope = 0;
            int top1 = 0;
            for (LabeledText row : heldOut) {
                IntentPrediction p = model.predict(row.text());
                gold.add(row.label());
                predicted.add(p.inScope() ? p.best() : "oos");
                if (!row.label().equals("oos")) {
                    inScope++;
                    top1 += row.label().equals(p.best()) ? 1 : 0;
                }
            }
            System.out.printf("held-out %s: top-1 in-scope %.3f (%d rows); with the out-of-scope decision: %s%n", lang,
                    (double) top1 / inScope, inScope, describe(Metrics.of(gold, predicted, "oos")));
        }
        if (encoder != null) {
            // The bot with bot.encoder on: the encoder over the English built-in rows, consulted where the bot would.
            List<LabeledText> english = new ArrayList<>();
            for (LabeledText t : Nlu.builtInExamples("en")) {
                english.add(t);
            }
            org.causette.bot.nlu.HybridIntentModel hybrid = org.causette.bot.nlu.HybridIntentModel.train(model, english, encoder);
            List<String> gold = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            int inScope = 0;
            int top1 = 0;
            for (LabeledText row : LabeledCsv.readResource("org/causette/bot/nlu/heldout-en.csv")) {
                IntentPrediction p = hybrid.predict(row.text(), org.causette.bot.nlu.TextNormalizer.tokens(row.text()), true);
                gold.add(row.label());
                predicted.add(p.inScope() ? p.best() : "oos");
                if (!row.label().equals("oos")) {
                    inScope++;
                    top1 += row.label().equals(p.best()) ? 1 : 0;
                }
            }
            System.out.printf("held-out en, encoder on (consulted for %d of %d): top-1 in-scope %.3f; %s%n", hybrid.encoderLines(),
                    hybrid.englishLines(), (double) top1 / inScope, describe(Metrics.of(gold, predicted, "oos")));
        }
        for (String run : encoder == null ? List.of("fr", "en") : List.of("fr", "en", "en+encoder")) {
            String lang = run.substring(0, 2);
            org.causette.bot.nlu.SentenceEncoder enc = run.endsWith("encoder") ? encoder : null;
            List<LabeledText> rows = new ArrayList<>(LabeledCsv.readResource("org/causette/bot/nlu/builtin-" + lang + ".csv"));
            Collections.shuffle(rows, new Random(1));
            int k = 5;
            List<String> gold = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            for (int f = 0; f < k; f++) {
                List<LabeledText> tr = new ArrayList<>();
                List<LabeledText> te = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    (i % k == f ? te : tr).add(rows.get(i));
                }
                EvalCommand.Result r = EvalCommand.evaluate(tr, te, "oos", enc);
                te.forEach(t -> gold.add(t.label()));
                predicted.addAll(r.predictions());
            }
            System.out.printf("5-fold CV builtin-%s (%d rows): %s%n", run, rows.size(), describe(Metrics.of(gold, predicted, "oos")));
        }
        // Many intents, few examples each (40 intents, 5 training examples each, 20 out-of-scope training rows): the
        // eval command's training. The dev files were used to tune; the test files were kept out of every tuning loop.
        for (String run : encoder == null ? List.of("en", "fr") : List.of("en", "en+encoder", "fr")) {
            String lang = run.substring(0, 2);
            org.causette.bot.nlu.SentenceEncoder enc = run.endsWith("encoder") ? encoder : null;
            List<LabeledText> tr = LabeledCsv.readResource("org/causette/bot/eval/many-" + lang + "-train.csv");
            for (String part : List.of("dev", "test")) {
                List<LabeledText> te = LabeledCsv.readResource("org/causette/bot/eval/many-" + lang + "-" + part + ".csv");
                EvalCommand.Result r = EvalCommand.evaluate(tr, te, "oos", enc);
                System.out.printf("many-%s-%s (%d rows, threshold %.3f): top-1 in-scope %.3f; %s%n", run, part, te.size(),
                        r.threshold(), r.topOneInScope(), describe(r.metrics()));
            }
        }
    }

    private static String describe(Metrics m) {
        return String.format("accuracy %.3f, in-scope accuracy %.3f, oos recall %s, oos precision %s, MCC %.3f, macro F1 %.3f",
                m.accuracy(), m.inScopeAccuracy(), m.oosRecall() == null ? "n/a" : String.format("%.3f", m.oosRecall()),
                m.oosPrecision() == null ? "n/a" : String.format("%.3f", m.oosPrecision()), m.mcc(), m.macroF1());
    }
}
