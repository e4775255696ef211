package org.causette.bot.dialogue;

import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.nlu.Glossary;
import org.causette.bot.nlu.TextNormalizer;
import org.causette.bot.nlu.Token;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a category reads in each language, plural and lower-case ("canapés" / "sofas"), worked out at site load: the
 * shop's {@code categoryLabels} first; then a built-in word list for common slugs; then, in French, the spelling with
 * accents found in a product name of the category ("canapes" → "canapés"), and in English the last word most of the
 * category's English names share ("Oslo armchair", "Luna armchair" → "armchairs"); else the slug. Thread-safe.
 */
final class CategoryLabels {
    private static final Pattern NAME_WORDS = Pattern.compile("[\\s'’-]+");
    /** Folded slug (singular or plural) → {French, English}. */
    private static final Map<String, String[]> BUILT_IN = new HashMap<>();

    static {
        add("fauteuils,fauteuil,armchairs,armchair", "fauteuils", "armchairs");
        add("canapes,canape,sofas,sofa", "canapés", "sofas");
        add("luminaires,luminaire,lighting,lights,lamps,lampes,lampe", "luminaires", "lighting");
        add("tapis,rugs,rug", "tapis", "rugs");
        add("tables,table", "tables", "tables");
        add("chaises,chaise,chairs,chair,assises,seating", "chaises", "chairs");
        add("linge de lit,linge,bedding,bed linen", "linge de lit", "bed linen");
        add("deco,decoration,decor,decorations", "déco", "decor");
        add("coussins,coussin,cushions,cushion", "coussins", "cushions");
        add("rangement,rangements,storage", "rangements", "storage");
        add("tentes,tente,tents,tent", "tentes", "tents");
        add("chaussures,chaussure,shoes,footwear", "chaussures", "shoes");
        add("sacs,sac,bags,bag", "sacs", "bags");
        add("sacs a dos,sac a dos,backpacks,backpack", "sacs à dos", "backpacks");
        add("sacs de couchage,sac de couchage,sleeping bags,sleeping bag,couchage", "sacs de couchage", "sleeping bags");
        add("vestes,veste,jackets,jacket", "vestes", "jackets");
        add("vetements,vetement,clothing,clothes", "vêtements", "clothing");
        add("accessoires,accessoire,accessories", "accessoires", "accessories");
        add("lits,lit,beds,bed", "lits", "beds");
        add("matelas,mattresses,mattress", "matelas", "mattresses");
        add("cuisine,kitchen,cuisson,cooking", "cuisine", "kitchen");
        add("jardin,garden,exterieur,outdoor", "jardin", "garden");
        add("bijoux,bijou,jewellery,jewelry", "bijoux", "jewellery");
        add("livres,livre,books,book", "livres", "books");
        add("jouets,jouet,toys,toy", "jouets", "toys");
        add("velos,velo,bikes,bicycles,bike", "vélos", "bikes");
        add("miroirs,miroir,mirrors,mirror", "miroirs", "mirrors");
        add("vases,vase", "vases", "vases");
        add("bureaux,bureau,desks,desk", "bureaux", "desks");
        add("etageres,etagere,shelves,shelving", "étagères", "shelves");
        add("eclairage,lanternes,lampes frontales,headlamps", "éclairage", "lighting");
        add("randonnee,hiking", "randonnée", "hiking");
        add("camping", "camping", "camping");
        add("the,thes,tea,teas", "thés", "teas");
        add("cafe,cafes,coffee", "cafés", "coffee");
        add("epicerie,grocery,groceries", "épicerie", "groceries");
        add("vins,vin,wines,wine", "vins", "wines");
        add("soins,soin,skincare,cosmetiques,cosmetics", "soins", "skincare");
        add("parfums,parfum,perfumes,fragrances", "parfums", "fragrances");
        add("art de la table,vaisselle,tableware,dinnerware", "art de la table", "tableware");
        add("linge de bain,bath,serviettes,towels", "linge de bain", "bath linen");
        add("enfants,enfant,kids,children", "enfants", "kids");
        add("bebe,baby", "bébé", "baby");
    }

    private static void add(String slugs, String fr, String en) {
        for (String s : slugs.split(",")) {
            BUILT_IN.put(s, new String[]{fr, en});
        }
    }

    private final Map<String, String[]> labels = new LinkedHashMap<>();

    CategoryLabels(SiteKnowledge site, ProductNames names) {
        Map<String, List<Product>> byCategory = new LinkedHashMap<>();
        for (Product p : site.catalog().products()) {
            if (p.category() != null) {
                byCategory.computeIfAbsent(p.category(), k -> new java.util.ArrayList<>()).add(p);
            }
        }
        byCategory.forEach((category, products) -> {
            String folded = TextNormalizer.foldPhrase(category.replace('-', ' ').replace('_', ' '));
            String[] builtIn = BUILT_IN.get(folded);
            String fr = site.catalog().categoryLabel(category, "fr");
            String en = site.catalog().categoryLabel(category, "en");
            if (fr == null) {
                fr = builtIn != null ? builtIn[0] : frenchFromNames(category, products);
            }
            if (en == null && builtIn == null) {
                // "velos-route" → "road bikes": the slug's words in English, when the glossary knows them all.
                String slug = category.replace('-', ' ').replace('_', ' ');
                en = Glossary.get().translate(slug, "en");
                if (en != null) {
                    en = en.toLowerCase(java.util.Locale.ROOT);
                }
            }
            if (en == null) {
                en = builtIn != null ? builtIn[1] : englishFromNames(category, products, names);
            }
            labels.put(category, new String[]{fr, en});
        });
    }

