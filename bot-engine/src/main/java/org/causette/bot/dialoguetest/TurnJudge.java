package org.causette.bot.dialoguetest;

import org.causette.bot.BotMessage;
import org.causette.bot.BotTurn;
import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.causette.bot.knowledge.BuiltInIntents;

import java.util.ArrayList;
import java.util.List;

/** Judges one bot turn against its expectation: the list of what did not hold, empty when the turn is right. */
public final class TurnJudge {
    /** The payload of the bot's "talk to a person" quick replies and buttons (see {@link org.causette.bot.Bot}). */
    static final String HUMAN_PAYLOAD = "INTENT:" + BuiltInIntents.HUMAN_REQUEST;

    private TurnJudge() {
    }

    public static List<String> judge(Expectation expect, BotTurn turn) {
        List<String> failures = new ArrayList<>();
        String action = turn.parse().action().wireName();
        if (!expect.actions().isEmpty() && !expect.actions().contains(action)) {
            failures.add("action: expected " + oneOf(expect.actions()) + ", got " + action);
        }
        if (expect.target() != null) {
            String target = turn.handover() == null ? null : turn.handover().target().wireName();
            if (!expect.target().equals(target)) {
                failures.add("target: expected a hand-over to " + expect.target() + ", got "
                        + (target == null ? "no hand-over" : "a hand-over to " + target));
            }
        }
        String intent = turn.parse().intent().name();
        if (!expect.intents().isEmpty() && !expect.intents().contains(intent)) {
            failures.add("intent: expected " + oneOf(expect.intents()) + ", got " + intent);
        }
        String reply = Facts.replyText(turn.messages());
        for (List<String> fact : expect.mustContain()) {
            if (fact.stream().noneMatch(s -> Facts.contains(reply, s))) {
                failures.add("mustContain: " + quoted(fact) + " is missing");
            }
        }
        for (List<String> fact : expect.mustNotContain()) {
            for (String s : fact) {
                if (Facts.contains(reply, s)) {
                    failures.add("mustNotContain: \"" + s + "\" is there");
                }
            }
        }
        List<String> shown = turn.messages().stream().flatMap(m -> m.cards().stream()).map(Card::sku).toList();
        for (String sku : expect.cards()) {
            if (!shown.contains(sku)) {
                failures.add("cards: " + sku + " is not shown (cards: " + (shown.isEmpty() ? "none" : String.join(", ", shown)) + ")");
            }
        }
        if (expect.offersHuman() != null) {
            boolean offers = offersHuman(turn);
            if (offers != expect.offersHuman()) {
                failures.add(expect.offersHuman() ? "offersHuman: neither hands over nor offers a person"
                        : "offersHuman: expected no hand-over and no offer of a person");
            }
        }
        return failures;
    }

    /** A hand-over, or a quick reply or card button that asks for a person. */
    static boolean offersHuman(BotTurn turn) {
        if (turn.handover() != null) {
            return true;
        }
        for (BotMessage m : turn.messages()) {
            for (QuickReply q : m.quickReplies()) {
                if (isHumanPayload(q.payload())) {
                    return true;
                }
            }
            for (Card c : m.cards()) {
                for (CardButton b : c.buttons()) {
                    if (isHumanPayload(b.payload())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isHumanPayload(String payload) {
        return payload != null && (payload.equals(HUMAN_PAYLOAD) || payload.startsWith(HUMAN_PAYLOAD + "|"));
    }

    private static String oneOf(List<String> names) {
        return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
    }

    private static String quoted(List<String> spellings) {
        return spellings.size() == 1 ? "\"" + spellings.get(0) + "\""
                : "one of \"" + String.join("\", \"", spellings) + "\"";
    }
}
