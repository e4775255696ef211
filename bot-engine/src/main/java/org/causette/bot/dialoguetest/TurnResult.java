package org.causette.bot.dialoguetest;

import org.causette.bot.BotTurn;

import java.util.List;

/**
 * One judged turn.
 *
 * @param number   the turn's place in its dialogue, from 1
 * @param reply    what the bot did, or null when it failed with an exception
 * @param failures what did not hold; empty when the turn is right
 * @param tags     the families it counts for
 */
public record TurnResult(int number, DialogueTurn turn, BotTurn reply, List<String> failures, List<String> tags) {
    public TurnResult {
        failures = List.copyOf(failures);
        tags = List.copyOf(tags);
    }

    public boolean right() {
        return failures.isEmpty();
    }
}
