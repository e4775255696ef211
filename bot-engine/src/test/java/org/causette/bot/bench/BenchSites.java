package org.causette.bot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.causette.bot.TestSites;
import org.causette.bot.knowledge.KnowledgeLoader;
import org.causette.bot.knowledge.SiteKnowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The site a benchmark runs on: the bundled demo shop (read-only, from the chat-server module) when the benchmark runs
 * from the repository root, else the bot-engine test fixture. {@code -Dcausette.bench.site=DIR} picks another folder.
 */
final class BenchSites {
    static final String DEMO = "chat-server/src/main/resources/demo/site";

    private BenchSites() {
    }

    static SiteKnowledge load() {
        String dir = System.getProperty("causette.bench.site", DEMO);
        Path folder = Path.of(dir);
        if (!Files.isRegularFile(folder.resolve("catalog.json"))) {
            folder = Path.of("..").resolve(dir);
        }
        if (!Files.isRegularFile(folder.resolve("catalog.json"))) {
            return TestSites.fixture();
        }
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode site = json.readTree(folder.resolve("site.json").toFile());
            List<String> languages = new ArrayList<>();
            site.path("languages").forEach(l -> languages.add(l.asText()));
            return new SiteKnowledge(site.path("id").asText("demo"), site.path("name").asText("Demo"),
                    site.path("bot").path("name").asText("Causette"), languages, site.path("currency").asText("EUR"),
                    KnowledgeLoader.catalog(json.readTree(folder.resolve("catalog.json").toFile()), "catalog.json"),
                    KnowledgeLoader.faq(json.readTree(folder.resolve("faq.json").toFile()), "faq.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
