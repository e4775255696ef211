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

    /** The in-scope labels best first, at most {@code limit}, with their probabilities (ties: the model's order). */
    public List<Scored> ranking(int limit, String outOfScopeLabel) {
        // One pass keeping the best {@code limit} so far, each new label placed after the ones at least as probable:
        // the same list as picking the most probable unused label {@code limit} times, at a fraction of the cost.
        int max = Math.max(0, Math.min(limit, labels.length));
        int[] top = new int[max];
        int size = 0;
        for (int i = 0; i < labels.length && max > 0; i++) {
            double pi = probabilities[i];
            if (size == max && !(pi > probabilities[top[size - 1]])) {
                continue;
            }
            if (labels[i].equals(outOfScopeLabel)) {
                continue;
            }
            int at = size == max ? size - 1 : size;
            while (at > 0 && pi > probabilities[top[at - 1]]) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
            if (size < max) {
                size++;
            }
        }
        List<Scored> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            out.add(new Scored(labels[top[k]], probabilities[top[k]]));
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
