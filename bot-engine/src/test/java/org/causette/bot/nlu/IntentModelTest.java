package org.causette.bot.nlu;

import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntentModelTest {
    private static List<LabeledText> data() {
        List<LabeledText> d = new ArrayList<>();
        for (String s : List.of("where is my parcel", "track my order", "order not arrived yet", "has my package shipped", "delivery status of my order")) {
            d.add(new LabeledText(s, "track"));
        }
        for (String s : List.of("i want a refund", "give me my money back", "refund please", "can i get reimbursed", "money back for this")) {
            d.add(new LabeledText(s, "refund"));
        }
        for (String s : List.of("open an account", "sign me up", "create a new account", "register an account", "how to sign up")) {
            d.add(new LabeledText(s, "signup"));
        }
        for (String s : List.of("what is the weather", "tell me a joke", "who won the match")) {
            d.add(new LabeledText(s, "oos"));
        }
        return d;
    }

    @Test
    void learnsAndToleratesTypos() {
        IntentModel m = IntentModel.train(data(), "oos", IntentModel.Settings.DEFAULT.withCalibrationRounds(0));
        assertEquals("track", m.predict("wher is my parcle").best());
        assertEquals("refund", m.predict("i'd like a refnd").best());
        assertEquals("signup", m.predict("create account").best());
        assertTrue(m.labels().contains("oos"));
    }

    @Test
    void outOfScopeWinsOrFallsBelowTheThreshold() {
        IntentModel m = IntentModel.train(data(), "oos", IntentModel.Settings.DEFAULT.withCalibrationRounds(0)).withThreshold(0.5);
        IntentPrediction p = m.predict("tell me a joke about the weather");
        assertFalse(p.inScope(), p.best() + " " + p.confidence());
        assertTrue(m.predict("where is my order").inScope());
    }

    @Test
    void saveLoadRoundTripPredictsTheSame() throws IOException {
        IntentModel m = IntentModel.train(data(), "oos", IntentModel.Settings.DEFAULT.withCalibrationRounds(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new GenericModelWriter(m.maxentModel(), new DataOutputStream(bytes)).persist();
        MaxentModel loaded = new GenericModelReader(new opennlp.tools.ml.model.BinaryFileDataReader(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).getModel();
        IntentModel back = IntentModel.of(loaded, "oos", m.threshold());
        for (String s : List.of("where is my parcel", "refund now", "new account", "blue whales")) {
            assertArrayEquals(m.predict(s).probabilities(), back.predict(s).probabilities(), 1e-9, s);
            assertEquals(m.predict(s).best(), back.predict(s).best());
        }
    }

    @Test
    void thresholdSeparatesRightAnswersFromOutOfScope() {
        List<OutOfScopeCalibrator.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(new OutOfScopeCalibrator.Sample(0.6 + 0.004 * i, true, false, false));
            samples.add(new OutOfScopeCalibrator.Sample(0.1 + 0.003 * i, false, true, i % 2 == 0));
        }
        double t = OutOfScopeCalibrator.chooseThreshold(samples, 0.3);
        assertTrue(t > 0.4 && t <= 0.6, "threshold " + t);
        assertEquals(0.3, OutOfScopeCalibrator.chooseThreshold(List.of(), 0.3));
    }

    @Test
    void calibrationFitsAThresholdOnTrainingDataAlone() {
        IntentModel m = IntentModel.train(data(), "oos", IntentModel.Settings.DEFAULT.withCalibrationRounds(2));
        assertTrue(m.threshold() >= 0.05 && m.threshold() <= 0.95, "threshold " + m.threshold());
    }
}
