package org.causette.bot.nlu;

import org.causette.bot.knowledge.Catalog;
import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.Variant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds products, categories, colours, sizes, quantities, prices, price ranges and order numbers in one chat line.
 *
 * <p>Products are matched on the words of their name and aliases, each weighted by how few products share it, so
 * "la bivouac" finds "Tente Bivouac" while "fauteuil" alone names a category rather than a product. Typos are
 * tolerated by a deletion index (one edit, words of four letters or more), built once: matching a line costs a few
 * hash look-ups per word, not an edit distance against the whole catalog. Thread-safe after construction.
 *
 * <p>Entity values: {@code product} the product's sku; {@code category} the catalog's category; {@code color} the
 * catalog's colour when it has one of that colour, else the folded word; {@code size} the catalog's size when it
 * matches, else as typed; {@code quantity} digits; {@code price} a plain number ("300", "19.90");
 * {@code price_range} an interval "100..200", "..300" (at most) or "200.." (at least); {@code order_number} as typed
 * without '#'.
 */
public final class EntityExtractor {
    public static final String PRODUCT = "product";
    public static final String CATEGORY = "category";
    public static final String COLOR = "color";
    public static final String SIZE = "size";
    public static final String QUANTITY = "quantity";
    public static final String PRICE = "price";
    public static final String PRICE_RANGE = "price_range";
    public static final String ORDER_NUMBER = "order_number";
    /** A number of places or persons: "3 places", "pour 4 personnes", "2-seater"; the value is the number. */
    public static final String CAPACITY = "capacity";

