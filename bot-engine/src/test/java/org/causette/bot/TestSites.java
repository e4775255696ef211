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
