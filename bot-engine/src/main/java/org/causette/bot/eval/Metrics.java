package org.causette.bot.eval;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The scores the {@code eval} command prints for one test set (bot-engine/README.md, "The eval command").
 *
 * @param inScopeAccuracy share of in-scope rows given their exact label (null without in-scope rows)
 * @param oosRecall       share of out-of-scope rows predicted out of scope (null when the test has none)
 * @param oosPrecision    share of out-of-scope predictions that were out of scope (null when the test has none;
 *                        0 when nothing was predicted out of scope)
 * @param mcc             multiclass Matthews correlation (Gorodkin's R<sub>K</sub>) over every label, out of scope included
 * @param macroF1         unweighted mean F1 over every label seen in the gold or the predictions
 */
public record Metrics(int n, double accuracy, Double inScopeAccuracy, Double oosRecall, Double oosPrecision, double mcc,
                      double macroF1) {

    public static Metrics of(List<String> gold, List<String> predicted, String oosLabel) {
        Objects.requireNonNull(oosLabel, "oosLabel");
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold and predicted differ in size");
        }
        int n = gold.size();
        if (n == 0) {
            throw new IllegalArgumentException("no rows to score");
        }
        Set<String> labelSet = new LinkedHashSet<>(gold);
        labelSet.addAll(predicted);
        Map<String, Integer> index = new HashMap<>();
        for (String l : labelSet) {
            index.put(l, index.size());
        }
        int k = index.size();
        long[] truth = new long[k];
        long[] pred = new long[k];
        long[] tp = new long[k];
        long correct = 0;
        long inScope = 0;
        long inScopeCorrect = 0;
        long oos = 0;
        long oosCaught = 0;
        long oosPredicted = 0;
        for (int i = 0; i < n; i++) {
            String g = gold.get(i);
            String p = predicted.get(i);
            int gi = index.get(g);
            int pi = index.get(p);
            truth[gi]++;
            pred[pi]++;
            boolean ok = g.equals(p);
            if (ok) {
                tp[gi]++;
                correct++;
            }
            if (g.equals(oosLabel)) {
                oos++;
                if (ok) {
                    oosCaught++;
                }
            } else {
                inScope++;
                if (ok) {
                    inScopeCorrect++;
                }
            }
            if (p.equals(oosLabel)) {
                oosPredicted++;
            }
        }
        double s = n;
        double sumPt = 0;
        double sumP2 = 0;
        double sumT2 = 0;
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            sumPt += (double) pred[c] * truth[c];
            sumP2 += (double) pred[c] * pred[c];
            sumT2 += (double) truth[c] * truth[c];
            long denominator = pred[c] + truth[c];
            f1Sum += denominator == 0 ? 0 : 2.0 * tp[c] / denominator;
        }
        double cov = correct * s - sumPt;
        double denom = Math.sqrt((s * s - sumP2) * (s * s - sumT2));
        double mcc = denom == 0 ? 0 : cov / denom;
        return new Metrics(n, correct / s,
                inScope == 0 ? null : (double) inScopeCorrect / inScope,
                oos == 0 ? null : (double) oosCaught / oos,
                oos == 0 ? null : (oosPredicted == 0 ? 0.0 : (double) oosCaught / oosPredicted),
                mcc, f1Sum / k);
    }
}
