package org.causette.bot.nlu;

import org.causette.bot.TestSites;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.FaqIntent;
import org.causette.bot.knowledge.SiteKnowledge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A site's understanding with the real sentence encoder: French untouched, a taught English example used at once. */
class NluEncoderTest {
    private static Nlu train(Faq faq) {
        SiteKnowledge site = TestSites.fixture();
        return Nlu.train(site.catalog(), faq, site.languages(), SiteBot.SETTINGS, MiniLmEncoder.shared().orElseThrow());
    }

    @Test
    void frenchLinesNeverConsultTheEncoder() {
        Nlu nlu = train(TestSites.faq());
        for (String line : List.of("je voudrais parler à quelqu'un", "quel temps fera-t-il demain ?", "c'est pour offrir")) {
            nlu.understand(line, "fr", null, null);
        }
        assertEquals(0, nlu.intents().encoderLines());
    }

    @Test
    void aTaughtEnglishExampleIsUsedByTheRetrainedModel() {
        String question = "can i pick up my order at the warehouse myself";
        Nlu before = train(TestSites.faq());
        List<FaqIntent> intents = new ArrayList<>(TestSites.faq().intents());
        intents.add(new FaqIntent("pickup", Map.of("en", List.of(question, "collect my purchase in person")),
                Map.of("en", "Yes, at our warehouse from 9 to 5."), List.of(), null, null));
        Nlu taught = train(new Faq(intents));
        assertTrue(before.intents().ngram().labels().stream().noneMatch("pickup"::equals));
        for (String line : List.of(question, "i want to collect my purchase in person")) {
            Understanding u = taught.understand(line, "en", null, null);
            assertEquals("pickup", u.prediction().best(), line + ": " + u.prediction().confidence());
            assertTrue(u.prediction().inScope(), line + ": " + u.prediction().confidence());
        }
    }
}
