package org.causette.server.insights;

import java.util.Locale;

/**
 * Who helped a shopper in a conversation: the bot, or the person (agent or ambassador) who last wrote to them.
 *
 * @param staffId null for the bot
 * @param name    the name the person wrote under (staff names may be shown in reports; shoppers' never are)
 */
public record Helper(Kind kind, String staffId, String name) {
    public static final Helper BOT = new Helper(Kind.BOT, null, null);

    public enum Kind {
        BOT, AGENT, AMBASSADOR;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean person() {
        return kind != Kind.BOT;
    }
}
