package org.causette.bot.dialogue;

import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Product;
import org.causette.bot.nlu.Cues;
import org.causette.bot.nlu.Glossary;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of one catalog, as questions name them and answers label them. A question asks for a concept of
 * {@link AttributeLexicon} by its words (« combien pèse », "how wide"), or for a key no concept knows by the key's own
 * words or the shop's labels ("fabrication", "culot"). Labels: the shop's {@code attributeLabels} for the language,
 * else the concept's, else the key's words. Built at site load; thread-safe.
 */
final class CatalogAttributes {
    /** One attribute the visitor asked about: a concept (which the product may lack) or a key of the catalog. */
    record Ask(AttributeLexicon.Concept concept, String key) {
        String id() {
            return concept != null ? concept.id() : "key:" + key;
        }
    }

    /** "does it come with", « est-ce qu'il y a », « livré avec »: a question about something the product may have. */
    private static final Cues.PhraseSet HAS = Cues.PhraseSet.of("come with", "comes with", "came with", "does it have",
            "does it include", "is there a", "is there an", "included", "include", "includes", "with a", "with an",
            "livre avec", "livree avec", "fourni avec", "fournie avec", "est fourni", "est fournie", "y a t il",
            "il y a un", "il y a une", "est ce qu il y a", "inclus", "incluse", "avec un", "avec une", "has a", "has an");
    private static final int KEY_WORD_MIN = 4;
    private static final int BARE_QUESTION_TOKENS = 4;
    private static final Cues.PhraseSet BARE_LENGTH = Cues.PhraseSet.of("how long", "quelle longueur");
    private static final Cues.PhraseSet BARE_SIZE = Cues.PhraseSet.of("how big", "how large", "quelle taille fait",
            "ca mesure combien", "il mesure combien", "elle mesure combien");

    private final Catalog catalog;
    private final Map<String, AttributeLexicon.Concept> conceptOfKey = new HashMap<>();
    /** Keys no concept knows → the folded words that name them (the key's words, the shop's labels). */
    private final Map<String, List<String>> ownWords = new LinkedHashMap<>();

    CatalogAttributes(Catalog catalog) {
        this.catalog = catalog;
        for (Product p : catalog.products()) {
            for (String key : p.attributes().keySet()) {
                if (conceptOfKey.containsKey(key) || ownWords.containsKey(key)) {
                    continue;
                }
                AttributeLexicon.Concept c = AttributeLexicon.ofKey(key);
                if (c == null) {
                    for (Map<String, String> labels : List.of(catalog.attributeLabels().getOrDefault(key, Map.of()))) {
                        for (String label : labels.values()) {
                            c = c != null ? c : AttributeLexicon.ofKey(label);
                        }
                    }
                }
                List<String> words = new ArrayList<>();
                addWords(words, key.replace('_', ' '));
                catalog.attributeLabels().getOrDefault(key, Map.of()).values().forEach(l -> addWords(words, l));
                // "what brakes does it have?" about a key "freins": its words in the other language name it too.
                for (String w : List.copyOf(words)) {
                    for (String other : Glossary.get().otherWords(w)) {
                        addWords(words, other);
                    }
                }
                if (c != null) {
                    conceptOfKey.put(key, c);
                    // "capacite_enfants": « combien d'enfants » asks it, though "enfants" is no word of the concept.
                    words.removeIf(w -> CONCEPT_WORDS.contains(w) || GENERIC_KEY_WORDS.contains(w));
                    if (words.isEmpty()) {
                        continue;
                    }
                }
                ownWords.put(key, words);
            }
        }
    }

    private static void addWords(List<String> out, String text) {
        for (Token t : TextNormalizer.tokens(text)) {
            if (t.text().length() >= KEY_WORD_MIN && !Character.isDigit(t.text().charAt(0)) && !out.contains(t.text())
                    && !GENERIC_KEY_WORDS.contains(t.text())) {
                out.add(t.text());
            }
        }
    }

    /** The words of a key without its unit: "autonomie_km" → "autonomie". */
    private static String keyWords(String key) {
        int unit = Replies.unitStart(key);
        return (unit > 0 ? key.substring(0, unit) : key).replace('_', ' ');
    }

    /** Words of keys too general to name one attribute on their own ("taille_roue": « en taille M » is not it). */
    private static final java.util.Set<String> GENERIC_KEY_WORDS = java.util.Set.of("taille", "size", "type", "niveau",
            "level", "max", "maximum", "maximale", "flux", "valeur", "value", "nombre", "number", "total", "compatible",
            "avec", "with", "sans", "without", "pour", "item", "article");
    /** Every word the concepts' key words are made of. */
    private static final java.util.Set<String> CONCEPT_WORDS = conceptWords();

