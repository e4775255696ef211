package org.causette.bot.dialoguetest;

import org.causette.bot.Bot;
import org.causette.bot.knowledge.SiteKnowledge;

import java.nio.file.Path;

/**
 * Loads the site a run tests. The jar passes the hub's own site loader, so that a dialogue test sees the very bot
 * {@code serve} would run; tests may pass any other.
 */
@FunctionalInterface
public interface SiteOpener {

    /** The site in {@code folder}, or the bundled demo when it is null; a bad site throws {@link BadSite} with one line. */
    Opened open(Path folder) throws BadSite;

    /** A loaded site: what the bot knows (to check the files' intents and SKUs) and the trained bot. */
    record Opened(SiteKnowledge knowledge, Bot bot) {
    }

    /** A site folder that cannot be loaded; the message is the one line {@code serve} would print. */
    final class BadSite extends Exception {
        public BadSite(String line) {
            super(line);
        }
    }
}