    /** Patterns run on the lower-cased line, so they need no case-insensitive matching (measured 2–3× faster). */
    private static final int FLAGS = 0;
    private static final String NUM = "(\\d{1,6}(?:[.,]\\d{1,2})?)";
    private static final String CUR_AFTER = "\\s?(?:€|eur\\b|euros?\\b|e\\b|\\$|usd\\b|dollars?\\b|£|gbp\\b|pounds?\\b|chf\\b)";
    private static final String CUR_BEFORE = "(?:€|\\$|£)\\s?";
    private static final String AMOUNT = "(?:" + CUR_BEFORE + NUM + "|" + NUM + "(?:" + CUR_AFTER + ")?)";
    private static final Pattern ORDER = Pattern.compile(
            "(?:#\\s?([a-z0-9][a-z0-9-]{2,19}\\d)|\\b(?:commande|command|order|cde|cmd|num[eé]ro|n°|no\\.?|ref\\.?|r[eé]f[eé]rence)\\s*(?:n°|no\\.?|number|num[eé]ro|#|:)?\\s*([a-z]{0,4}-?\\d{3,12})\\b|\\b([a-z]{1,4}-\\d{3,12})\\b|(?<![\\d.,])(\\d{5,12})(?![\\d.,]|\\s?(?:€|eur|euros?|\\$|dollars?|£|cm|mm|m\\b|kg)))",
            FLAGS);
    private static final Pattern RANGE_BETWEEN = Pattern.compile(
            "\\b(?:entre|between|from|de)\\s+" + AMOUNT + "\\s*(?:et|and|to|à|a|-)\\s*" + AMOUNT, FLAGS);
    private static final Pattern RANGE_DASH = Pattern.compile(AMOUNT + "\\s?-\\s?" + AMOUNT + "(?=\\s?(?:€|eur|euros?|\\$|dollars?|£))", FLAGS);
    private static final Pattern RANGE_MAX = Pattern.compile(
            "\\b(?:moins\\s+de|max(?:imum)?|pas\\s+plus\\s+de|jusqu'?\\s?[aà]|en\\s+dessous\\s+de|sous|under|below|less\\s+than|at\\s+most|up\\s+to|no\\s+more\\s+than|cheaper\\s+than|budget(?:\\s+(?:de|of|is))?|<)\\s*:?\\s*" + AMOUNT, FLAGS);
    private static final Pattern RANGE_MIN = Pattern.compile(
            "\\b(?:plus\\s+de|au\\s+moins|minimum|min|over|above|more\\s+than|at\\s+least|>)\\s*" + AMOUNT, FLAGS);
    private static final Pattern PRICE_PATTERN = Pattern.compile("(?:" + CUR_BEFORE + NUM + "|" + NUM + CUR_AFTER + ")", FLAGS);
    private static final Pattern DIMENSIONS = Pattern.compile("\\b(\\d{2,3})\\s?[x×*]\\s?(\\d{2,3})(?:\\s?cm)?\\b", FLAGS);
    private static final Pattern SIZE_WORD = Pattern.compile(
            "\\b(?:taille|size|pointure|t\\.)\\s*:?\\s*(xxs|xs|s|m|l|xl|xxl|xxxl|\\d{1,3}(?:[.,]5)?)\\b", FLAGS);
    private static final Pattern LETTER_SIZE = Pattern.compile("\\b(xxs|xs|xl|xxl|xxxl)\\b", FLAGS);
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("un", "1"), Map.entry("une", "1"), Map.entry("deux", "2"), Map.entry("trois", "3"),
            Map.entry("quatre", "4"), Map.entry("cinq", "5"), Map.entry("six", "6"), Map.entry("sept", "7"),
            Map.entry("huit", "8"), Map.entry("dix", "10"), Map.entry("douze", "12"),
            Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"),
            Map.entry("five", "5"), Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("ten", "10"),
            Map.entry("twelve", "12"), Map.entry("couple", "2"), Map.entry("pair", "2"), Map.entry("paire", "2"));
    /** Words too common to name a product on their own, whatever the catalog says. */
    private static final Set<String> STOPWORDS = Set.of(
            "le", "la", "les", "un", "une", "des", "de", "du", "et", "ou", "en", "a", "au", "aux", "pour", "avec", "sans",
            "sur", "the", "an", "of", "and", "or", "for", "with", "in", "on", "to", "my", "mon", "ma", "mes", "ce", "cet",
            "cette", "ces", "est", "is", "it", "il", "elle", "que", "qui", "what", "which", "this", "that", "je", "i",
            "vous", "you", "me", "moi", "se", "ne", "pas", "not", "do", "does", "have", "has", "avez", "combien", "how",
            "much", "many", "prix", "price", "cost", "coute", "stock", "dispo", "disponible", "available", "taille",
            "size", "couleur", "color", "colour", "model", "modele", "version", "produit", "product", "article", "item");

    /**
     * Everyday words of four letters or more that the training sentences may not hold: never read as a typo of a
     * catalog word ("then" is not "tent", "dans" is not "dune").
     */
    private static final Set<String> COMMON_WORDS = Set.of("then", "than", "them", "they", "there", "their", "these",
            "those", "when", "where", "will", "would", "could", "should", "also", "just", "only", "some", "very", "more",
            "most", "less", "like", "want", "need", "here", "from", "into", "over", "your", "yours", "ours", "okay",
            "thanks", "please", "plz", "pls", "else", "other", "another", "same", "such", "much", "many", "still", "even",
            "alors", "aussi", "dans", "leur", "leurs", "mais", "donc", "puis", "quand", "quel", "quelle", "quels",
            "quelles", "votre", "vos", "nous", "sont", "tres", "bien", "merci", "elles", "encore", "autre", "autres",
            "meme", "tout", "tous", "toute", "toutes", "celui", "celle", "ceux", "celles", "cela", "ceci", "comme");

    private static final Set<String> SIZE_WORDS = Set.of("taille", "size", "pointure", "xxs", "xs", "xl", "xxl", "xxxl");

    private final List<Product> products;
    /** Folded name/alias phrases of each product, as token lists. */
    private final List<List<List<String>>> phrases;
    /** Catalog word → the phrases it appears in. */
    private final Map<String, List<PhraseRef>> postings = new HashMap<>();
    private final Set<String> catalogWords = new HashSet<>();
    private final Set<String> ordinaryWords;
    private final Map<String, Integer> documentFrequency;
    /** word or one-deletion of a word → the catalog words it may come from. */
    private final Map<String, Set<String>> deletionIndex;
    private final Map<String, String> categoryByWord;
    private final Map<String, Set<String>> slugWords = new HashMap<>();
    private final Map<String, Set<String>> translatedSlugWords = new HashMap<>();
    private final Map<String, String> catalogColorByConcept;
    private final Map<String, String> catalogSizeByFolded;
    private final Map<String, Product> productBySku;
    /** The catalog's sizes written as ranges ("43-46") or numbers, as [low, high]: a typed "44" is a size then. */
    private final List<double[]> sizeRanges = new ArrayList<>();
    /** The catalog's letter ranges ("s-m", "l-xl"), lower-cased → as the catalog writes them. */
    private final Map<String, String> letterRanges = new LinkedHashMap<>();

    /** A product's name or alias, its words' weights and which of them name it on their own. */
    private record Phrase(int product, String[] words, double[] weights, boolean[] distinctive, double total) {
    }

    private record PhraseRef(Phrase phrase) {
        int wordIndex(String w) {
            String[] words = phrase.words();
            for (int i = 0; i < words.length; i++) {
                if (words[i].equals(w)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PhraseRef r && r.phrase == phrase;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(phrase);
        }
    }

    private EntityExtractor(Catalog catalog, Set<String> ordinaryWords) {
        this.ordinaryWords = Set.copyOf(ordinaryWords);
        this.products = catalog.products();
        this.phrases = new ArrayList<>(products.size());
        this.documentFrequency = new HashMap<>();
        this.deletionIndex = new HashMap<>();
        this.categoryByWord = new HashMap<>();
        this.catalogColorByConcept = new LinkedHashMap<>();
        this.catalogSizeByFolded = new HashMap<>();
        this.productBySku = new HashMap<>();
        for (Product p : products) {
            productBySku.put(p.sku().toLowerCase(Locale.ROOT), p);
            List<List<String>> ps = new ArrayList<>();
            Set<String> words = new HashSet<>();
            addPhrase(ps, words, p.name());
            for (String n : p.names().values()) {
                if (!n.equals(p.name())) {
                    addPhrase(ps, words, n);
                }
            }
            p.aliases().forEach(a -> addPhrase(ps, words, a));
            addPhrase(ps, words, p.sku());
            phrases.add(ps);
            words.forEach(w -> documentFrequency.merge(w, 1, Integer::sum));
            if (p.category() != null) {
                String folded = TextNormalizer.foldPhrase(p.category());
                for (String w : folded.split(" ")) {
                    if (w.length() >= 3 && !STOPWORDS.contains(w)) {
                        slugWords.computeIfAbsent(w, k -> new HashSet<>()).add(p.category());
                        slugWords.computeIfAbsent(singular(w), k -> new HashSet<>()).add(p.category());
                        // "velos-route": "road", "bikes" in English name it too.
                        for (String other : Glossary.get().otherWords(w)) {
                            for (String o : other.split(" ")) {
                                if (o.length() >= 3 && !STOPWORDS.contains(o)) {
                                    translatedSlugWords.computeIfAbsent(o, k -> new HashSet<>()).add(p.category());
                                    translatedSlugWords.computeIfAbsent(singular(o), k -> new HashSet<>()).add(p.category());
                                }
                            }
                        }
                    }
                }
            }
            for (Variant v : p.variants()) {
                if (v.color() != null) {
                    catalogColorByConcept.putIfAbsent(Colors.conceptOfCatalogColor(v.color()), v.color());
                }
                if (v.size() != null) {
                    catalogSizeByFolded.putIfAbsent(TextNormalizer.foldPhrase(v.size()), v.size());
                    String lower = v.size().toLowerCase(Locale.ROOT).trim();
                    if (lower.indexOf('-') > 0 && !Character.isDigit(lower.charAt(0))) {
                        letterRanges.putIfAbsent(lower, v.size());
                    }
                    double[] range = SizeRanges.parse(v.size());
                    if (range != null) {
                        sizeRanges.add(range);
                    }
                }
            }
        }
        // A slug word shared by several categories ("velos" in velos-route and velos-ville) names none of them.
        slugWords.forEach((w, cs) -> {
            if (cs.size() == 1) {
                categoryByWord.put(w, cs.iterator().next());
            }
        });
        translatedSlugWords.forEach((w, cs) -> {
            if (cs.size() == 1 && !slugWords.containsKey(w)) {
                categoryByWord.putIfAbsent(w, cs.iterator().next());
            }
        });
        addCategoryWordsFromNames();
        // The shop's own category labels ("categoryLabels": {"chaussures": {"en": "boots"}}) name their category too.
        catalog.categoryLabels().forEach((category, labels) -> labels.values().forEach(label -> {
            for (Token t : TextNormalizer.tokens(label)) {
                String w = t.text();
                if (w.length() >= 3 && !STOPWORDS.contains(w)) {
                    categoryByWord.putIfAbsent(w, category);
                    categoryByWord.putIfAbsent(singular(w), category);
                }
            }
        }));
        for (String w : documentFrequency.keySet()) {
            indexWord(w);
            catalogWords.add(w);
        }
        for (int p = 0; p < products.size(); p++) {
            // A partial mention must hold a word of the product's name itself: "small" of the alias "small vase" or
            // "cover" of "duvet cover" alone are everyday words ("for a small flat", "a rain cover"), not the product.
            Set<String> nameWords = new HashSet<>();
            for (Token t : TextNormalizer.tokens(products.get(p).name())) {
                nameWords.add(t.text());
            }
            for (String n : products.get(p).names().values()) {
                for (Token t : TextNormalizer.tokens(n)) {
                    nameWords.add(t.text());
                }
            }
            for (List<String> words : phrases.get(p)) {
                String[] ws = words.toArray(new String[0]);
                double[] weights = new double[ws.length];
                boolean[] distinctive = new boolean[ws.length];
                double total = 0;
                for (int i = 0; i < ws.length; i++) {
                    weights[i] = weight(ws[i]);
                    total += weights[i];
                    // "x" or "200" alone do not name "Trail X 200": a telling word has letters, three or more.
                    distinctive[i] = documentFrequency.getOrDefault(ws[i], 0) <= 2 && !categoryByWord.containsKey(ws[i])
                            && ws[i].length() >= 3 && !Character.isDigit(ws[i].charAt(0)) && nameWords.contains(ws[i]);
                }
                Phrase phrase = new Phrase(p, ws, weights, distinctive, total);
                for (String w : new HashSet<>(words)) {
                    postings.computeIfAbsent(w, k -> new ArrayList<>()).add(new PhraseRef(phrase));
                }
            }
        }
        for (String w : categoryByWord.keySet()) {
            indexWord(w);
            catalogWords.add(w);
        }
    }

    /**
     * Category slugs are often French ("tapis") while shoppers write "rugs": a word found in the names or aliases of
     * at least two products of one category and of no product elsewhere ("rug" in "Atlas rug", "Camargue rug") names
     * that category too.
     */
    private void addCategoryWordsFromNames() {
        Map<String, Map<String, Integer>> countByWord = new HashMap<>();
        for (int p = 0; p < products.size(); p++) {
            String category = products.get(p).category();
            Set<String> words = new HashSet<>();
            phrases.get(p).forEach(words::addAll);
            for (String w : words) {
                countByWord.computeIfAbsent(w, k -> new HashMap<>()).merge(category == null ? "" : category, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Map<String, Integer>> e : countByWord.entrySet()) {
            Map<String, Integer> byCategory = e.getValue();
            String w = e.getKey();
            if (byCategory.size() == 1 && w.length() >= 3 && !Character.isDigit(w.charAt(0))) {
                Map.Entry<String, Integer> only = byCategory.entrySet().iterator().next();
                if (!only.getKey().isEmpty() && only.getValue() >= 2 && !categoryByWord.containsKey(w)) {
                    categoryByWord.put(w, only.getKey());
                    categoryByWord.putIfAbsent(singular(w), only.getKey());
                }
            }
        }
    }

    public static EntityExtractor of(Catalog catalog) {
        return new EntityExtractor(catalog, Set.of());
    }

    /**
     * @param ordinaryWords folded words of everyday chat (the training sentences' vocabulary): they are never taken
     *                      for a misspelt product name, which keeps "livrez" from becoming "livre" and saves time
     */
    public static EntityExtractor of(Catalog catalog, Set<String> ordinaryWords) {
        return new EntityExtractor(catalog, ordinaryWords);
    }

    private static void addPhrase(List<List<String>> ps, Set<String> words, String text) {
        List<String> tokens = new ArrayList<>();
        for (Token t : TextNormalizer.tokens(text)) {
            if (!STOPWORDS.contains(t.text())) {
                tokens.add(t.text());
                words.add(t.text());
            }
        }
        if (!tokens.isEmpty()) {
            ps.add(tokens);
        }
    }

    private void indexWord(String w) {
        deletionIndex.computeIfAbsent(w, k -> new HashSet<>()).add(w);
        if (w.length() >= 4) {
            for (int i = 0; i < w.length(); i++) {
                String d = w.substring(0, i) + w.substring(i + 1);
                deletionIndex.computeIfAbsent(d, k -> new HashSet<>()).add(w);
            }
        }
    }

    private static String singular(String w) {
        if (w.length() > 3 && (w.endsWith("s") || w.endsWith("x"))) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** Everything found in {@code text}, in text order, products best match first among products. */
    public Entities extract(String text, List<Token> tokens) {
        List<org.causette.bot.Parse.Entity> found = new ArrayList<>();
        boolean[] taken = new boolean[text.length() + 1];
        // Most chat lines have no digit: every number pattern is skipped for them (the turn budget is microseconds).
        boolean digits = hasDigit(text);
        if (digits) {
            String lower = text.toLowerCase(Locale.ROOT);
            // Lower-casing may change the length of rare letters ("İ"): offsets must stay those of the text.
            String t = lower.length() == text.length() ? lower : text;
            if (mayHoldOrder(t)) {
                findOrders(t, taken, found);
            }
            if (hasAnyWord(tokens, RANGE_WORDS) || t.indexOf('<') >= 0 || t.indexOf('>') >= 0 || t.indexOf('-') >= 0) {
                findRanges(t, taken, found);
            }
            if (hasCurrency(t, tokens)) {
                findPrices(t, taken, found);
            }
            if (t.indexOf('x') >= 0 || t.indexOf('×') >= 0 || t.indexOf('*') >= 0) {
                findDimensions(t, taken, found);
            }
        }
        String[] resolved = resolveAll(tokens);
        // Products before other sizes and quantities: the "200" of "Trail X 200" is part of a name, not a count.
        List<String> productSkus = findProducts(tokens, resolved, taken, found);
        if (mentionsSize(tokens) || !letterRanges.isEmpty() && text.indexOf('-') >= 0) {
            findSizes(text.toLowerCase(Locale.ROOT).length() == text.length() ? text.toLowerCase(Locale.ROOT) : text, taken, found);
        }
        findCapacities(tokens, taken, found);
        if (digits && !sizeRanges.isEmpty()) {
            findBareSizes(text, tokens, taken, found);
        }
        findQuantities(text, tokens, taken, found);
        findColorsAndCategories(tokens, resolved, taken, found);
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new Entities(found, productSkus);
    }

    private static final Set<String> RANGE_WORDS = Set.of("entre", "between", "from", "de", "moins", "max", "maximum",
            "plus", "jusque", "jusqu", "dessous", "sous", "under", "below", "less", "most", "up", "more", "cheaper", "budget",
            "minimum", "min", "over", "above", "least");
    private static final Set<String> CURRENCY_WORDS = Set.of("eur", "euro", "euros", "e", "usd", "dollar", "dollars", "gbp",
            "pound", "pounds", "chf");
    private static final Set<String> UNIT_WORDS = Set.of("cm", "mm", "m", "kg", "g", "l", "ans", "an", "year", "years",
            "jours", "jour", "days", "day", "semaines", "semaine", "weeks", "week", "mois", "month", "months", "h", "heures",
            "hours", "min", "minutes", "places", "place", "seater", "personnes", "persons", "people", "eur", "euro", "euros",
            "e", "usd", "dollar", "dollars", "gbp", "pound", "pounds", "chf");

    /**
     * What each pattern cannot match without (a necessary condition, checked on the same lower-cased text): the first
     * words of its alternatives, or a character every alternative needs.
     */
    private static final String[] ORDER_KEYS = {"#", "-", "command", "order", "cde", "cmd", "num", "n°", "no", "ref", "réf"};
    private static final String[] BETWEEN_KEYS = {"entre", "between", "from", "de"};
    private static final String[] MAX_KEYS = {"moins", "max", "pas", "jusqu", "sous", "under", "below", "less", "at", "up",
            "no", "cheaper", "budget", "<"};
    private static final String[] MIN_KEYS = {"plus", "au", "min", "over", "above", "more", "at", ">"};

    private static boolean containsAny(String text, String[] keys) {
        for (String k : keys) {
            if (text.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** How many runs of ASCII digits (what {@code \\d} matches) the text holds. */
    private static int digitRuns(String text) {
        int runs = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && !in) {
                runs++;
            }
            in = digit;
        }
        return runs;
    }

    /** ORDER needs '#', '-', one of its keywords, or five digits in a row. */
    private static boolean mayHoldOrder(String text) {
        if (containsAny(text, ORDER_KEYS)) {
            return true;
        }
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            if (run >= 5) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAnyWord(List<Token> tokens, Set<String> words) {
        for (Token t : tokens) {
            if (words.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCurrency(String text, List<Token> tokens) {
        return text.indexOf('€') >= 0 || text.indexOf('$') >= 0 || text.indexOf('£') >= 0 || hasAnyWord(tokens, CURRENCY_WORDS)
                || hasGluedCurrency(tokens);
    }

    /** "300e", "300eur": the tokenizer keeps them as one word. */
    private static boolean hasGluedCurrency(List<Token> tokens) {
        for (Token t : tokens) {
            String w = t.text();
            if (Character.isDigit(w.charAt(0)) && (w.endsWith("e") || w.endsWith("eur") || w.endsWith("euros"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsSize(List<Token> tokens) {
        for (Token t : tokens) {
            if (SIZE_WORDS.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    /** Each message word → the catalog word it stands for (exact, or one typo away for unusual words), or null. */
    private String[] resolveAll(List<Token> tokens) {
        String[] resolved = new String[tokens.size()];
        for (int i = 0; i < resolved.length; i++) {
            String w = tokens.get(i).text();
            if (STOPWORDS.contains(w)) {
                continue;
            }
            if (catalogWords.contains(w)) {
                resolved[i] = w;
            } else if (w.length() >= 4 && !ordinaryWords.contains(w) && !COMMON_WORDS.contains(w) && Colors.concept(w) == null) {
                // Nor is a colour ("orange" is not a typo of a product called Orage).
                // Ordinary chat words ("combien", "livrez") are never typos of a product name: no fuzzy look-up.
                resolved[i] = resolve(w);
            }
        }
        return resolved;
    }

    /** Whether a folded word is everyday chat: in the training sentences' vocabulary. */
    public boolean ordinary(String foldedWord) {
        return ordinaryWords.contains(foldedWord);
    }

    /** The result of one extraction: all entities, and the matched products' skus, best first. */
    public record Entities(List<org.causette.bot.Parse.Entity> all, List<String> productSkus) {
        public String first(String type) {
            for (org.causette.bot.Parse.Entity e : all) {
                if (e.type().equals(type)) {
                    return e.value();
                }
            }
            return null;
        }
    }

    private static int tokensWithin(List<Token> tokens, int start, int end) {
        int count = 0;
        for (Token t : tokens) {
            if (t.start() >= start && t.end() <= end) {
                count++;
            }
        }
        return count;
    }

    private static boolean free(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    private static void take(boolean[] taken, int start, int end) {
        for (int i = start; i < end; i++) {
            taken[i] = true;
        }
    }

    private static void add(List<org.causette.bot.Parse.Entity> found, boolean[] taken, String type, String value, int start, int end) {
        found.add(new org.causette.bot.Parse.Entity(type, value, start, end));
        take(taken, start, end);
    }

    private static void findOrders(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        Matcher m = ORDER.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                String v = m.group(g);
                if (v != null && v.chars().filter(Character::isDigit).count() >= 3) {
                    add(found, taken, ORDER_NUMBER, v.toUpperCase(Locale.ROOT), m.start(g), m.end(g));
                    break;
                }
            }
        }
    }

    private static String amount(Matcher m, int firstGroup) {
        String v = m.group(firstGroup) != null ? m.group(firstGroup) : m.group(firstGroup + 1);
        return v == null ? null : number(v);
    }

    private static String number(String v) {
        return new java.math.BigDecimal(v.replace(',', '.')).stripTrailingZeros().toPlainString();
    }

    private static void findRanges(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        // Each pattern runs only when the text holds a word it starts with: the regexes try every position of the
        // line, so skipping one that cannot match saves most of their time and changes nothing.
        Matcher m;
        // Both two-amount patterns need two numbers with something else between them.
        boolean twoNumbers = digitRuns(text) >= 2;
        if (twoNumbers && containsAny(text, BETWEEN_KEYS)) {
            m = RANGE_BETWEEN.matcher(text);
            while (m.find()) {
                if (free(taken, m.start(), m.end())) {
                    add(found, taken, PRICE_RANGE, amount(m, 1) + ".." + amount(m, 3), m.start(), m.end());
                }
            }
        }
        if (twoNumbers && text.indexOf('-') >= 0) {
            m = RANGE_DASH.matcher(text);
            while (m.find()) {
                if (free(taken, m.start(), m.end())) {
                    add(found, taken, PRICE_RANGE, amount(m, 1) + ".." + amount(m, 3), m.start(), m.end());
                }
            }
        }
        if (containsAny(text, MAX_KEYS)) {
            m = RANGE_MAX.matcher(text);
            while (m.find()) {
                if (free(taken, m.start(), m.end())) {
                    add(found, taken, PRICE_RANGE, ".." + amount(m, 1), m.start(), m.end());
                }
            }
        }
        if (!containsAny(text, MIN_KEYS)) {
            return;
        }
        m = RANGE_MIN.matcher(text);
        while (m.find()) {
            // "plus de 2 chaises" is a quantity: an open range needs a currency or a big enough number.
            String v = amount(m, 1);
            String g = m.group();
            boolean money = g.indexOf('€') >= 0 || g.indexOf('$') >= 0 || g.indexOf('£') >= 0 || g.contains("eur")
                    || g.contains("dollar") || Double.parseDouble(v) >= 20;
            if (money && free(taken, m.start(), m.end())) {
                add(found, taken, PRICE_RANGE, v + "..", m.start(), m.end());
            }
        }
    }

    private static void findPrices(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        Matcher m = PRICE_PATTERN.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                add(found, taken, PRICE, amount(m, 1), m.start(), m.end());
            }
        }
    }

    private void findDimensions(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        Matcher m = DIMENSIONS.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                String typed = m.group(1) + "x" + m.group(2);
                add(found, taken, SIZE, catalogSizeByFolded.getOrDefault(typed, typed), m.start(), m.end());
            }
        }
    }

    private void findSizes(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        findRangeSizes(text, taken, found);
        Matcher m = SIZE_WORD.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(1), m.end(1))) {
                String typed = m.group(1);
                String folded = TextNormalizer.foldPhrase(typed);
                add(found, taken, SIZE, catalogSizeByFolded.getOrDefault(folded, typed.toUpperCase(Locale.ROOT)), m.start(1), m.end(1));
            }
        }
        m = LETTER_SIZE.matcher(text);
        while (m.find()) {
            if (free(taken, m.start(), m.end())) {
                String folded = m.group(1).toLowerCase(Locale.ROOT);
                add(found, taken, SIZE, catalogSizeByFolded.getOrDefault(folded, folded.toUpperCase(Locale.ROOT)), m.start(), m.end());
            }
        }
    }

    /**
     * "do u have it in L-XL", "S-M then": the catalog's letter ranges are one size, not "XL" nor "M" alone. Each range is
     * looked for with indexOf, so the cost is the line's length times the few ranges the catalog sells.
     */
    private void findRangeSizes(String text, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        if (letterRanges.isEmpty() || text.indexOf('-') < 0) {
            return;
        }
        for (Map.Entry<String, String> e : letterRanges.entrySet()) {
            String r = e.getKey();
            for (int at = text.indexOf(r); at >= 0; at = text.indexOf(r, at + 1)) {
                int end = at + r.length();
                boolean edges = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
                if (edges && free(taken, at, end)) {
                    add(found, taken, SIZE, e.getValue(), at, end);
                }
            }
        }
    }

    private static final Set<String> CAPACITY_WORDS = Set.of("places", "place", "personnes", "personne", "persons",
            "person", "people", "seater", "seaters", "seats", "couchages", "couchage", "convives", "pers", "pax");

    /** "3 places", "pour 4 personnes", "2-seater", "trois places": a number of places, not a count of items. */
    private static void findCapacities(List<Token> tokens, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            String w = t.text();
            // "une personne grande" is a person, not a capacity of one: "un"/"une" are articles.
            String n = isNumber(w, 0, w.length()) && w.length() <= 2 ? w : w.startsWith("un") ? null : NUMBER_WORDS.get(w);
            if (n == null || !CAPACITY_WORDS.contains(tokens.get(i + 1).text()) || !free(taken, t.start(), t.end())) {
                continue;
            }
            Token unit = tokens.get(i + 1);
            add(found, taken, CAPACITY, String.valueOf(Integer.parseInt(n)), t.start(), unit.end());
        }
    }

    /**
     * "et en 42 ?", "got them in 44?": a bare number the catalog sells as a size (exactly, or inside a range like
     * "43-46") is a size, unless a unit follows it. The value is the catalog's size when one is written that way,
     * else the number as typed (each product then matches it against its own ranges).
     */
    private void findBareSizes(String text, List<Token> tokens, boolean[] taken, List<org.causette.bot.Parse.Entity> found) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String w = t.text();
            if (!isNumber(w, 0, w.length()) || w.length() > 3 || !free(taken, t.start(), t.end())) {
                continue;
            }
            if (i + 1 < tokens.size() && UNIT_WORDS.contains(tokens.get(i + 1).text())) {
                continue;
            }
            boolean decimalOrPercent = t.end() < text.length() && (text.charAt(t.end()) == '%'
                    || (text.charAt(t.end()) == ',' || text.charAt(t.end()) == '.') && t.end() + 1 < text.length()
                    && Character.isDigit(text.charAt(t.end() + 1)));
            if (decimalOrPercent) {
                continue;
            }
            double v = Integer.parseInt(w);
            String exact = catalogSizeByFolded.get(w);
            boolean inRange = false;
            for (double[] r : sizeRanges) {
                inRange |= v >= r[0] && v <= r[1];
            }
            if (exact != null || inRange) {
                add(found, taken, SIZE, exact != null ? exact : w, t.start(), t.end());
            }
        }
    }

    /**
     * Counts: "2 fauteuils", "x3", "3x", "deux lampes". A number is a count unless something already took it (a
     * price, an order, a size, a product name) or a unit follows it ("3 ans", "2 places", "10 cm").
     */
    private static void findQuantities(String text, List<Token> tokens, boolean[] taken,
                                       List<org.causette.bot.Parse.Entity> found) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!free(taken, t.start(), t.end())) {
                continue;
            }
            String w = t.text();
            String value = null;
            if (isNumber(w, 0, w.length()) && w.length() <= 3) {
                boolean decimal = t.end() + 1 < text.length() && (text.charAt(t.end()) == ',' || text.charAt(t.end()) == '.')
                        && Character.isDigit(text.charAt(t.end() + 1));
                boolean unit = i + 1 < tokens.size() && UNIT_WORDS.contains(tokens.get(i + 1).text());
                boolean percent = t.end() < text.length() && text.charAt(t.end()) == '%';
                if (!decimal && !unit && !percent) {
                    value = w;
                }
            } else if (w.length() >= 2 && w.length() <= 4 && (w.charAt(0) == 'x' && isNumber(w, 1, w.length())
                    || w.charAt(w.length() - 1) == 'x' && isNumber(w, 0, w.length() - 1))) {
                value = w.charAt(0) == 'x' ? w.substring(1) : w.substring(0, w.length() - 1);
            } else {
                String n = NUMBER_WORDS.get(w);
                // "un"/"une" are articles far more often than counts.
                if (n != null && !w.startsWith("un") && i + 1 < tokens.size()) {
                    value = n;
                }
            }
            if (value != null) {
                int q = Integer.parseInt(value);
                if (q > 0) {
                    add(found, taken, QUANTITY, String.valueOf(q), t.start(), t.end());
                }
            }
        }
    }

    private static boolean isNumber(String w, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private List<String> findProducts(List<Token> tokens, String[] resolved, boolean[] taken,
                                      List<org.causette.bot.Parse.Entity> found) {
        // Only phrases sharing a word with the message are scored: cost follows the message, not the catalog.
        Map<PhraseRef, double[]> hits = null;
        for (int i = 0; i < resolved.length; i++) {
            String w = resolved[i];
            if (w == null) {
                continue;
            }
            Token t = tokens.get(i);
            if (!free(taken, t.start(), t.end())) {
                continue;
            }
            List<PhraseRef> refs = postings.get(w);
            if (refs == null) {
                continue;
            }
            if (hits == null) {
                // In the order phrases are first hit: two phrases of one product with the same score and weight
                // ("ondine" and "pillowcase") tie, and the first one kept must not depend on identity hash codes
                // (with a HashMap the reported span changed from one JVM to the next).
                hits = new java.util.LinkedHashMap<>();
            }
            for (PhraseRef ref : refs) {
                // [matched weight, start, end, distinctive, word indexes counted (bits), distinctive start, distinctive end]
                double[] h = hits.computeIfAbsent(ref, k -> new double[]{0, Integer.MAX_VALUE, -1, 0, 0, Integer.MAX_VALUE, -1});
                int wordIndex = ref.wordIndex(w);
                // Each word of a name counts once: "the Milo sofa bed or the Cassis sofa" names "sofa bed" once, and
                // the second "sofa" must not stretch that mention over the Cassis.
                long bit = wordIndex < 62 ? 1L << wordIndex : 0;
                long counted = (long) h[4];
                if ((counted & bit) != 0) {
                    continue;
                }
                h[0] += ref.phrase().weights()[wordIndex];
                h[1] = Math.min(h[1], t.start());
                h[2] = Math.max(h[2], t.end());
                if (ref.phrase().distinctive()[wordIndex]) {
                    h[3] = 1;
                    h[5] = Math.min(h[5], t.start());
                    h[6] = Math.max(h[6], t.end());
                }
                h[4] = counted | bit;
            }
        }
        if (hits == null) {
            return List.of();
        }
        record Match(int product, double score, double weight, int start, int end) {
        }
        Map<Integer, Match> best = new HashMap<>();
        for (Map.Entry<PhraseRef, double[]> e : hits.entrySet()) {
            double[] h = e.getValue();
            Phrase phrase = e.getKey().phrase();
            double score = h[0] / phrase.total();
            if (!(score >= 0.99 || (h[3] > 0 && score >= 0.3))) {
                continue;
            }
            int start = (int) h[1];
            int end = (int) h[2];
            // Words of one name far apart are not one mention: in "le canapé Cassis et le Léman", "canapé léman" must
            // not swallow Cassis. Then the name's distinctive words alone mark where it is.
            if (h[3] > 0 && tokensWithin(tokens, start, end) > phrase.words().length + 1) {
                start = (int) h[5];
                end = (int) h[6];
            }
            Match m = new Match(phrase.product(), score, h[0], start, end);
            best.merge(m.product(), m, (a, b) -> a.score() > b.score() || (a.score() == b.score() && a.weight() >= b.weight()) ? a : b);
        }
        List<Match> matches = new ArrayList<>(best.values());
        // Keep the best product per overlapping span: "trail x 200" must not also report "trail x 100".
        matches.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : a.weight() != b.weight() ? Double.compare(b.weight(), a.weight()) : Integer.compare(a.product(), b.product()));
        List<String> skus = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (Match m : matches) {
            boolean overlaps = false;
            for (int[] sp : spans) {
                if (m.start() < sp[1] && sp[0] < m.end()) {
                    overlaps = true;
                    break;
                }
            }
            if (overlaps) {
                continue;
            }
            spans.add(new int[]{m.start(), m.end()});
            Product product = products.get(m.product());
            skus.add(product.sku());
            found.add(new org.causette.bot.Parse.Entity(PRODUCT, product.sku(), m.start(), m.end()));
        }
        for (int[] sp : spans) {
            take(taken, sp[0], sp[1]);
        }
        // Text order, so "compare Oslo and Bergen" lists Oslo first.
        List<String> ordered = new ArrayList<>(skus);
        ordered.sort((a, b) -> Integer.compare(startOf(found, a), startOf(found, b)));
        return ordered;
    }

    private static int startOf(List<org.causette.bot.Parse.Entity> found, String sku) {
        for (org.causette.bot.Parse.Entity e : found) {
            if (e.type().equals(PRODUCT) && e.value().equals(sku)) {
                return e.start();
            }
        }
        return Integer.MAX_VALUE;
    }

    private double weight(String word) {
        int df = documentFrequency.getOrDefault(word, 1);
        double w = Math.log(1.0 + (double) products.size() / df);
        return categoryByWord.containsKey(word) ? w * 0.5 : w;
    }

    /** The catalog word a message word stands for, exactly or one edit away (words of 4+ letters), or null. */
    private String resolve(String word) {
        Set<String> exact = deletionIndex.get(word);
        if (exact != null && exact.contains(word)) {
            return word;
        }
        if (word.length() < 4) {
            return null;
        }
        String best = null;
        if (exact != null) {
            // the word is a catalog word with one letter deleted ("bivoac" → "bivouac")
            for (String c : exact) {
                best = pick(best, c, word);
            }
        }
        for (int i = 0; i < word.length(); i++) {
            String d = word.substring(0, i) + word.substring(i + 1);
            Set<String> cands = deletionIndex.get(d);
            if (cands != null) {
                for (String c : cands) {
                    if (c.length() <= word.length()) {
                        best = pick(best, c, word);
                    }
                }
            }
        }
        return best;
    }

    private static String pick(String current, String candidate, String word) {
        if (Math.abs(candidate.length() - word.length()) > 1) {
            return current;
        }
        if (current == null || candidate.compareTo(current) < 0) {
            return candidate;
        }
        return current;
    }

    private void findColorsAndCategories(List<Token> tokens, String[] resolved, boolean[] taken,
                                         List<org.causette.bot.Parse.Entity> found) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!free(taken, t.start(), t.end())) {
                continue;
            }
            String concept = Colors.concept(t.text());
            if (concept == null && resolved[i] == null && t.text().length() >= 3 && !ordinaryWords.contains(t.text())) {
                concept = Colors.closeConcept(t.text()); // "gri", "blu": a colour with a letter missing
            }
            if (concept != null) {
                add(found, taken, COLOR, catalogColorByConcept.getOrDefault(concept, t.text()), t.start(), t.end());
                continue;
            }
            String category = categoryByWord.get(t.text());
            if (category == null && t.text().length() > 3) {
                category = categoryByWord.get(singular(t.text()));
            }
            if (category == null && resolved[i] != null) {
                category = categoryByWord.get(resolved[i]);
            }
            if (category != null) {
                add(found, taken, CATEGORY, category, t.start(), t.end());
            }
        }
    }

    /** Whether a catalog colour and a colour entity are the same colour ("gris clair" and "gris", "navy" and "bleu"). */
    public static boolean sameColor(String catalogColor, String color) {
        return Colors.conceptOfCatalogColor(catalogColor).equals(Colors.conceptOfCatalogColor(color));
    }

    /** The product with this sku (any case), or null. */
    public Product product(String sku) {
        return sku == null ? null : productBySku.get(sku.toLowerCase(Locale.ROOT));
    }
}
