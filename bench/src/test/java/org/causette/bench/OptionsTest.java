package org.causette.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    @Test
    void parsesValuesFlagsAndLists() {
        Options options = Options.parse("hub", "--steps", "100,2_000", "--jfr", "--port=9000", "--jvm-opts", "-Xmx1g -Xms1g");
        assertEquals("hub", options.mode());
        assertEquals(List.of(100, 2000), options.integers("steps", "1"));
        assertTrue(options.flag("jfr"));
        assertFalse(options.flag("no-floor"));
        assertEquals(9000, options.integer("port", 1));
        assertEquals(List.of("-Xmx1g", "-Xms1g"), options.words("jvm-opts", ""));
        assertEquals(0.5, options.decimal("open-fraction", 0.5));
        assertEquals(List.of(), options.words("hub-args", ""));
    }

    @Test
    void refusesStrayWords() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse("hub", "oops"));
        assertThrows(IllegalArgumentException.class, Options::parse);
    }
}
