package org.causette.bot.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's view of one text: every label's probability, the best in-scope label and whether it is confident
 * enough to act on.
 *
 * @param labels       the model's labels, index-aligned with {@code probabilities}
 * @param best         the most probable label that is not the out-of-scope label
 * @param confidence   the probability of {@code best}; 0 when the out-of-scope label itself won
 * @param runnerUp     the second most probable in-scope label, or null
 * @param inScope      true when {@code confidence} reaches the model's fitted out-of-scope threshold
 */
public record IntentPrediction(String[] labels, double[] probabilities, String best, double confidence, String runnerUp,
                               double runnerUpConfidence, boolean inScope) {

    /** The in-scope labels best first, at most {@code limit}, with their probabilities. */
    public List<Scored> ranking(int limit, String outOfScopeLabel) {
        List<Scored> out = new ArrayList<>(Math.min(limit, labels.length));
        // The out-of-scope label is simply never available: compared once, not once per place.
        boolean[] used = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            used[i] = labels[i].equals(outOfScopeLabel);
        }
        for (int k = 0; k < limit; k++) {
            int bestIdx = -1;
            for (int i = 0; i < labels.length; i++) {
                if (!used[i] && (bestIdx < 0 || probabilities[i] > probabilities[bestIdx])) {
                    bestIdx = i;
                }
            }
            if (bestIdx < 0) {
                break;
            }
            used[bestIdx] = true;
            out.add(new Scored(labels[bestIdx], probabilities[bestIdx]));
        }
        return out;
    }

    /** The probability the model gives to {@code label}, 0 when it does not know it. */
    public double probabilityOf(String label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals(label)) {
                return probabilities[i];
            }
        }
        return 0;
    }

    public record Scored(String label, double probability) {
    }
}
