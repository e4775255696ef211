package org.causette.bot.dialoguetest;

import org.causette.bot.BotInput;

import java.util.List;
import java.util.Objects;

/**
 * One shopper turn and what the bot must do with it.
 *
 * @param text    what the shopper typed, or the title of the quick reply tapped
 * @param payload the quick reply's payload, or null when typed
 * @param tags    the families this turn counts for in the report (the dialogue's when the turn names none)
 */
public record DialogueTurn(String text, String payload, List<String> tags, Expectation expect) {
    public DialogueTurn {
        Objects.requireNonNull(text, "text");
        tags = tags == null ? List.of() : List.copyOf(tags);
        expect = expect == null ? Expectation.NONE : expect;
    }

    /** The input as the hub hands it to the bot. */
    BotInput input(String locale) {
        return new BotInput(text, payload, locale);
    }
}
