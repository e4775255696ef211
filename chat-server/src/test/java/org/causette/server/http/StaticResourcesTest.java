package org.causette.server.http;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 item 1: what a client asks for must not grow the memory the file cache holds. */
class StaticResourcesTest {
    private static final String CONSOLE = "org/causette/console/";

    @Test
    void unknownPathsAreNotRemembered() {
        StaticResources resources = new StaticResources();
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int c = 0; c < 40; c++) {
                name.append((char) ('a' + random.nextInt(26)));
            }
            assertTrue(resources.find(CONSOLE, name + ".js").isEmpty());
        }
        assertEquals(0, resources.cachedCount(), "a 'not found' must not be kept");
    }

    @Test
    void aFileIsKeptOnceUnderItsOneName() {
        StaticResources resources = new StaticResources();
        assertTrue(resources.find(CONSOLE, "index.html").isPresent());
        for (int i = 0; i < 1_000; i++) {
            // "./" variants would be as many keys for the same file: refused instead.
            assertTrue(resources.find(CONSOLE, "./".repeat(1 + i % 50) + "index.html").isEmpty());
        }
        assertTrue(resources.find(CONSOLE, "index.html").isPresent());
        assertEquals(1, resources.cachedCount());
    }

    @Test
    void overlongPathsAreNotLookedUp() {
        assertTrue(new StaticResources().find(CONSOLE, "a".repeat(StaticResources.MAX_PATH_CHARS + 1) + ".js").isEmpty());
    }
}
