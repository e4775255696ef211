package org.causette.bot.dialoguetest;

import java.util.List;

/**
 * What one turn must do; every part is optional (null or empty: not checked), and the turn is right when all hold.
 *
 * @param actions        the turn's action must be one of these: "answer", "clarify", "handover"
 * @param target         "agent" or "ambassador": the hand-over's target (implies a hand-over)
 * @param intents        the intent acted on must be one of these
 * @param mustContain    facts that must all appear in the reply; a fact is one or more spellings, any of which will do
 * @param mustNotContain facts none of whose spellings may appear in the reply
 * @param cards          SKUs that must all be among the reply's cards
 * @param offersHuman    true: the turn hands over to a person or offers one (a quick reply or button asking for a
 *                       person); false: it does neither
 */
public record Expectation(List<String> actions, String target, List<String> intents, List<List<String>> mustContain,
                          List<List<String>> mustNotContain, List<String> cards, Boolean offersHuman) {
    public static final Expectation NONE = new Expectation(List.of(), null, List.of(), List.of(), List.of(), List.of(), null);

    public Expectation {
        actions = actions == null ? List.of() : List.copyOf(actions);
        intents = intents == null ? List.of() : List.copyOf(intents);
        mustContain = mustContain == null ? List.of() : mustContain.stream().map(List::copyOf).toList();
        mustNotContain = mustNotContain == null ? List.of() : mustNotContain.stream().map(List::copyOf).toList();
        cards = cards == null ? List.of() : List.copyOf(cards);
    }
}
