package org.causette.bot.nlu;

import java.util.HashMap;
import java.util.Map;

/**
 * Colour words in French and English (with feminine and plural forms, folded) mapped to one concept, so "bleue",
 * "bleus" and "blue" all find the catalog's "bleu" variant.
 */
final class Colors {
    private static final Map<String, String> CONCEPT = new HashMap<>();
    /** A colour word (four letters or more) with one letter missing → its concept: "gri" → grey, "blu" → blue. */
    private static final Map<String, String> ONE_LETTER_MISSING = new HashMap<>();
    /** Everyday words one letter away from a colour ("roue" from "rouge", "nor" from "noir"): never colours. */
    private static final java.util.Set<String> NOT_COLORS = java.util.Set.of("roue", "nor", "ver", "vet", "ose", "ble", "bru",
            "lin", "sage", "ros", "bla", "gre", "red", "bleu", "vers", "noi", "blan", "rouse", "blac", "whit", "pin");

    static {
        add("blue", "bleu", "bleue", "bleus", "bleues", "blue", "marine", "navy");
        add("grey", "gris", "grise", "grises", "grey", "gray", "anthracite");
        add("green", "vert", "verte", "verts", "vertes", "green", "sauge", "sage", "olive", "kaki", "khaki");
        add("red", "rouge", "rouges", "red", "bordeaux", "burgundy");
        add("black", "noir", "noire", "noirs", "noires", "black");
        add("white", "blanc", "blanche", "blancs", "blanches", "white");
        add("yellow", "jaune", "jaunes", "yellow", "moutarde", "mustard", "ocre", "ochre");
        add("pink", "rose", "roses", "pink");
        add("orange", "orange", "oranges");
        add("brown", "marron", "marrons", "brun", "brune", "bruns", "brunes", "brown", "chocolat", "chocolate", "cognac", "camel");
        add("beige", "beige", "beiges", "ecru", "sable", "sand", "lin", "linen", "naturel", "natural", "creme", "cream", "ivoire", "ivory");
        add("purple", "violet", "violette", "violets", "violettes", "purple", "mauve", "lilas", "lilac", "prune", "plum");
        add("terracotta", "terracotta", "terre cuite", "rouille", "rust");
        add("gold", "dore", "doree", "dores", "dorees", "gold", "golden", "laiton", "brass");
        add("silver", "argent", "argente", "argentee", "silver", "chrome");
        add("oak", "chene", "oak");
        add("walnut", "noyer", "walnut");
    }

    static {
        for (Map.Entry<String, String> e : CONCEPT.entrySet()) {
            String w = e.getKey();
            if (w.length() < 4 || w.indexOf(' ') >= 0) {
                continue;
            }
            for (int i = 0; i < w.length(); i++) {
                String d = w.substring(0, i) + w.substring(i + 1);
                if (!CONCEPT.containsKey(d) && !NOT_COLORS.contains(d)) {
                    ONE_LETTER_MISSING.putIfAbsent(d, e.getValue());
                }
            }
        }
    }

    private Colors() {
    }

    /** The concept of a colour word typed with one letter missing, or null. */
    static String closeConcept(String foldedWord) {
        return ONE_LETTER_MISSING.get(foldedWord);
    }

    private static void add(String concept, String... words) {
        for (String w : words) {
            CONCEPT.put(w, concept);
        }
    }

    /** The colour concept of a folded word, or null. */
    static String concept(String foldedWord) {
        return CONCEPT.get(foldedWord);
    }

    /** The concept of a catalog colour: a known word's concept, else the folded colour itself. */
    static String conceptOfCatalogColor(String color) {
        String folded = TextNormalizer.foldPhrase(color);
        String c = CONCEPT.get(folded);
        if (c != null) {
            return c;
        }
        // "bleu canard", "gris clair": the first known word decides.
        for (String w : folded.split(" ")) {
            c = CONCEPT.get(w);
            if (c != null) {
                return c;
            }
        }
        return folded;
    }
}
