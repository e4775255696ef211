package org.causette.bot;

import java.util.Objects;

/**
 * What the visitor said in one turn.
 *
 * @param text    the visitor's words (for a quick reply or card button: its title)
 * @param payload the quick-reply or button payload, or null when typed
 * @param locale  the visitor's locale as the client reported it ("fr-FR", "en"), or null
 */
public record BotInput(String text, String payload, String locale) {
    public BotInput {
        Objects.requireNonNull(text, "text");
    }

    public static BotInput typed(String text, String locale) {
        return new BotInput(text, null, locale);
    }
}
