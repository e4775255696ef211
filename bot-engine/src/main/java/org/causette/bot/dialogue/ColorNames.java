package org.causette.bot.dialogue;

import org.causette.bot.nlu.TextNormalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A catalog's colour names are in the shop's language ("vert sauge"); an English answer should say "sage green".
 * Word by word, with the French order (colour, then shade) turned around; a word we do not know stays as it is.
 */
final class ColorNames {
    private static final Map<String, String> FRENCH_TO_ENGLISH = Map.ofEntries(
            Map.entry("bleu", "blue"), Map.entry("bleue", "blue"), Map.entry("gris", "grey"), Map.entry("grise", "grey"),
            Map.entry("vert", "green"), Map.entry("verte", "green"), Map.entry("sauge", "sage"), Map.entry("rouge", "red"),
            Map.entry("noir", "black"), Map.entry("noire", "black"), Map.entry("blanc", "white"), Map.entry("blanche", "white"),
            Map.entry("jaune", "yellow"), Map.entry("moutarde", "mustard"), Map.entry("rose", "pink"),
            Map.entry("marron", "brown"), Map.entry("brun", "brown"), Map.entry("sable", "sand"), Map.entry("naturel", "natural"),
            Map.entry("naturelle", "natural"), Map.entry("ambre", "amber"), Map.entry("laiton", "brass"), Map.entry("chene", "oak"),
            Map.entry("noyer", "walnut"), Map.entry("lin", "linen"), Map.entry("bordeaux", "burgundy"), Map.entry("ocre", "ochre"),
            Map.entry("ivoire", "ivory"), Map.entry("creme", "cream"), Map.entry("dore", "gold"), Map.entry("doree", "gold"),
            Map.entry("argente", "silver"), Map.entry("argentee", "silver"), Map.entry("clair", "light"), Map.entry("claire", "light"),
            Map.entry("fonce", "dark"), Map.entry("foncee", "dark"), Map.entry("canard", "teal"), Map.entry("olive", "olive"),
            Map.entry("corail", "coral"), Map.entry("prune", "plum"), Map.entry("taupe", "taupe"), Map.entry("beige", "beige"),
            Map.entry("terracotta", "terracotta"), Map.entry("anthracite", "charcoal"), Map.entry("kaki", "khaki"));

    private ColorNames() {
    }

    static String in(String color, String lang) {
        if (color == null || !"en".equals(lang)) {
            return color;
        }
        String[] words = color.trim().split("\\s+");
        List<String> english = new ArrayList<>(words.length);
        boolean allKnown = true;
        for (String word : words) {
            String translated = FRENCH_TO_ENGLISH.get(TextNormalizer.foldPhrase(word));
            allKnown &= translated != null;
            english.add(translated != null ? translated : word);
        }
        if (allKnown && english.size() == 2) {
            return english.get(1) + " " + english.get(0); // "vert sauge" is a green of sage: "sage green"
        }
        return String.join(" ", english);
    }
}
