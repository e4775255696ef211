package org.causette.server.config;

import org.causette.server.support.TestSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faq.json's optional intent titles, read by the real loader from a copy of the test shop. */
class IntentTitlesTest {
    private final SiteLoader loader = new SiteLoader(TestSites.ENV::get);

    @TempDir
    Path folder;

    private Path shopWithFaq(String faq) throws IOException {
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path source : files.toList()) {
                Files.copy(source, folder.resolve(source.getFileName()));
            }
        }
        Files.writeString(folder.resolve("faq.json"), faq);
        return folder;
    }

    private static String faqWithTitle(String title) {
        return """
                { "intents": [
                  { "id": "lamp_advice", "title": %s,
                    "examples": { "fr": ["Quelle ampoule choisir ?"], "en": ["Which bulb?"] },
                    "answer": { "fr": "Un expert va répondre.", "en": "An expert will answer." },
                    "escalate": "ambassador", "skill": "lampes" },
                  { "id": "returns", "examples": { "fr": ["Comment retourner ?"] }, "answer": { "fr": "30 jours." } } ] }
                """.formatted(title);
    }

    @Test
    void anIntentWithATitleIsNamedAndOneWithoutHasNone() throws IOException {
        Site site = loader.load(SiteSource.folder(shopWithFaq(faqWithTitle("{ \"fr\": \" Conseil lampes \", \"en\": \"Lamp advice\" }"))));
        assertEquals(Optional.of(Map.of("fr", "Conseil lampes", "en", "Lamp advice")), site.intentTitle("lamp_advice"));
        assertTrue(site.intentTitle("returns").isEmpty());
    }

    @Test
    void theTestShopWithoutTitlesHasNone() {
        Site site = loader.load(SiteSource.folder(TestSites.testShop()));
        site.knowledge().faq().intents().forEach(intent -> assertTrue(site.intentTitle(intent.id()).isEmpty(), intent.id()));
    }

    @Test
    void aBadTitleStopsTheStartNamingTheField() throws IOException {
        for (var bad : Map.of(
                "\"Conseil lampes\"", "intents[0].title",
                "{}", "intents[0].title",
                "{ \"de\": \"Lampenberatung\" }", "intents[0].title.de",
                "{ \"fr\": \"\" }", "intents[0].title.fr",
                "{ \"fr\": \"" + "x".repeat(org.causette.bot.knowledge.FaqIntent.MAX_TITLE_LENGTH + 1) + "\" }", "intents[0].title.fr").entrySet()) {
            for (Path file : Files.list(folder).toList()) {
                Files.delete(file);
            }
            Path site = shopWithFaq(faqWithTitle(bad.getKey()));
            String message = assertThrows(ConfigException.class, () -> loader.load(SiteSource.folder(site))).getMessage();
            assertTrue(message.contains("faq.json") && message.contains(bad.getValue()), bad.getKey() + " → " + message);
        }
    }
}
