package org.causette.bot.dialogue;

import org.causette.bot.Parse;
import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.Variant;
import org.causette.bot.nlu.Cues;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * "Is the Oslo armchair fire retardant?", « la tente a des jupes pare-neige ? »: a yes/no question about one product
 * whose subject is a word that neither the product's own data (name, description, attributes, variants) nor everyday
 * chat (the training sentences' vocabulary) explains. The catalog cannot answer it, so the bot says so and offers a
 * person rather than reciting the product sheet, which would read as a confident answer to another question.
 * Built at site load; immutable and thread-safe.
 */
final class UnknownTopic {
    /** Shorter words are function words or fragments, never the subject of a question. */
    private static final int WORD_MIN = 4;
    /** Question words: "what is the Oslo made of" asks for the sheet, it is not a yes/no question about a feature. */
    private static final Cues.PhraseSet OPEN_QUESTION = Cues.PhraseSet.of("what", "whats", "which", "how", "where",
            "why", "who", "tell", "show", "quoi", "quel", "quelle", "quels", "quelles", "comment", "combien", "pourquoi",
            "ou", "qu", "montre", "montrez", "parle", "parlez", "decris", "info", "infos", "details", "detail");
    private static final Set<String> YES_NO_START = Set.of("is", "are", "does", "do", "can", "has", "have", "will",
            "would", "could", "est", "a", "peut", "peux", "existe");
    /** Everyday words a shopper adds that are never the subject (kept small: the training vocabulary covers most). */
    private static final Set<String> FILLERS = Set.of("please", "thanks", "really", "actually", "exactly", "still",
            "vraiment", "exactement", "svp", "stp", "merci", "bonjour", "hello", "salut", "coucou", "aussi", "also",
            "this", "that", "these", "those", "them", "they", "your", "yours", "vous", "votre", "celui", "celle",
            "quand", "when", "there", "here");

    private final Map<Product, Set<String>> ownWords = new HashMap<>();
    private final Predicate<String> ordinary;

    UnknownTopic(Catalog catalog, Predicate<String> ordinary) {
        this.ordinary = ordinary;
        for (Product p : catalog.products()) {
            Set<String> words = new HashSet<>();
            add(words, p.name());
            p.aliases().forEach(a -> add(words, a));
            p.names().values().forEach(n -> add(words, n));
            p.description().values().forEach(d -> add(words, d));
            add(words, p.category());
            p.attributes().forEach((k, v) -> {
                add(words, k.replace('_', ' '));
                add(words, String.valueOf(v));
            });
            for (Variant v : p.variants()) {
                add(words, v.color());
                add(words, v.size());
            }
            ownWords.put(p, Set.copyOf(words));
        }
    }

    private static void add(Set<String> out, String text) {
        if (text != null) {
            for (Token t : TextNormalizer.tokens(text)) {
                out.add(t.text());
            }
        }
    }

    /** Whether the line is a yes/no question about {@code p} on something its data does not mention. */
    boolean asks(String text, List<Token> tokens, List<Parse.Entity> entities, Product p) {
        if (tokens.isEmpty() || OPEN_QUESTION.in(tokens)) {
            return false;
        }
        boolean question = text.indexOf('?') >= 0 || YES_NO_START.contains(tokens.get(0).text());
        if (!question) {
            return false;
        }
        Set<String> own = ownWords.getOrDefault(p, Set.of());
        for (Token t : tokens) {
            String w = t.text();
            if (w.length() < WORD_MIN || Character.isDigit(w.charAt(0)) || inEntity(t, entities) || FILLERS.contains(w)
                    || own.contains(w) || ordinary.test(w)) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean inEntity(Token t, List<Parse.Entity> entities) {
        for (Parse.Entity e : entities) {
            if (t.start() >= e.start() && t.end() <= e.end()) {
                return true;
            }
        }
        return false;
    }
}
