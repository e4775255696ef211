package org.causette.bot.dialogue;

import org.causette.bot.nlu.Cues;
import org.causette.bot.nlu.Token;

import java.util.List;

/**
 * A superlative or comparative over products: "le moins cher", "the lightest", "la plus grande", "the cheaper one".
 *
 * @param concept   the attribute it orders by, or null for the price
 * @param ascending true when the smallest value wins (cheapest, lightest, smallest)
 * @param word      how the answer names it, {French, English}
 */
record Ranking(AttributeLexicon.Concept concept, boolean ascending, String[] word) {
    /** word: {French masculine, English, French feminine}. */
    private record Cue(Cues.PhraseSet phrases, String concept, boolean ascending, String fr, String en, String frFeminine) {
    }

    private static Cue cue(String concept, boolean ascending, String fr, String en, String... phrases) {
        return new Cue(Cues.PhraseSet.of(phrases), concept, ascending, fr, en, FEMININE.getOrDefault(fr, fr));
    }

    private static final java.util.Map<String, String> FEMININE = java.util.Map.of("le moins cher", "la moins chère",
            "le plus cher", "la plus chère", "le plus léger", "la plus légère", "le plus lourd", "la plus lourde",
            "le plus large", "la plus large", "le plus haut", "la plus haute", "le plus grand", "la plus grande",
            "le plus petit", "la plus petite", "le plus chaud", "la plus chaude");

    /** Checked in order: "le moins cher" before "cher", "plus léger" before "plus". */
    private static final List<Cue> CUES = List.of(
            cue(null, true, "le moins cher", "the cheapest", "moins cher", "moins chere", "moins chers", "moins cheres",
                    "cheapest", "cheaper", "least expensive", "less expensive", "lowest price", "plus abordable",
                    "most affordable", "more affordable", "moins onereux", "petit prix", "prix le plus bas", "bon marche"),
            cue(null, false, "le plus cher", "the most expensive", "plus cher", "plus chere", "plus chers", "plus cheres",
                    "most expensive", "more expensive", "priciest", "pricier", "haut de gamme", "top of the range"),
            cue("weight", true, "le plus léger", "the lightest", "plus leger", "plus legere", "plus legers", "plus legeres",
                    "lightest", "lighter", "moins lourd", "moins lourde"),
            cue("weight", false, "le plus lourd", "the heaviest", "plus lourd", "plus lourde", "heaviest", "heavier"),
            cue("width", false, "le plus large", "the widest", "plus large", "plus larges", "widest", "wider"),
            cue("height", false, "le plus haut", "the tallest", "plus haut", "plus haute", "tallest", "taller", "highest", "higher"),
            cue("capacity", false, "le plus grand", "the biggest", "plus grand", "plus grande", "plus grands", "plus grandes",
                    "biggest", "bigger", "largest", "larger", "le plus de places", "most seats", "the most people"),
            cue("capacity", true, "le plus petit", "the smallest", "plus petit", "plus petite", "plus petits", "plus petites",
                    "smallest", "smaller", "most compact", "plus compact", "plus compacte"),
            cue("temperature", true, "le plus chaud", "the warmest", "plus chaud", "plus chaude", "warmest", "warmer"),
            cue("warranty", false, "la plus longue garantie", "the longest warranty", "plus longue garantie", "longest warranty"));

    static Ranking in(List<Token> tokens) {
        for (Cue c : CUES) {
            if (c.phrases().in(tokens)) {
                return new Ranking(c.concept() == null ? null : AttributeLexicon.byId(c.concept()), c.ascending(),
                        new String[]{c.fr(), c.en(), c.frFeminine()});
            }
        }
        return null;
    }

    String word(String lang) {
        return "fr".equals(lang) ? word[0] : word[1];
    }

    /** « la moins chère » for a feminine noun. */
    String french(boolean feminine) {
        return feminine ? word[2] : word[0];
    }
}
