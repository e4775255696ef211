package org.causette.bot;

import java.util.List;

/**
 * The bot's decision for one turn.
 *
 * @param language the language the bot answered in ("fr" or "en")
 * @param parse    what it understood
 * @param messages what it says, in order (may be empty only when it hands over silently)
 * @param handover who should take over, or null when the bot keeps the conversation
 * @param context  the conversation's context after this turn, to pass to the next one
 */
public record BotTurn(String language, Parse parse, List<BotMessage> messages, Handover handover, DialogueContext context) {
    public BotTurn {
        messages = List.copyOf(messages);
    }
}
