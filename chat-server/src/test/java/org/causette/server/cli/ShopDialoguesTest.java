package org.causette.server.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our own dialogue files (bot-engine/README.md, "Dialogue tests") through the {@code test-dialogues} command's code,
 * on the demo shop and on the second test shop. The floors are what the bot met when the files were written (its
 * figures are in the report); they only go up as the bot gets better.
 */
class ShopDialoguesTest {
    private static final Path DEMO_DIALOGUES = Path.of("src/test/resources/dialogues/demo");
    private static final Path CIME_SITE = Path.of("src/test/resources/sites/cime-sentier");
    /** Today's bot: 70/120 turns (58.3 %). */
    static final String DEMO_DEV_MIN = "0.55";
    /** Today's bot: 45/84 turns (53.6 %). */
    static final String CIME_DEV_MIN = "0.50";

    private static void assertMeets(Path site, Path dialogues, String min) {
        TestDialoguesCommandTest.Result r = TestDialoguesCommandTest.run("--site", site.toString(), dialogues.toString(), "--min", min);
        String last = r.lastLine();
        assertTrue(last.startsWith("dialogues: turns "), r.out() + r.err());
        assertEquals(0, r.code(), () -> last + " is under --min " + min + "\n" + r.out() + r.err());
    }

    @Test
    void demoDevelopmentDialogues() {
        assertMeets(TestDialoguesCommandTest.DEMO_SITE, DEMO_DIALOGUES.resolve("dev"), DEMO_DEV_MIN);
    }

    @Test
    void secondShopDevelopmentDialogues() {
        assertMeets(CIME_SITE, CIME_SITE.resolve("dialogues/dev"), CIME_DEV_MIN);
    }
}
