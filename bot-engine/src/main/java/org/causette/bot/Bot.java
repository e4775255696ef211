package org.causette.bot;

import org.causette.bot.knowledge.SiteKnowledge;

/**
 * One site's bot: trained once from the site's knowledge, then safe to call from many threads at once.
 *
 * <p>The bot keeps no per-conversation state of its own: the caller holds each conversation's
 * {@link DialogueContext} and hands it back on the next turn, so a conversation may move between threads or nodes.
 */
public interface Bot {

    /** Trains a bot for one site (built-in intents plus the site's FAQ intents). */
    static Bot train(SiteKnowledge knowledge) {
        throw new UnsupportedOperationException("implemented by the bot-engine issue");
    }

    /** Understanding only, for {@code POST /api/sites/{site}/parse}. {@code languageHint} may be null. */
    Parse parse(String text, String languageHint);

    /** One bot turn: understands the visitor's input in its context and decides what to say or whom to hand over to. */
    BotTurn respond(BotInput input, DialogueContext context);
}
