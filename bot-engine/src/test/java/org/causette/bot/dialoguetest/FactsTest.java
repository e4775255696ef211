package org.causette.bot.dialoguetest;

import org.causette.bot.BotMessage;
import org.causette.bot.Card;
import org.causette.bot.QuickReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactsTest {
    @Test
    void caseAccentsAndSpacesDoNotMatter() {
        String text = Facts.normalize("Le Fauteuil Oslo est à 1\u202F349,00\u00A0€ — Déhoussable : oui");
        assertTrue(Facts.contains(text, "fauteuil oslo"));
        assertTrue(Facts.contains(text, "1 349,00 €"));
        assertTrue(Facts.contains(text, "deHOUSSABLE"));
        assertTrue(Facts.contains(text, "a 1 349"));
    }

    @Test
    void factsAreFoundOnlyOnWordEdges() {
        String text = Facts.normalize("Taille 429, coloris grise, €99.00");
        assertFalse(Facts.contains(text, "42"), "42 is not 429");
        assertTrue(Facts.contains(text, "429"));
        assertFalse(Facts.contains(text, "gris"), "gris is not grise");
        assertTrue(Facts.contains(text, "99"));
        assertTrue(Facts.contains(text, "€99"));
    }

    @Test
    void aLaterOccurrenceOnAWordEdgeCounts() {
        assertTrue(Facts.contains(Facts.normalize("en 429 et en 42"), "42"));
    }

    @Test
    void ligaturesAreSpeltOutAndLineBreaksAreSpaces() {
        assertTrue(Facts.contains(Facts.normalize("Un cœur en bœuf"), "coeur en boeuf"));
        String reply = Facts.replyText(List.of(BotMessage.text("Disponible\nen gris")));
        assertTrue(Facts.contains(reply, "disponible en gris"), reply);
    }

    @Test
    void typographicApostrophesAreStraight() {
        assertTrue(Facts.contains(Facts.normalize("Je n\u2019ai pas cette information"), "je n'ai pas"));
    }

    @Test
    void theReplyTextHoldsTextsCardsAndQuickRepliesButNoFactAcrossTwoParts() {
        Card card = new Card("OSLO", "Fauteuil Oslo", "Chêne massif", "299,00 €", "349,00 €", null, null, List.of());
        BotMessage m = new BotMessage("Voici", List.of(new QuickReply("Livraison", "INTENT:shipping")), List.of(card));
        String text = Facts.replyText(List.of(m));
        for (String part : List.of("voici", "fauteuil oslo", "chene massif", "299,00 €", "349,00", "livraison")) {
            assertTrue(Facts.contains(text, part), part + " in " + text);
        }
        assertFalse(Facts.contains(text, "voici fauteuil"), text);
        assertEquals(-1, text.indexOf("buttons"));
    }
}
