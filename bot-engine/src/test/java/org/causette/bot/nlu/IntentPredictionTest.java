package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-pass ranking gives the list the former "pick the most probable unused label k times" gave, ties included. */
class IntentPredictionTest {
    @Test
    void rankingIsTheRepeatedPickOfTheMostProbableLabel() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            int n = 1 + random.nextInt(25);
            String[] labels = new String[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i == 0 && random.nextBoolean() ? Nlu.OUT_OF_SCOPE : "l" + i;
                // few distinct values, so ties are frequent
                p[i] = random.nextInt(5) / 4.0;
            }
            IntentPrediction prediction = new IntentPrediction(labels, p, null, 0, null, 0, false);
            int limit = random.nextInt(8);
            assertEquals(reference(labels, p, limit, Nlu.OUT_OF_SCOPE), prediction.ranking(limit, Nlu.OUT_OF_SCOPE));
        }
    }

    /** The former implementation, kept as the reference. */
    private static List<IntentPrediction.Scored> reference(String[] labels, double[] probabilities, int limit, String oos) {
        List<IntentPrediction.Scored> out = new ArrayList<>();
        boolean[] used = new boolean[labels.length];
        for (int k = 0; k < limit; k++) {
            int bestIdx = -1;
            for (int i = 0; i < labels.length; i++) {
                if (!used[i] && !labels[i].equals(oos) && (bestIdx < 0 || probabilities[i] > probabilities[bestIdx])) {
                    bestIdx = i;
                }
            }
            if (bestIdx < 0) {
                break;
            }
            used[bestIdx] = true;
            out.add(new IntentPrediction.Scored(labels[bestIdx], probabilities[bestIdx]));
        }
        return out;
    }
}
