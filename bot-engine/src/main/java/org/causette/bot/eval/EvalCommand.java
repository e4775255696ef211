package org.causette.bot.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.LabeledText;
import org.causette.bot.nlu.HybridIntentModel;
import org.causette.bot.nlu.MiniLmEncoder;
import org.causette.bot.nlu.OutOfScopeFit;
import org.causette.bot.nlu.SentenceEncoder;
import org.causette.bot.nlu.TextNormalizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code eval --train FILE --test FILE [--oos-label LABEL] [--lang en|fr]} (bot-engine/README.md, "The eval command").
 *
 * <p>Trains the classifier and its out-of-scope decision exactly as a site's bot does, on TRAIN only (no built-in
 * intents), then predicts every TEST row: its label, or the out-of-scope label when the bot would not answer. TEST is
 * read only to score. A few human lines go first; the last line of {@code out} is the contract's JSON.
 */
public final class EvalCommand {
    public static final int OK = 0;
    public static final int USAGE = 2;
    private static final String USAGE_LINE = "usage: eval --train TRAIN.csv --test TEST.csv [--oos-label LABEL] [--lang en|fr] [--encoder on|off]";

    private EvalCommand() {
    }

    /** Runs the command; returns the process exit code (0 ok, 2 bad usage or unreadable file, with one line on err). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.equals("--train") && !a.equals("--test") && !a.equals("--oos-label") && !a.equals("--lang")
                    && !a.equals("--encoder")) {
                err.println("eval: unknown argument '" + a + "'. " + USAGE_LINE);
                return USAGE;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                err.println("eval: " + a + " needs a value. " + USAGE_LINE);
                return USAGE;
            }
            if (options.put(a, args[++i]) != null) {
                err.println("eval: " + a + " given twice. " + USAGE_LINE);
                return USAGE;
            }
        }
        if (!options.containsKey("--train") || !options.containsKey("--test")) {
            err.println("eval: --train and --test are required. " + USAGE_LINE);
            return USAGE;
        }
        String lang = options.getOrDefault("--lang", "en");
        if (!lang.equals("en") && !lang.equals("fr")) {
            err.println("eval: --lang must be en or fr, not '" + lang + "'");
            return USAGE;
        }
        // The English sentence encoder, where it can run: on by default for English, never for French (English only).
        String encoderOption = options.getOrDefault("--encoder", lang.equals("en") ? "on" : "off");
        if (!encoderOption.equals("on") && !encoderOption.equals("off")) {
            err.println("eval: --encoder must be on or off, not '" + encoderOption + "'");
            return USAGE;
        }
        if (encoderOption.equals("on") && lang.equals("fr")) {
            err.println("eval: --encoder on needs --lang en: the sentence encoder is English only");
            return USAGE;
        }
        String oosLabel = options.getOrDefault("--oos-label", "oos");
        if (oosLabel.isBlank()) {
            err.println("eval: --oos-label must not be blank");
            return USAGE;
        }
        List<LabeledText> train;
        List<LabeledText> test;
        try {
            train = readFile(options.get("--train"), "--train");
            test = readFile(options.get("--test"), "--test");
        } catch (IOException e) {
            err.println("eval: " + e.getMessage());
            return USAGE;
        }
        long inScopeLabels = train.stream().map(LabeledText::label).filter(l -> !l.equals(oosLabel)).distinct().count();
        if (inScopeLabels < 2) {
            err.println("eval: " + options.get("--train") + ": needs at least two in-scope labels to train, found " + inScopeLabels);
            return USAGE;
        }
        SentenceEncoder encoder = encoderOption.equals("on") ? MiniLmEncoder.shared().orElse(null) : null;
        if (encoderOption.equals("on") && encoder == null) {
            out.println("the sentence encoder cannot run here (see the log): n-gram model alone");
        }
        Result result = evaluate(train, test, oosLabel, encoder);
        Metrics m = result.metrics();
        out.printf("trained on %d rows (%d in-scope labels) in %d ms; out-of-scope threshold %.3f%n",
                train.size(), inScopeLabels, result.trainMs(), result.threshold());
        out.println("why: " + result.fit().describe());
        if (result.encoderFit() != null) {
            out.println("sentence encoder consulted for " + result.encoderLines() + " of " + test.size()
                    + " test rows (those the n-gram model is not sure of); its nearest-example cosine "
                    + result.encoderFit().describe().replace("out-of-scope threshold", "threshold"));
        }
        IntentReport.print(result.gold(), result.predictions(), out);
        out.printf("top-1 in-scope accuracy before the out-of-scope decision: %s%n", fmt(result.topOneInScope()));
        out.printf("test: %d rows; accuracy %.4f; in-scope accuracy %s; oos recall %s; oos precision %s; MCC %.4f; macro F1 %.4f%n",
                m.n(), m.accuracy(), fmt(m.inScopeAccuracy()), fmt(m.oosRecall()), fmt(m.oosPrecision()), m.mcc(), m.macroF1());
        out.println(json(m, result.trainMs()));
        return OK;
    }

    /** Training and scoring, without files: what the command and the tests share. */
    /**
     * @param topOneInScope share of the in-scope test rows whose best intent is right, whatever the out-of-scope
     *                      decision (null without in-scope rows): what the classifier alone does
     */
    public record Result(Metrics metrics, long trainMs, double threshold, List<String> gold, List<String> predictions,
                         Double topOneInScope, OutOfScopeFit fit, OutOfScopeFit encoderFit, long encoderLines) {
        public Result {
            gold = List.copyOf(gold);
            predictions = List.copyOf(predictions);
        }
    }