    /** The category as a plural in this language, lower-case. */
    String label(String category, String lang) {
        String[] l = labels.get(category);
        if (l == null) {
            return category.replace('-', ' ');
        }
        return "en".equals(lang) ? l[1] : l[0];
    }

    private static String frenchFromNames(String category, List<Product> products) {
        String folded = TextNormalizer.foldPhrase(category);
        String phrase = frenchPhraseFromNames(category, products);
        if (phrase != null) {
            return phrase;
        }
        for (Product p : products) {
            for (String word : NAME_WORDS.split(p.name())) {
                String f = TextNormalizer.foldPhrase(word);
                if (f.isEmpty()) {
                    continue;
                }
                if (folded.equals(f + "s") || folded.equals(f + "x")) {
                    return word.toLowerCase(java.util.Locale.ROOT) + folded.charAt(folded.length() - 1);
                }
                if (folded.equals(f)) {
                    return word.toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        return category.replace('-', ' ');
    }

    /**
     * "velos-route" with products « Vélo de route Ventoux » and « Vélo de route Izoard »: the names' common opening,
     * up to the slug's last word, with its first word in the plural (« vélos de route »); else each slug word spelt
     * as the names spell it (« vélos électriques »). Null when the slug has one word or its words are not in the names.
     */
    private static String frenchPhraseFromNames(String category, List<Product> products) {
        String[] slug = TextNormalizer.foldPhrase(category.replace('-', ' ').replace('_', ' ')).split(" ");
        if (slug.length < 2 || products.isEmpty()) {
            return null;
        }
        List<String> common = null;
        for (Product p : products) {
            List<String> words = List.of(NAME_WORDS.split(p.name()));
            if (common == null) {
                common = new java.util.ArrayList<>(words);
            } else {
                int n = 0;
                while (n < common.size() && n < words.size()
                        && TextNormalizer.foldPhrase(common.get(n)).equals(TextNormalizer.foldPhrase(words.get(n)))) {
                    n++;
                }
                common = new java.util.ArrayList<>(common.subList(0, n));
            }
        }
        int last = -1;
        int matched = 0;
        for (String s : slug) {
            for (int i = 0; i < common.size(); i++) {
                if (sameWord(TextNormalizer.foldPhrase(common.get(i)), s)) {
                    last = Math.max(last, i);
                    matched++;
                    break;
                }
            }
        }
        if (matched == slug.length && last >= 0) {
            List<String> words = new java.util.ArrayList<>(common.subList(0, last + 1));
            String first = words.get(0).toLowerCase(java.util.Locale.ROOT);
            words.set(0, first.endsWith("s") || first.endsWith("x") ? first : first + "s");
            return String.join(" ", words).toLowerCase(java.util.Locale.ROOT);
        }
        // Each slug word as a name writes it, with its accents.
        List<String> out = new java.util.ArrayList<>();
        for (String s : slug) {
            String spelled = null;
            for (Product p : products) {
                for (String w : NAME_WORDS.split(p.name())) {
                    if (spelled == null && sameWord(TextNormalizer.foldPhrase(w), s)) {
                        String lower = w.toLowerCase(java.util.Locale.ROOT);
                        spelled = s.endsWith("s") && !lower.endsWith("s") ? lower + "s" : lower;
                    }
                }
            }
            if (spelled == null) {
                return null;
            }
            out.add(spelled);
        }
        return String.join(" ", out);
    }

    /** "velo" and "velos", "electrique" and "electriques": a word and its plural. */
    private static boolean sameWord(String nameWord, String slugWord) {
        return nameWord.equals(slugWord) || (nameWord + "s").equals(slugWord) || (nameWord + "x").equals(slugWord);
    }

    private static String englishFromNames(String category, List<Product> products, ProductNames names) {
        Map<String, Integer> lastWords = new HashMap<>();
        for (Product p : products) {
            List<Token> t = TextNormalizer.tokens(names.name(p, "en"));
            if (t.size() >= 2) {
                lastWords.merge(t.get(t.size() - 1).text(), 1, Integer::sum);
            }
        }
        String best = null;
        int count = 0;
        for (Map.Entry<String, Integer> e : lastWords.entrySet()) {
            if (e.getValue() > count || e.getValue() == count && best != null && e.getKey().compareTo(best) < 0) {
                best = e.getKey();
                count = e.getValue();
            }
        }
        if (best != null && count * 2 >= products.size() && count >= 2) {
            return best.endsWith("s") ? best : best + "s";
        }
        return category.replace('-', ' ');
    }
}