    private static java.util.Set<String> conceptWords() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (AttributeLexicon.Concept c : AttributeLexicon.CONCEPTS) {
            for (String k : c.keyWords()) {
                out.addAll(List.of(k.split(" ")));
            }
        }
        return java.util.Set.copyOf(out);
    }

    /** A question word names a key word exactly, or as a stem of five letters or more (« recharge », "rechargeable"). */
    private static boolean names(String questionWord, String keyWord) {
        if (questionWord.equals(keyWord)) {
            return true;
        }
        int n = Math.min(questionWord.length(), keyWord.length());
        return n >= STEM_MIN && (keyWord.startsWith(questionWord) || questionWord.startsWith(keyWord));
    }

    private static final int STEM_MIN = 6;

    /** The attributes a line asks about, in the order of the concepts' list, then the catalog's own keys. */
    List<Ask> asked(List<Token> tokens, String lang) {
        List<Ask> out = new ArrayList<>(2);
        for (AttributeLexicon.Concept c : AttributeLexicon.CONCEPTS) {
            if (c.askedIn(tokens, lang)) {
                out.add(new Ask(c, null));
                if (c.id().equals("seat_height") || c.id().equals("max_load")) {
                    break; // "hauteur d'assise" is not also height and seat; « poids max » is not also the weight
                }
            }
        }
        if (out.isEmpty() && tokens.size() <= BARE_QUESTION_TOKENS) {
            // "and how long?", "how big?" right after a question about a product: short, so about its measures
            // (a longer "how long does delivery take" is not).
            AttributeLexicon.Concept c = BARE_LENGTH.in(tokens) ? AttributeLexicon.byId("length")
                    : BARE_SIZE.in(tokens) ? AttributeLexicon.byId("dimensions") : null;
            if (c != null) {
                out.add(new Ask(c, null));
            }
        }
        for (Map.Entry<String, List<String>> e : ownWords.entrySet()) {
            boolean found = false;
            for (Token t : tokens) {
                for (String w : e.getValue()) {
                    if (names(t.text(), w)) {
                        found = true;
                        break;
                    }
                }
                if (found) {
                    out.add(new Ask(null, e.getKey()));
                    break;
                }
            }
        }
        return out;
    }

    /** "does it come with a rain cover?": a question about having something, whatever it is. */
    static boolean asksForAFeature(List<Token> tokens) {
        return HAS.in(tokens);
    }

    /** The dimensions a product has under their own keys (width, depth, height…), for "what are its dimensions?". */
    List<String> measureKeys(Product p) {
        List<String> out = new ArrayList<>();
        for (String id : DIMENSION_PARTS) {
            String key = keyOf(p, AttributeLexicon.byId(id));
            if (key != null) {
                out.add(key);
            }
        }
        return out;
    }

    private static final List<String> DIMENSION_PARTS = List.of("length", "width", "depth", "height", "diameter", "thickness");

    /** The product's key for what was asked, or null when the catalog says nothing about it for this product. */
    String keyOf(Product p, Ask ask) {
        if (ask.key() != null) {
            return p.attributes().containsKey(ask.key()) ? ask.key() : null;
        }
        for (String key : p.attributes().keySet()) {
            if (conceptOfKey.get(key) == ask.concept()) {
                return key;
            }
        }
        return null;
    }

    /** The product's key of this concept, or null. */
    String keyOf(Product p, AttributeLexicon.Concept concept) {
        return keyOf(p, new Ask(concept, null));
    }

    AttributeLexicon.Concept conceptOf(String key) {
        return conceptOfKey.get(key);
    }

    /** How an answer in this language labels the key: "Largeur" / "Width". */
    String label(String key, String lang) {
        String shop = catalog.attributeLabel(key, lang);
        if (shop != null) {
            return shop;
        }
        AttributeLexicon.Concept c = conceptOfKey.get(key);
        if (c == null) {
            c = AttributeLexicon.ofKey(key);
        }
        if (c != null) {
            return c.label(lang);
        }
        // A key no concept knows: its words in the answer's language when the glossary has them all ("freins" →
        // "Brakes", "niveau_securite" → "Security level"), else the key's words with their French accents back.
        String words = keyWords(key);
        String other = Glossary.get().translate(words, lang);
        if (other != null && "en".equals(lang)) {
            return Formats.capitalize(other);
        }
        StringBuilder out = new StringBuilder();
        for (String w : words.split(" ")) {
            String spelled = "fr".equals(lang) ? Glossary.get().frenchSpelling(TextNormalizer.foldPhrase(w)) : null;
            out.append(out.length() == 0 ? "" : " ").append(spelled != null ? spelled : w);
        }
        return Formats.capitalize(out.toString());
    }

    /** The label of something asked that the product does not have ("weight"), for "I don't have its weight". */
    String label(Ask ask, String lang) {
        return ask.key() != null ? label(ask.key(), lang) : ask.concept().label(lang);
    }
}
