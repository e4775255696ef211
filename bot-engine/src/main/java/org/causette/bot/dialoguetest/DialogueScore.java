package org.causette.bot.dialoguetest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Right turns and right dialogues of a run, in total and by family (tag). */
public record DialogueScore(int rightTurns, int turns, int rightDialogues, int dialogues, Map<String, int[]> byTag) {

    public static DialogueScore of(List<DialogueResult> results) {
        int right = 0;
        int all = 0;
        int rightDialogues = 0;
        Map<String, int[]> byTag = new TreeMap<>();
        for (DialogueResult d : results) {
            for (TurnResult t : d.turns()) {
                all++;
                right += t.right() ? 1 : 0;
                for (String tag : t.tags()) {
                    int[] counts = byTag.computeIfAbsent(tag, k -> new int[2]);
                    counts[0] += t.right() ? 1 : 0;
                    counts[1]++;
                }
            }
            rightDialogues += d.right() ? 1 : 0;
        }
        return new DialogueScore(right, all, rightDialogues, results.size(), byTag);
    }

    /** The share of right turns, 0 to 1 (1 for no turns: nothing was wrong). */
    public double turnShare() {
        return turns == 0 ? 1 : (double) rightTurns / turns;
    }

    /** {@code dialogues: turns R/T (P%), dialogues D/N}: the report's last line. */
    public String line() {
        return String.format(Locale.ROOT, "dialogues: turns %d/%d (%.1f%%), dialogues %d/%d", rightTurns, turns,
                100 * turnShare(), rightDialogues, dialogues);
    }
}
