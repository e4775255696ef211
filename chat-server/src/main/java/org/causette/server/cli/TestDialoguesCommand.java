package org.causette.server.cli;

import org.causette.bot.dialoguetest.DialogueTestCommand;
import org.causette.bot.dialoguetest.SiteOpener;
import org.causette.server.config.ConfigException;
import org.causette.server.config.Site;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code test-dialogues [--site DIR] FILE.json… [--min 0.9] [--verbose]}: the shop's dialogue tests
 * ({@link DialogueTestCommand}), on the site loaded by {@code serve}'s own loader, so the bot under test is the hub's.
 */
public final class TestDialoguesCommand {
    /** Where the bundled demo lives in the jar, as {@code serve} loads it without {@code --site}. */
    private static final String DEMO_SITE = "demo/site/";

    private TestDialoguesCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        SiteLoader loader = new SiteLoader(env::get);
        return DialogueTestCommand.run(args, folder -> {
            try {
                Site site = loader.load(folder == null ? SiteSource.classpath(DEMO_SITE) : SiteSource.folder(folder));
                return new SiteOpener.Opened(site.knowledge(), site.bot());
            } catch (ConfigException e) {
                throw new SiteOpener.BadSite("causette: " + e.getMessage());
            }
        }, out, err);
    }
}
