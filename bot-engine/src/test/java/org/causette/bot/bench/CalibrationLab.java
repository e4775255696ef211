package org.causette.bot.bench;

import org.causette.bot.eval.LabeledCsv;
import org.causette.bot.eval.Metrics;
import org.causette.bot.nlu.IntentModel;
import org.causette.bot.nlu.IntentPrediction;
import org.causette.bot.nlu.LabeledText;

import java.util.ArrayList;
import java.util.List;

/**
 * The out-of-scope decision fitted under several calibration plans (not a test; surefire skips {@code bench/}): each
 * argument is a plan "hiddenIntentShare,hiddenExampleShare,outOfScopeShare,realWeight"; none runs the default. Scored
 * on the tuning sets only: many-{en,fr}-dev.csv (trained on many-*-train.csv, eval settings) and heldout-{fr,en}.csv
 * (trained on the built-in sets, bot settings). many-*-test.csv stays out of every tuning loop.
 * <pre>java -cp $CP org.causette.bot.bench.CalibrationLab 0.25,0.2,0.15,0.8 0.25,0.2,0.25,0.5</pre>
 */
public final class CalibrationLab {
    record Case(String name, List<LabeledText> train, List<LabeledText> test, IntentModel.Settings settings) {}

    public static void main(String[] args) {
        IntentModel.Settings eval = IntentModel.Settings.DEFAULT.withThreads(2).withCalibrationRounds(3);
        IntentModel.Settings bot = org.causette.bot.dialogue.SiteBot.SETTINGS;
        List<Case> cases = new ArrayList<>();
        String r = "org/causette/bot/eval/";
        for (String l : List.of("en", "fr")) {
            cases.add(new Case("many-" + l, LabeledCsv.readResource(r + "many-" + l + "-train.csv"), LabeledCsv.readResource(r + "many-" + l + "-dev.csv"), eval));
        }
        List<LabeledText> builtin = new ArrayList<>();
        for (String l : List.of("fr", "en")) builtin.addAll(LabeledCsv.readResource("org/causette/bot/nlu/builtin-" + l + ".csv"));
        for (String l : List.of("fr", "en")) {
            cases.add(new Case("held-" + l, builtin, LabeledCsv.readResource("org/causette/bot/nlu/heldout-" + l + ".csv"), bot));
        }
        List<IntentModel.Calibration> plans = new ArrayList<>();
        for (String a : args) {
            String[] p = a.split(",");
            plans.add(new IntentModel.Calibration(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])));
        }
        if (plans.isEmpty()) plans.add(IntentModel.Calibration.DEFAULT);
        for (IntentModel.Calibration plan : plans) {
            StringBuilder line = new StringBuilder(plan.toString().replace("Calibration", ""));
            double crit = 0, mcc = 0;
            for (Case c : cases) {
                IntentModel m = IntentModel.train(c.train(), "oos", c.settings().withCalibration(plan));
                List<String> gold = new ArrayList<>(), pred = new ArrayList<>();
                for (LabeledText t : c.test()) {
                    IntentPrediction p = m.predict(t.text());
                    gold.add(t.label());
                    pred.add(p.inScope() ? p.best() : "oos");
                }
                Metrics x = Metrics.of(gold, pred, "oos");
                crit += 0.75 * x.inScopeAccuracy() + 0.25 * x.oosRecall();
                mcc += x.mcc();
                line.append(String.format("%n   %-8s t %.3f in %.3f rec %.3f mcc %.3f", c.name(), m.threshold(), x.inScopeAccuracy(), x.oosRecall(), x.mcc()));
            }
            line.append(String.format("%n   mean .75in+.25rec %.3f mcc %.3f", crit / cases.size(), mcc / cases.size()));
            System.out.println(line);
        }
    }
}
