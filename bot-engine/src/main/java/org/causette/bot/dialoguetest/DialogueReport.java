package org.causette.bot.dialoguetest;

import org.causette.bot.BotMessage;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.QuickReply;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report of a run: a line per turn (the bot's reply and what was expected under each wrong one, under every
 * one with {@code verbose}), the share per family, and the score as the last line.
 */
public final class DialogueReport {
    private DialogueReport() {
    }

    public static void print(List<DialogueResult> results, boolean verbose, PrintStream out) {
        String file = null;
        for (DialogueResult d : results) {
            if (!d.file().equals(file)) {
                file = d.file();
                out.println("== " + file);
            }
            out.printf("%s %s (%d/%d turns)%n", d.right() ? "ok  " : "FAIL", d.dialogue().name(), d.rightTurns(), d.turns().size());
            for (TurnResult t : d.turns()) {
                out.printf("  %s %d. %s%s%n", t.right() ? "ok  " : "FAIL", t.number(), t.turn().text(),
                        t.turn().payload() == null ? "" : " [" + t.turn().payload() + "]");
                if (!t.right() || verbose) {
                    if (!t.right()) {
                        out.println("       expected: " + describe(t.turn().expect()));
                        for (String failure : t.failures()) {
                            out.println("       - " + failure);
                        }
                    }
                    if (t.reply() != null) {
                        out.println("       bot: " + describe(t.reply()));
                    }
                }
            }
        }
        DialogueScore score = DialogueScore.of(results);
        for (Map.Entry<String, int[]> tag : score.byTag().entrySet()) {
            int[] c = tag.getValue();
            out.printf(Locale.ROOT, "family %s: turns %d/%d (%.1f%%)%n", tag.getKey(), c[0], c[1], 100.0 * c[0] / c[1]);
        }
        out.println(score.line());
    }

    static String describe(Expectation e) {
        List<String> parts = new ArrayList<>();
        if (!e.actions().isEmpty()) {
            parts.add("action " + String.join(" | ", e.actions()));
        }
        if (e.target() != null) {
            parts.add("target " + e.target());
        }
        if (!e.intents().isEmpty()) {
            parts.add("intent " + String.join(" | ", e.intents()));
        }
        if (!e.mustContain().isEmpty()) {
            parts.add("mustContain " + facts(e.mustContain()));
        }
        if (!e.mustNotContain().isEmpty()) {
            parts.add("mustNotContain " + facts(e.mustNotContain()));
        }
        if (!e.cards().isEmpty()) {
            parts.add("cards " + String.join(", ", e.cards()));
        }
        if (e.offersHuman() != null) {
            parts.add(e.offersHuman() ? "offers a person" : "no offer of a person");
        }
        return parts.isEmpty() ? "(nothing)" : String.join("; ", parts);
    }

    private static String facts(List<List<String>> facts) {
        List<String> out = new ArrayList<>(facts.size());
        for (List<String> f : facts) {
            out.add(String.join(" | ", f));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /** One line: action, intent, hand-over, then each message's text, cards and quick replies. */
    static String describe(BotTurn turn) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(turn.parse().action().wireName()).append(' ').append(turn.parse().intent().name())
                .append(String.format(Locale.ROOT, " %.2f", turn.parse().intent().confidence()));
        if (turn.handover() != null) {
            sb.append(" → ").append(turn.handover().target().wireName()).append(" (").append(turn.handover().reason()).append(')');
        }
        sb.append(']');
        for (BotMessage m : turn.messages()) {
            sb.append(" « ").append(m.text().replace('\n', ' ')).append(" »");
            if (!m.cards().isEmpty()) {
                List<String> cards = new ArrayList<>();
                for (Card c : m.cards()) {
                    cards.add(c.sku() + " " + c.title() + " " + c.price() + (c.subtitle() == null ? "" : " (" + c.subtitle() + ")"));
                }
                sb.append(" cards: ").append(String.join("; ", cards));
            }
            if (!m.quickReplies().isEmpty()) {
                sb.append(" quick replies: ").append(String.join(" | ", m.quickReplies().stream().map(QuickReply::title).toList()));
            }
        }
        return sb.toString();
    }
}
