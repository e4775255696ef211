package org.causette.bot.dialogue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColorNamesTest {
    @Test
    void englishAnswersNameColoursInEnglish() {
        assertEquals("blue", ColorNames.in("bleu", "en"));
        assertEquals("sage green", ColorNames.in("vert sauge", "en"));
        assertEquals("grey", ColorNames.in("Gris", "en"));
        assertEquals("terracotta", ColorNames.in("terracotta", "en"));
        assertEquals("bleu nuit", ColorNames.in("bleu nuit", "fr"), "French answers keep the catalog's words");
        assertEquals("blue nuit", ColorNames.in("bleu nuit", "en"), "an unknown word stays as it is, in place");
    }
}
