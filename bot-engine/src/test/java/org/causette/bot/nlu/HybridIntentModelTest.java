package org.causette.bot.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The n-gram model with the real English sentence encoder (all-MiniLM-L6-v2 through ONNX Runtime). */
class HybridIntentModelTest {
    private static SentenceEncoder encoder;
    private static List<LabeledText> data;
    private static IntentModel ngram;

    @BeforeAll
    static void train() {
        encoder = MiniLmEncoder.shared().orElseThrow(() -> new AssertionError("the encoder must run on this machine"));
        data = new ArrayList<>();
        for (String s : List.of("where is my parcel", "track my order", "order not arrived yet", "has my package shipped",
                "delivery status of my order")) {
            data.add(new LabeledText(s, "track"));
        }
        for (String s : List.of("i want a refund", "give me my money back", "refund please", "can i get reimbursed",
                "money back for this")) {
            data.add(new LabeledText(s, "refund"));
        }
        for (String s : List.of("open an account", "sign me up", "create a new account", "register an account",
                "how to sign up")) {
            data.add(new LabeledText(s, "signup"));
        }
        for (String s : List.of("what is the weather", "tell me a joke", "who won the match", "how tall is everest")) {
            data.add(new LabeledText(s, "oos"));
        }
        ngram = IntentModel.train(data, "oos", IntentModel.Settings.DEFAULT.withCalibrationRounds(2));
    }

    private static IntentPrediction predict(HybridIntentModel m, String text, boolean english) {
        return m.predict(text, TextNormalizer.tokens(text), english);
    }

    @Test
    void consultsTheEncoderOnlyForEnglishLinesTheNgramModelIsUnsureOf() {
        HybridIntentModel m = HybridIntentModel.train(ngram, data, encoder, HybridIntentModel.CALIBRATION, null);
        IntentPrediction sure = ngram.predict("track my order");
        assertTrue(sure.inScope() && sure.confidence() >= HybridIntentModel.SURE, "a training sentence: " + sure.confidence());
        assertEquals("track", predict(m, "track my order", true).best());
        assertEquals(1, m.englishLines());
        assertEquals(0, m.encoderLines());

        String paraphrase = "the box i ordered never showed up";
        assertTrue(ngram.predict(paraphrase).confidence() < HybridIntentModel.SURE);
        predict(m, paraphrase, false);
        assertEquals(0, m.encoderLines(), "French (or any other language) never consults it");
        IntentPrediction p = predict(m, paraphrase, true);
        assertEquals(1, m.encoderLines());
        assertEquals("track", p.best());
        assertTrue(p.inScope(), "cosine threshold " + m.encoderFit().threshold());
        double sum = 0;
        for (double x : p.probabilities()) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-9, "the fused scores still sum to 1, the out-of-scope label keeping its share");
    }

    @Test
    void understandsParaphrasesAndRejectsTheUnrelated() {
        HybridIntentModel m = HybridIntentModel.train(ngram, data, encoder, HybridIntentModel.CALIBRATION, null);
        assertEquals("refund", predict(m, "i would like my cash returned", true).best());
        assertEquals("signup", predict(m, "how can i become a member", true).best());
        IntentPrediction unrelated = predict(m, "what is the boiling point of water", true);
        assertFalse(unrelated.inScope(), unrelated.best() + " " + unrelated.confidence());
        assertTrue(m.encoderFit().fitted());
        assertTrue(m.encoderFit().threshold() > 0.05 && m.encoderFit().threshold() < 0.95, m.encoderFit().describe());
    }

    @Test
    void withoutAnEncoderItIsTheNgramModel() {
        HybridIntentModel m = HybridIntentModel.of(ngram);
        assertFalse(m.usesEncoder());
        assertSame(ngram, m.ngram());
        IntentPrediction p = predict(m, "the box i ordered never showed up", true);
        assertEquals(ngram.predict("the box i ordered never showed up").best(), p.best());
        assertEquals(0, m.encoderLines());
    }

    @Test
    void leaveOneOutScoresEachRowAgainstTheOthers() {
        // Two intents on two axes, one out-of-scope row on a third: unit vectors, so dot products are cosines.
        float[][] v = {{1, 0, 0}, {0.96f, 0.28f, 0}, {0, 1, 0}, {0.28f, 0.96f, 0}, {0, 0, 1}};
        int[] labelOf = {0, 0, 1, 1, -1};
        List<OutOfScopeCalibrator.Sample> s = HybridIntentModel.leaveOneOut(v, labelOf);
        assertEquals(9, s.size(), "four in-scope rows and their hidden-intent twins, one real out-of-scope row");
        OutOfScopeCalibrator.Sample first = s.get(0);
        assertEquals(0.96, first.confidence(), 1e-6, "its nearest other row, of its own intent");
        assertTrue(first.correct() && !first.outOfScope());
        OutOfScopeCalibrator.Sample hidden = s.get(1);
        assertEquals(0.28, hidden.confidence(), 1e-6, "its nearest row of another intent");
        assertTrue(hidden.outOfScope() && !hidden.realOutOfScope());
        OutOfScopeCalibrator.Sample real = s.get(8);
        assertTrue(real.realOutOfScope());
        assertEquals(0.0, real.confidence(), 1e-6);
        assertNotNull(OutOfScopeCalibrator.choose(s, 0.5, HybridIntentModel.CALIBRATION));
    }

    @Test
    void aBigFileIsFittedOnASampleOfItsRowsWithTheSameSamplesForTheSameRows() {
        int n = HybridIntentModel.MAX_FIT_ROWS + 500;
        java.util.Random random = new java.util.Random(7);
        float[][] v = new float[n][];
        int[] labelOf = new int[n];
        for (int i = 0; i < n; i++) {
            float[] x = new float[8];
            labelOf[i] = i % 10 == 0 ? -1 : i % 4;
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) random.nextGaussian() + (k == Math.max(0, labelOf[i]) ? 3 : 0);
            }
            v[i] = MiniLmEncoder.unit(x);
        }
        List<OutOfScopeCalibrator.Sample> s = HybridIntentModel.leaveOneOut(v, labelOf);
        long rows = s.stream().filter(x -> !x.outOfScope() || x.realOutOfScope()).count();
        assertEquals(HybridIntentModel.MAX_FIT_ROWS, rows, "one sample per sampled row, plus hidden-intent twins");
        assertEquals(s, HybridIntentModel.leaveOneOut(v, labelOf));
    }
}
