package org.causette.bot.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The eval command's per-label lines: for each gold or predicted label its support, precision, recall and F1, and
 * what its rows were most often taken for, worst F1 first, so the intents that need examples come first.
 */
final class IntentReport {
    private IntentReport() {
    }

    record Row(String label, int support, int predicted, int correct, String mostConfusedWith, int confusedCount) {
        double precision() {
            return predicted == 0 ? 0 : (double) correct / predicted;
        }

        double recall() {
            return support == 0 ? 0 : (double) correct / support;
        }

        double f1() {
            return support + predicted == 0 ? 0 : 2.0 * correct / (support + predicted);
        }
    }

    static List<Row> rows(List<String> gold, List<String> predicted) {
        Map<String, int[]> counts = new LinkedHashMap<>(); // support, predicted, correct
        Map<String, Map<String, Integer>> confusions = new HashMap<>();
        for (int i = 0; i < gold.size(); i++) {
            String g = gold.get(i);
            String p = predicted.get(i);
            counts.computeIfAbsent(g, k -> new int[3])[0]++;
            counts.computeIfAbsent(p, k -> new int[3])[1]++;
            if (g.equals(p)) {
                counts.get(g)[2]++;
            } else {
                confusions.computeIfAbsent(g, k -> new HashMap<>()).merge(p, 1, Integer::sum);
            }
        }
        List<Row> rows = new ArrayList<>(counts.size());
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String worst = null;
            int worstCount = 0;
            for (Map.Entry<String, Integer> c : confusions.getOrDefault(e.getKey(), Map.of()).entrySet()) {
                if (c.getValue() > worstCount || (c.getValue() == worstCount && c.getKey().compareTo(worst) < 0)) {
                    worst = c.getKey();
                    worstCount = c.getValue();
                }
            }
            int[] c = e.getValue();
            rows.add(new Row(e.getKey(), c[0], c[1], c[2], worst, worstCount));
        }
        rows.sort((a, b) -> a.f1() != b.f1() ? Double.compare(a.f1(), b.f1()) : a.label().compareTo(b.label()));
        return rows;
    }

    static void print(List<String> gold, List<String> predicted, PrintStream out) {
        List<Row> rows = rows(gold, predicted);
        int width = 5;
        for (Row r : rows) {
            width = Math.max(width, r.label().length());
        }
        out.printf(Locale.ROOT, "per label, worst F1 first:%n  %-" + width + "s %7s %9s %6s %6s  %s%n", "label", "support",
                "precision", "recall", "F1", "most often taken for");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "  %-" + width + "s %7d %9.3f %6.3f %6.3f  %s%n", r.label(), r.support(), r.precision(),
                    r.recall(), r.f1(), r.mostConfusedWith() == null ? "-" : r.mostConfusedWith() + " (" + r.confusedCount() + ")");
        }
    }
}
