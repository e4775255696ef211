package org.causette.bot.dialoguetest;

import java.util.List;

/** One dialogue run through the bot; right when all its turns are. */
public record DialogueResult(String file, Dialogue dialogue, List<TurnResult> turns) {
    public DialogueResult {
        turns = List.copyOf(turns);
    }

    public boolean right() {
        return turns.stream().allMatch(TurnResult::right);
    }

    public long rightTurns() {
        return turns.stream().filter(TurnResult::right).count();
    }
}
