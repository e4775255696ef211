package org.causette.bot.bench;

import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.eval.Metrics;
import org.causette.bot.nlu.HybridIntentModel;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.LabeledText;
import org.causette.bot.nlu.MiniLmEncoder;
import org.causette.bot.nlu.SentenceEncoder;
import org.causette.bot.nlu.TextNormalizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoder's cosine fit under several plans (arguments as in {@link CalibrationLab}), on the English tuning sets:
 * many-en-dev.csv (trained on many-en-train.csv) and heldout-en.csv (the bot's bilingual n-gram model, the encoder
 * over the English built-in rows, as the bot does). Not a test.
 */
public final class EncoderLab {
    public static void main(String[] args) {
        SentenceEncoder encoder = MiniLmEncoder.shared().orElseThrow();
        String r = "org/causette/bot/eval/";
        List<LabeledText> manyTrain = LabeledCsv.readResource(r + "many-en-train.csv");
        IntentModel many = IntentModel.train(manyTrain, "oos", IntentModel.Settings.DEFAULT.withThreads(2));
        List<LabeledText> builtin = new ArrayList<>(LabeledCsv.readResource("org/causette/bot/nlu/builtin-fr.csv"));
        List<LabeledText> en = LabeledCsv.readResource("org/causette/bot/nlu/builtin-en.csv");
        builtin.addAll(en);
        IntentModel bot = IntentModel.train(builtin, "oos", org.causette.bot.dialogue.SiteBot.SETTINGS);
        List<IntentModel.Calibration> plans = new ArrayList<>();
        for (String a : args) {
            String[] p = a.split(",");
            plans.add(new IntentModel.Calibration(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])));
        }
        for (IntentModel.Calibration plan : plans) {
            StringBuilder line = new StringBuilder(plan.toString());
            line.append(run("many-en-dev", HybridIntentModel.train(many, manyTrain, encoder, plan), LabeledCsv.readResource(r + "many-en-dev.csv")));
            line.append(run("heldout-en", HybridIntentModel.train(bot, en, encoder, plan), LabeledCsv.readResource("org/causette/bot/nlu/heldout-en.csv")));
            System.out.println(line);
        }
    }

    private static String run(String name, HybridIntentModel m, List<LabeledText> test) {
        List<String> gold = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        for (LabeledText t : test) {
            IntentPrediction p = m.predict(t.text(), TextNormalizer.tokens(t.text()), true);
            gold.add(t.label());
            pred.add(p.inScope() ? p.best() : "oos");
        }
        Metrics x = Metrics.of(gold, pred, "oos");
        return String.format("%n   %-12s cos t %.3f in %.3f rec %.3f mcc %.3f (encoder on %d of %d)", name, m.encoderFit().threshold(),
                x.inScopeAccuracy(), x.oosRecall(), x.mcc(), m.encoderLines(), m.englishLines());
    }
}
