package org.causette.bot.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.causette.bot.BotInput;
import org.causette.bot.BotTurn;
import org.causette.bot.DialogueContext;
import org.causette.bot.TestSites;
import org.causette.bot.dialogue.SiteBot;
import org.causette.bot.knowledge.KnowledgeLoader;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.knowledge.Variant;
import org.causette.bot.nlu.LabeledText;
import org.causette.bot.nlu.Nlu;
import org.causette.bot.eval.LabeledCsv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every answer of the bot, recorded: the demo shop's bot and the test fixture's bot over scripted conversations
 * (conversations.txt), questions and quick-reply taps generated from every catalog product in both languages, the
 * cards of every product, and every built-in training sentence and held-out line as five-line conversations with the
 * context carried. Each turn is compared whole (language, parse with its ranking, texts, quick replies, cards,
 * hand-over and the next context) with {@code golden-turns.txt}, recorded from the code before the bot turn's
 * performance work: a speed-up must not change a single answer.
 *
 * <p>Scripted conversations are kept as full JSON so a reviewer can read them; the generated and corpus turns as a
 * summary and a digest of the same JSON. On a difference the test prints the turn's actual JSON. To re-record after a
 * deliberate change of answers: {@code mvn -o -pl bot-engine test -Dtest=GoldenTurnsTest -Dcausette.golden.write=true}
 * and review the diff.
 */
class GoldenTurnsTest {
    private static final String RESOURCE = "/org/causette/bot/golden/";
    private static final Path GOLDEN = Path.of("src/test/resources/org/causette/bot/golden/golden-turns.txt");
    private static final String DEMO = "../chat-server/src/main/resources/demo/site";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CORPUS_CONVERSATION = 5;
    /** Every turn in full, for {@code -Dcausette.golden.dump=FILE}: to diff two versions line by line. */
    private static final List<String> FULL = new ArrayList<>();

    @Test
    void everyAnswerIsTheRecordedOne() throws IOException {
        List<String> actual = new ArrayList<>();
        record(actual, "demo", demoBot(), true);
        record(actual, "fixture", TestSites.fixtureBot(), false);
        String dump = System.getProperty("causette.golden.dump");
        if (dump != null) {
            Files.write(Path.of(dump), FULL, StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean("causette.golden.write")) {
            Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        int differences = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                if (++differences <= 20) {
                    report.append("\nline ").append(i + 1).append("\n  expected: ").append(e).append("\n  actual:   ").append(a);
                }
            }
        }
        if (differences > 0) {
            fail(differences + " turn(s) differ from " + GOLDEN + report);
        }
        assertEquals(expected.size(), actual.size());
    }

