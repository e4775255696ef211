package org.causette.server.ws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every hello's copy of a language tag gives way to one shared string, kept by every idle visitor. */
class LocaleTagsTest {
    @Test
    void equalTagsShareOneString() {
        String first = LocaleTags.shared(new String("xx-YY"));
        String second = LocaleTags.shared(new String("xx-YY"));
        assertSame(first, second);
        assertNull(LocaleTags.shared(null));
    }
}
