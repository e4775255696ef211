package org.causette.bot.nlu;

import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The compiled evaluation must give OpenNLP's own probabilities within 1e-9 (it uses {@code Math.exp} where OpenNLP
 * uses {@code StrictMath.exp}; everything else is the same operations in the same order) and the same best intent
 * and in-scope decision on every built-in training sentence, every held-out line and odd lines, so no answer changes.
 */
class CompiledGisModelTest {
    private static IntentModel model;
    private static List<String> lines;

    @BeforeAll
    static void train() {
        List<LabeledText> data = new ArrayList<>(Nlu.builtInExamples("fr"));
        data.addAll(Nlu.builtInExamples("en"));
        model = IntentModel.train(data, Nlu.OUT_OF_SCOPE, IntentModel.Settings.DEFAULT.withCalibrationRounds(0));
        lines = new ArrayList<>();
        data.forEach(d -> lines.add(d.text()));
        org.causette.bot.eval.LabeledCsv.readResource("org/causette/bot/nlu/heldout-fr.csv").forEach(d -> lines.add(d.text()));
        org.causette.bot.eval.LabeledCsv.readResource("org/causette/bot/nlu/heldout-en.csv").forEach(d -> lines.add(d.text()));
        lines.addAll(Arrays.asList("", "   ", "?!", "ok", "12", "123456", "commande 98765 #A-1234", "L'Oslo en bleu ?",
                "combien coûte le fauteuil oslo ?", "Ça coûte combien la livraison en Belgique ???",
                "zzzz qwxv unknownword", "🛋️ emoji only", "x".repeat(300), "a b c d e f g h i j k l m n o p",
                "œuvre naïve façade Ærø straße", "how much is delivery to the uk and do you ship to ireland"));
    }

    @Test
    void givesOpenNlpsProbabilitiesWithin1e9AndTheSameDecisions() {
        MaxentModel openNlp = model.maxentModel();
        CompiledGisModel compiled = CompiledGisModel.of(openNlp);
        assertNotNull(compiled);
        for (String line : lines) {
            List<Token> tokens = TextNormalizer.tokens(line);
            double[] expected = openNlp.eval(FeatureExtractor.features(tokens));
            double[] actual = compiled.eval(tokens);
            assertArrayEquals(expected, actual, 1e-9, line);
            IntentPrediction viaOpenNlp = model.predict(FeatureExtractor.features(tokens));
            IntentPrediction compiledPrediction = model.predict(tokens);
            assertEquals(viaOpenNlp.best(), compiledPrediction.best(), line);
            assertEquals(viaOpenNlp.runnerUp(), compiledPrediction.runnerUp(), line);
            assertEquals(viaOpenNlp.inScope(), compiledPrediction.inScope(), line);
            assertEquals(argmax(expected), argmax(actual), line);
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void otherModelKindsKeepOpenNlpsEvaluation() {
        List<LabeledText> data = List.of(new LabeledText("where is my parcel", "track"),
                new LabeledText("track my order", "track"), new LabeledText("refund please", "refund"),
                new LabeledText("i want my money back", "refund"));
        IntentModel qn = IntentModel.train(data, Nlu.OUT_OF_SCOPE, IntentModel.Settings.DEFAULT
                .withAlgorithm(IntentModel.Algorithm.QN).withCalibrationRounds(0));
        assertNull(CompiledGisModel.of(qn.maxentModel()));
        List<Token> tokens = TextNormalizer.tokens("where is my refund");
        assertEquals(qn.predict(FeatureExtractor.features(tokens)).best(), qn.predict(tokens).best());
    }
}