    /** @param full whether the scripted turns are kept as whole JSON (the demo's) or as summaries (the fixture's) */
    private static void record(List<String> out, String name, SiteBot bot, boolean full) {
        SiteKnowledge site = bot.site();
        // 1. Scripted conversations, in full.
        DialogueContext ctx = DialogueContext.EMPTY;
        String locale = null;
        int n = 0;
        for (String line : resourceLines("conversations.txt")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("== ")) {
                String l = line.substring(3).trim();
                locale = l.equals("-") ? null : l;
                ctx = DialogueContext.EMPTY;
                continue;
            }
            BotInput input = input(line, locale);
            BotTurn turn = bot.respond(input, ctx);
            String prefix = name + " script " + (++n) + " [" + locale + "] " + line;
            out.add(full ? prefix + " => " + json(turn) : summary(prefix, turn));
            ctx = turn.context();
        }
        for (String line : resourceLines("conversations.txt")) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("==") && !line.startsWith("tap:")) {
                org.causette.bot.Parse p = bot.parse(line, null);
                FULL.add(name + " parse " + line + " => " + json(p));
                out.add(name + " parse " + line + " => " + p.language() + " " + p.intent().name() + " " + p.action().wireName()
                        + " " + digest(json(p)) + " en=" + digest(json(bot.parse(line, "en"))));
            }
        }
        // 2. Every product: questions in both languages, then each quick reply a product answer offers.
        List<String> skus = new ArrayList<>();
        for (Product p : site.catalog().products()) {
            skus.add(p.sku());
            String alias = p.aliases().isEmpty() ? p.name() : p.aliases().get(0);
            String color = null;
            String size = null;
            for (Variant v : p.variants()) {
                color = v.color() != null ? v.color() : color;
                size = v.size() != null ? v.size() : size;
            }
            List<String[]> lines = new ArrayList<>();
            lines.add(new String[]{"fr-FR", "combien coûte " + p.name() + " ?"});
            lines.add(new String[]{"fr-FR", p.name() + " est disponible en " + color + " ?"});
            lines.add(new String[]{"fr-FR", "quelles couleurs pour " + p.name().toLowerCase(java.util.Locale.ROOT) + " ?"});
            lines.add(new String[]{"fr-FR", "et en " + (size != null ? size : "blanc") + " ?"});
            lines.add(new String[]{"fr-FR", "vous avez d'autres " + (p.category() == null ? "produits" : p.category()) + " ?"});
            lines.add(new String[]{"en-GB", "how much is the " + alias + "?"});
            lines.add(new String[]{"en-GB", "is the " + alias + " available in " + color + "?"});
            lines.add(new String[]{"en-GB", "what colours does the " + alias + " come in?"});
            lines.add(new String[]{"en-GB", "tell me about it"});
            ctx = DialogueContext.EMPTY;
            for (String[] l : lines) {
                BotTurn turn = bot.respond(BotInput.typed(l[1], l[0]), ctx);
                out.add(summary(name + " product " + p.sku() + " [" + l[0] + "] " + l[1], turn));
                ctx = turn.context();
            }
            for (String lang : List.of("fr", "en")) {
                ctx = new DialogueContext(lang, null, null, 0, List.of());
                for (String payload : List.of("PRODUCT:" + p.sku(), "INTENT:product_stock|" + p.sku(),
                        "INTENT:product_variants|" + p.sku(), "INTENT:product_price|" + p.sku(),
                        "INTENT:product_compare|" + p.sku(), "INTENT:product_info")) {
                    BotTurn turn = bot.respond(new BotInput("tap", payload, lang), ctx);
                    out.add(summary(name + " tap " + lang + " " + payload, turn));
                    ctx = turn.context();
                }
            }
        }
        for (String lang : List.of("fr", "en", "de")) {
            out.add(name + " cards " + lang + " => " + digest(json(bot.cards(skus, lang))));
        }
        // 3. The corpora, five lines to a conversation, the locale alternating between conversations.
        List<LabeledText> corpus = new ArrayList<>(Nlu.builtInExamples("fr"));
        corpus.addAll(Nlu.builtInExamples("en"));
        corpus.addAll(LabeledCsv.readResource("org/causette/bot/nlu/heldout-fr.csv"));
        corpus.addAll(LabeledCsv.readResource("org/causette/bot/nlu/heldout-en.csv"));
        String[] locales = {"fr-FR", "en-GB", null};
        StringBuilder conversation = new StringBuilder();
        StringBuilder intents = new StringBuilder();
        for (int i = 0; i < corpus.size(); i++) {
            if (i % CORPUS_CONVERSATION == 0) {
                ctx = DialogueContext.EMPTY;
            }
            String l = locales[(i / CORPUS_CONVERSATION) % locales.length];
            BotTurn turn = bot.respond(BotInput.typed(corpus.get(i).text(), l), ctx);
            String prefix = name + " corpus " + (i + 1) + " [" + l + "] " + corpus.get(i).text();
            FULL.add(prefix + " => " + json(turn));
            // One line per conversation (the file would be megabytes otherwise): each turn's intent and action, and
            // the digest of all the turns' JSON.
            conversation.append(json(turn));
            intents.append(intents.isEmpty() ? "" : ",").append(turn.parse().intent().name()).append('/')
                    .append(turn.parse().action().wireName());
            ctx = turn.context();
            if (i % CORPUS_CONVERSATION == CORPUS_CONVERSATION - 1 || i == corpus.size() - 1) {
                out.add(name + " corpus " + (i / CORPUS_CONVERSATION * CORPUS_CONVERSATION + 1) + "-" + (i + 1) + " [" + l + "] "
                        + intents + " " + digest(conversation.toString()));
                conversation.setLength(0);
                intents.setLength(0);
            }
        }
    }

    private static BotInput input(String line, String locale) {
        if (line.startsWith("tap:")) {
            String[] parts = line.substring(4).split("\\|", 2);
            return new BotInput(parts[0].trim(), parts[1].trim(), locale);
        }
        return BotInput.typed(line, locale);
    }

    /** One line: what to read at a glance (language, intent, action, hand-over, first words) and the whole turn's digest. */
    private static String summary(String prefix, BotTurn t) {
        String text = t.messages().isEmpty() ? "" : t.messages().get(0).text();
        text = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        FULL.add(prefix.replace('\n', ' ') + " => " + json(t));
        return prefix.replace('\n', ' ') + " => " + t.language() + " " + t.parse().intent().name() + " "
                + t.parse().action().wireName() + (t.handover() == null ? "" : " " + t.handover().reason())
                + " \"" + text.replace('\n', ' ') + "\" " + digest(json(t));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> resourceLines(String name) {
        try (InputStream in = GoldenTurnsTest.class.getResourceAsStream(RESOURCE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo shop as the hub loads it (the chat-server module's bundled site, read from the source tree). */
    private static SiteBot demoBot() {
        Path folder = Path.of(DEMO);
        if (!Files.isRegularFile(folder.resolve("catalog.json"))) {
            throw new IllegalStateException("the demo site is not at " + folder.toAbsolutePath());
        }
        try {
            JsonNode site = JSON.readTree(folder.resolve("site.json").toFile());
            List<String> languages = new ArrayList<>();
            site.path("languages").forEach(l -> languages.add(l.asText()));
            return SiteBot.train(new SiteKnowledge(site.path("id").asText(), site.path("name").asText(),
                    site.path("bot").path("name").asText(), languages, site.path("currency").asText(),
                    KnowledgeLoader.catalog(JSON.readTree(folder.resolve("catalog.json").toFile()), "catalog.json"),
                    KnowledgeLoader.faq(JSON.readTree(folder.resolve("faq.json").toFile()), "faq.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
