package org.causette.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageGuesserTest {
    private static final List<String> BOTH = List.of("fr", "en");
    private static final LanguageGuesser GUESSER = LanguageGuesser.train(texts("fr"), texts("en"));

    private static List<String> texts(String lang) {
        List<String> out = new ArrayList<>();
        Nlu.builtInExamples(lang).forEach(t -> out.add(t.text()));
        return out;
    }

    @Test
    void shortLinesWithoutAnyHint() {
        for (String fr : List.of("bonjour", "ou est ma commande", "c'est combien", "vous livrez en belgique ?", "merci beaucoup",
                "je voudrais le fauteuil en bleu", "slt", "il est dispo ?", "c nul")) {
            assertEquals("fr", GUESSER.guess(fr, BOTH, null, null), fr);
        }
        for (String en : List.of("hello", "where is my order", "how much is it", "do you ship to the uk?", "thanks a lot",
                "is it in stock", "thx", "can i pay with paypal")) {
            assertEquals("en", GUESSER.guess(en, BOTH, null, null), en);
        }
    }

    @Test
    void theTextWinsOverTheLocaleWhenItIsClear() {
        assertEquals("en", GUESSER.guess("where is my order please", BOTH, null, "fr-FR"));
        assertEquals("fr", GUESSER.guess("où est ma commande s'il vous plaît", BOTH, null, "en-GB"));
    }

    @Test
    void ambiguousLinesFollowTheConversationThenTheLocale() {
        assertEquals("fr", GUESSER.guess("ok", BOTH, "fr", "en-US"));
        assertEquals("en", GUESSER.guess("ok", BOTH, "en", "fr-FR"));
        assertEquals("en", GUESSER.guess("ok", BOTH, null, "en-US"));
        assertEquals("fr", GUESSER.guess("ok", BOTH, null, "fr-FR"));
        assertEquals("fr", GUESSER.guess("👍", BOTH, null, null), "the shop's default language");
        assertEquals("en", GUESSER.guess("👍", List.of("en", "fr"), null, null), "the shop's default language");
    }

    @Test
    void aSingleLanguageShopAlwaysAnswersInIt() {
        assertEquals("en", GUESSER.guess("bonjour, ou est ma commande", List.of("en"), "fr", "fr-FR"));
    }

    @Test
    void ownCharacterSignalHasTheRightSign() {
        assertTrue(GUESSER.frenchLogOdds("livraison gratuite") > 0);
        assertTrue(GUESSER.frenchLogOdds("free shipping") < 0);
    }

    @Test
    void longLinesUseOpenNlpWhenTheOwnSignalHesitates() {
        // OpenNLP's model alone must lean the right way on a long line.
        assertTrue(LanguageGuesser.OpenNlpLanguages.frenchLogOdds("Je voudrais savoir si vous livrez en Belgique et combien cela coûte") > 0);
        assertTrue(LanguageGuesser.OpenNlpLanguages.frenchLogOdds("I would like to know whether you deliver to Belgium and how much it costs") < 0);
    }
}
