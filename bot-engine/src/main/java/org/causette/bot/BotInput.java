package org.causette.bot;

import java.util.Objects;

/**
 * What the visitor said in one turn.
 *
 * @param text          the visitor's words (for a quick reply or card button: its title)
 * @param payload       the quick-reply or button payload, or null when typed
 * @param locale        the visitor's locale as the client reported it ("fr-FR", "en"), or null
 * @param waitingForPerson true when the conversation is in the queue, handed over and waiting for a person to join:
 *                      the bot then keeps answering routine questions, never hands over again (a request for a
 *                      person, a complaint or an order question gets "a person will join you shortly"), and says a
 *                      person is on the way. Once a person has joined, the hub does not call the bot at all.
 */
public record BotInput(String text, String payload, String locale, boolean waitingForPerson) {
    public BotInput {
        Objects.requireNonNull(text, "text");
    }

    /** A turn of a conversation the bot holds (not waiting for a person). */
    public BotInput(String text, String payload, String locale) {
        this(text, payload, locale, false);
    }

    public static BotInput typed(String text, String locale) {
        return new BotInput(text, null, locale);
    }

    /** The same input in a conversation waiting in the queue for a person. */
    public BotInput waiting() {
        return new BotInput(text, payload, locale, true);
    }
}
