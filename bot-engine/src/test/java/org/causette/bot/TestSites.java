package org.causette.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Faq;
import org.causette.bot.knowledge.KnowledgeLoader;
import org.causette.bot.knowledge.SiteKnowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The small test shop of src/test/resources/org/causette/bot/fixture, and one bot trained on it for all tests. */
public final class TestSites {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile SiteBot fixtureBot;

    private TestSites() {
    }

    public static JsonNode json(String resource) {
        try (InputStream in = TestSites.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog catalog() {
        return KnowledgeLoader.catalog(json("/org/causette/bot/fixture/catalog.json"), "catalog.json");
    }

    public static Faq faq() {
        return KnowledgeLoader.faq(json("/org/causette/bot/fixture/faq.json"), "faq.json");
    }

    public static SiteKnowledge fixture() {
        return new SiteKnowledge("test-shop", "Maison Test", "Lumi", List.of("fr", "en"), "EUR", catalog(), faq());
    }

    private static volatile SiteBot demoBot;
    private static volatile SiteBot outdoorBot;

    /** The demo shop as the hub bundles it (chat-server's resources, read from the source tree), trained once. */
    public static synchronized SiteBot demoBot() {
        if (demoBot == null) {
            try {
                java.nio.file.Path folder = java.nio.file.Path.of("../chat-server/src/main/resources/demo/site");
                JsonNode site = JSON.readTree(folder.resolve("site.json").toFile());
                List<String> languages = new java.util.ArrayList<>();
                site.path("languages").forEach(l -> languages.add(l.asText()));
                demoBot = SiteBot.train(new SiteKnowledge(site.path("id").asText(), site.path("name").asText(),
                        site.path("bot").path("name").asText("Causette"), languages, site.path("currency").asText("EUR"),
                        KnowledgeLoader.catalog(JSON.readTree(folder.resolve("catalog.json").toFile()), "catalog.json"),
                        KnowledgeLoader.faq(JSON.readTree(folder.resolve("faq.json").toFile()), "faq.json")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return demoBot;
    }

    /**
     * A second, small shop in another trade (outdoor gear: tents and boots) with the optional catalog.json fields
     * (per-language names, attributeLabels, categoryLabels), sizes as ranges and a product named like a colour.
     */
    public static synchronized SiteBot outdoorBot() {
        if (outdoorBot == null) {
            outdoorBot = SiteBot.train(new SiteKnowledge("outdoor", "Cimes & Bivouacs", "Sherpa", List.of("fr", "en"), "EUR",
                    KnowledgeLoader.catalog(json("/org/causette/bot/outdoor/catalog.json"), "catalog.json"),
                    KnowledgeLoader.faq(json("/org/causette/bot/outdoor/faq.json"), "faq.json")));
        }
        return outdoorBot;
    }

    /** Trained once per test JVM: training is the slow part, and the bot is immutable. */
    public static SiteBot fixtureBot() {
        SiteBot b = fixtureBot;
        if (b == null) {
            synchronized (TestSites.class) {
                if (fixtureBot == null) {
                    fixtureBot = SiteBot.train(fixture());
                }
                b = fixtureBot;
            }
        }
        return b;
    }
}
