package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlossaryTest {
    private final Glossary g = Glossary.get();

    @Test
    void frenchNounAdjectiveComesOutInEnglishOrder() {
        assertEquals("solid oak", g.translate("chêne massif", "en"));
        assertEquals("hardened steel", g.translate("acier trempé", "en"));
        assertEquals("hydraulic disc", g.translate("disque hydraulique", "en"));
    }

    @Test
    void linkWordsAreDroppedAndNumbersStayInPlace() {
        assertEquals("goose down 90/10", g.translate("duvet d'oie 90/10", "en"));
        assertEquals("4 to 6 years", g.translate("4 à 6 ans", "en"));
        assertEquals("merino wool 70 %", g.translate("laine mérinos 70 %", "en"));
    }

    @Test
    void aPhraseWithAnUnknownWordIsLeftAlone() {
        assertNull(g.translate("sous le casque", "en"));
        assertNull(g.translate("USB-C", "en"));
        assertNull(g.translate("Gore-Tex", "en"));
    }

    @Test
    void pluralsKeepTheirNumberAndFrenchKeepsItsAccents() {
        assertEquals("road bikes", g.translate("velos route", "en"));
        assertEquals("clothes", g.translate("vetements", "en"));
        assertEquals("sécurité", g.frenchSpelling("securite"));
        assertEquals("adjustable", g.translate("réglable", "en"));
    }

    @Test
    void englishWordsOfAFrenchKeyAndBack() {
        assertTrue(g.otherWords("freins").contains("brakes"));
        assertTrue(g.otherWords("brakes").contains("freins"));
        assertEquals("chêne massif", g.translate("solid oak", "fr"));
    }
}