    public static Result evaluate(List<LabeledText> train, List<LabeledText> test, String oosLabel) {
        return evaluate(train, test, oosLabel, null);
    }

    /** With {@code encoder} non-null, the English sentence encoder is consulted where the bot would consult it. */
    public static Result evaluate(List<LabeledText> train, List<LabeledText> test, String oosLabel, SentenceEncoder encoder) {
        long start = System.nanoTime();
        IntentModel.Settings settings = settingsFor(train.size());
        IntentModel ngram = IntentModel.train(train, oosLabel, settings);
        HybridIntentModel model = encoder == null ? HybridIntentModel.of(ngram)
                : HybridIntentModel.train(ngram, train, encoder);
        long trainMs = (System.nanoTime() - start) / 1_000_000;
        List<String> gold = new ArrayList<>(test.size());
        List<String> predicted = new ArrayList<>(test.size());
        int inScope = 0;
        int topOne = 0;
        for (LabeledText row : test) {
            IntentPrediction p = model.predict(row.text(), TextNormalizer.tokens(row.text()), true);
            gold.add(row.label());
            predicted.add(p.inScope() ? p.best() : oosLabel);
            if (!row.label().equals(oosLabel)) {
                inScope++;
                topOne += row.label().equals(p.best()) ? 1 : 0;
            }
        }
        return new Result(Metrics.of(gold, predicted, oosLabel), trainMs, ngram.threshold(), gold, predicted,
                inScope == 0 ? null : (double) topOne / inScope, ngram.outOfScopeFit(), model.encoderFit(), model.encoderLines());
    }

    /**
     * The bot's model family with the full 100 GIS iterations and more calibration rounds (three, or two above 3,000
     * rows to keep a 15,000-row file within a few minutes); the calibration trains beside the final model on a second
     * core. {@code --lang} is accepted for the contract: normalisation and features are the same for both languages.
     */
    static IntentModel.Settings settingsFor(int rows) {
        return IntentModel.Settings.DEFAULT.withThreads(2).withCalibrationRounds(rows > 3000 ? 2 : 3);
    }

    private static List<LabeledText> readFile(String name, String option) throws IOException {
        Path path = Path.of(name);
        if (!Files.isRegularFile(path)) {
            throw new IOException(option + " " + name + ": no such file");
        }
        try {
            List<LabeledText> rows = LabeledCsv.read(path);
            if (rows.isEmpty()) {
                throw new IOException("no rows after the header");
            }
            return rows;
        } catch (IOException e) {
            throw new IOException(option + " " + name + ": " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(option + " " + name + ": " + e.getCause().getMessage(), e);
        }
    }

    private static String fmt(Double d) {
        return d == null ? "n/a" : String.format("%.4f", d);
    }

    static String json(Metrics m, long trainMs) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("n", m.n());
        o.put("accuracy", round(m.accuracy()));
        putNullable(o, "inScopeAccuracy", m.inScopeAccuracy());
        putNullable(o, "oosRecall", m.oosRecall());
        putNullable(o, "oosPrecision", m.oosPrecision());
        o.put("mcc", round(m.mcc()));
        o.put("macroF1", round(m.macroF1()));
        o.put("trainMs", trainMs);
        return o.toString();
    }

    private static void putNullable(ObjectNode o, String name, Double v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000d) / 1_000_000d;
    }
}
