package org.causette.bot.knowledge;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the JSON trees of catalog.json and faq.json into validated knowledge. The caller reads the files and has
 * already replaced {@code env:NAME} strings; every problem is an {@link InvalidKnowledgeException} naming file and field.
 *
 * <p>Validation is strict on what the bot relies on (skus, prices, stock, dates, references between products,
 * hand-over targets) and lenient on the rest: unknown fields are ignored so a shop can keep its own data in the files.
 */
public final class KnowledgeLoader {
    /** Skus travel in payloads ({@code PRODUCT:SKU}, {@code INTENT:x|SKU}), so they must not contain the separators. */
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Intent ids travel in payloads and metrics labels. */
    private static final Pattern INTENT_ID = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Set<String> ESCALATIONS = Set.of("agent", "ambassador");

    private KnowledgeLoader() {
    }

    /** @param file the file's name for error messages, e.g. "catalog.json" */
    public static Catalog catalog(JsonNode root, String file) {
        Reader r = new Reader(file);
        r.requireObject(root, "");
        JsonNode products = r.required(root, "", "products");
        r.requireArray(products, "products");
        List<Product> result = new ArrayList<>(products.size());
        Map<String, String> skuOwners = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            result.add(product(r, products.get(i), "products[" + i + "]", skuOwners));
        }
        // References are checked once every sku is known, since a product may point to a later one.
        Set<String> productSkus = new HashSet<>();
        result.forEach(p -> productSkus.add(p.sku()));
        for (int i = 0; i < result.size(); i++) {
            List<String> related = result.get(i).related();
            for (int j = 0; j < related.size(); j++) {
                String sku = related.get(j);
                String path = "products[" + i + "].related[" + j + "]";
                if (!productSkus.contains(sku)) {
                    throw r.invalid(path, skuOwners.containsKey(sku)
                            ? "'" + sku + "' is a variant sku; related must name products"
                            : "no product has the sku '" + sku + "'");
                }
                if (sku.equals(result.get(i).sku())) {
                    throw r.invalid(path, "a product cannot be related to itself");
                }
            }
        }
        Map<String, Map<String, String>> attributeLabels = labelMaps(r, root.get("attributeLabels"), "attributeLabels");
        Map<String, Map<String, String>> categoryLabels = labelMaps(r, root.get("categoryLabels"), "categoryLabels");
        return new Catalog(result, attributeLabels, categoryLabels);
    }

    /** {@code {"key": {"fr": "…", "en": "…"}}}: labels by key and language, each a non-blank string. */
    private static Map<String, Map<String, String>> labelMaps(Reader r, JsonNode node, String path) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        r.requireObject(node, path);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), languageStrings(r, e.getValue(), path + "." + e.getKey()));
        }
        return out;
    }

    /** @param file the file's name for error messages, e.g. "faq.json" */
    public static Faq faq(JsonNode root, String file) {
        Reader r = new Reader(file);
        r.requireObject(root, "");
        JsonNode intents = r.required(root, "", "intents");
        r.requireArray(intents, "intents");
        List<FaqIntent> result = new ArrayList<>(intents.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < intents.size(); i++) {
            String path = "intents[" + i + "]";
            JsonNode node = intents.get(i);
            r.requireObject(node, path);
            String id = r.string(node, path, "id", true);
            if (!INTENT_ID.matcher(id).matches()) {
                throw r.invalid(path + ".id", "'" + id + "' must be lower-case letters, digits and '_', starting with a letter");
            }
            if (!ids.add(id)) {
                throw r.invalid(path + ".id", "duplicate intent id '" + id + "'");
            }
            Map<String, List<String>> examples = examples(r, node.get("examples"), path + ".examples");
            Map<String, String> answer = languageStrings(r, node.get("answer"), path + ".answer");
            List<FaqIntent.FaqQuickReply> quickReplies = quickReplies(r, node.get("quickReplies"), path + ".quickReplies");
            String escalate = r.string(node, path, "escalate", false);
            if (escalate != null && !ESCALATIONS.contains(escalate)) {
                throw r.invalid(path + ".escalate", "must be null, \"agent\" or \"ambassador\", not '" + escalate + "'");
            }
            String skill = r.string(node, path, "skill", false);
            if (skill != null && skill.isBlank()) {
                throw r.invalid(path + ".skill", "must not be blank (use null for anyone)");
            }
            if (escalate == null && answer.isEmpty() && !isBuiltInWithoutAnswerNeeded(id)) {
                throw r.invalid(path + ".answer", "an intent the bot answers (escalate null) needs an answer");
            }
            Map<String, String> title = title(r, node.get("title"), path + ".title");
            result.add(new FaqIntent(id, examples, answer, quickReplies, escalate, skill, title));
        }
        return new Faq(result);
    }

    /**
     * Built-in intents may be listed only to add examples: their answer comes from the catalog, a hand-over, or (policy
     * intents without an answer) an offer of a human.
     */
    private static boolean isBuiltInWithoutAnswerNeeded(String id) {
        return BuiltInIntents.isBuiltIn(id);
    }

    private static Product product(Reader r, JsonNode node, String path, Map<String, String> skuOwners) {
        r.requireObject(node, path);
        String sku = r.sku(node, path, "sku");
        claimSku(r, skuOwners, sku, path + ".sku");
        // "name" is a string, or an object by language ({"fr": "Fauteuil Oslo", "en": "Oslo armchair"}).
        Map<String, String> names = Map.of();
        String name;
        JsonNode nameNode = node.get("name");
        if (nameNode != null && nameNode.isObject()) {
            names = languageStrings(r, nameNode, path + ".name");
            if (names.isEmpty()) {
                throw r.invalid(path + ".name", "needs a name in at least one language");
            }
            name = names.values().iterator().next();
        } else {
            name = r.string(node, path, "name", true);
        }
        List<String> aliases = r.stringList(node.get("aliases"), path + ".aliases");
        String category = r.string(node, path, "category", false);
        BigDecimal price = r.money(node, path, "price", true);
        BigDecimal salePrice = r.money(node, path, "salePrice", false);
        if (salePrice != null && salePrice.compareTo(price) > 0) {
            throw r.invalid(path + ".salePrice", "sale price " + salePrice.toPlainString() + " is above the price " + price.toPlainString());
        }
        String url = r.url(node, path, "url");
        String imageUrl = r.url(node, path, "imageUrl");
        Map<String, String> description = languageStrings(r, node.get("description"), path + ".description");
        Map<String, Object> attributes = attributes(r, node.get("attributes"), path + ".attributes");
        JsonNode variantsNode = node.get("variants");
        List<Variant> variants = new ArrayList<>();
        if (variantsNode != null && !variantsNode.isNull()) {
            r.requireArray(variantsNode, path + ".variants");
            for (int v = 0; v < variantsNode.size(); v++) {
                String vPath = path + ".variants[" + v + "]";
                JsonNode vn = variantsNode.get(v);
                r.requireObject(vn, vPath);
                String vSku = r.sku(vn, vPath, "sku");
                claimSku(r, skuOwners, vSku, vPath + ".sku");
                String color = r.string(vn, vPath, "color", false);
                String size = r.scalarString(vn, vPath, "size");
                int stock = r.stock(vn, vPath);
                LocalDate restock = r.date(vn, vPath, "restockDate");
                variants.add(new Variant(vSku, color, size, stock, restock));
            }
        }
        List<String> related = r.stringList(node.get("related"), path + ".related");
        return new Product(sku, name, aliases, category, price, salePrice, url, imageUrl, description, attributes, variants, related, names);
    }

    private static void claimSku(Reader r, Map<String, String> owners, String sku, String path) {
        String previous = owners.putIfAbsent(sku, path);
        if (previous != null) {
            throw r.invalid(path, "duplicate sku '" + sku + "' (already used at " + previous + ")");
        }
    }

    private static Map<String, Object> attributes(Reader r, JsonNode node, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        r.requireObject(node, path);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            String p = path + "." + e.getKey();
            if (e.getKey().isBlank()) {
                throw r.invalid(p, "attribute names must not be blank");
            }
            if (v.isTextual()) {
                out.put(e.getKey(), v.textValue());
            } else if (v.isNumber()) {
                out.put(e.getKey(), r.decimal(v, p).stripTrailingZeros());
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.booleanValue());
            } else if (!v.isNull()) {
                throw r.invalid(p, "must be a string, a number or a boolean");
            }
        }
        return out;
    }

    private static Map<String, String> languageStrings(Reader r, JsonNode node, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        r.requireObject(node, path);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path + "." + e.getKey();
            r.requireLanguage(e.getKey(), p);
            if (!e.getValue().isTextual()) {
                throw r.invalid(p, "must be a string");
            }
            if (e.getValue().textValue().isBlank()) {
                throw r.invalid(p, "must not be blank");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** faq.json's optional {@code title}: the name staff read, in the console's languages (French, English). */
    private static Map<String, String> title(Reader r, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        Map<String, String> title = languageStrings(r, node, path);
        if (title.isEmpty()) {
            throw r.invalid(path, "needs a title in at least one language, as {\"fr\": …, \"en\": …}");
        }
        Map<String, String> stripped = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : title.entrySet()) {
            if (!e.getKey().equals("fr") && !e.getKey().equals("en")) {
                throw r.invalid(path + "." + e.getKey(), "is not a language of the console (fr, en)");
            }
            if (e.getValue().strip().length() > FaqIntent.MAX_TITLE_LENGTH) {
                throw r.invalid(path + "." + e.getKey(), "must be at most " + FaqIntent.MAX_TITLE_LENGTH + " characters");
            }
            stripped.put(e.getKey(), e.getValue().strip());
        }
        return stripped;
    }

    private static Map<String, List<String>> examples(Reader r, JsonNode node, String path) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        r.requireObject(node, path);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path + "." + e.getKey();
            r.requireLanguage(e.getKey(), p);
            List<String> list = r.stringList(e.getValue(), p);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isBlank()) {
                    throw r.invalid(p + "[" + i + "]", "must not be blank");
                }
            }
            out.put(e.getKey(), list);
        }
        return out;
    }

    private static List<FaqIntent.FaqQuickReply> quickReplies(Reader r, JsonNode node, String path) {
        List<FaqIntent.FaqQuickReply> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        r.requireArray(node, path);
        for (int i = 0; i < node.size(); i++) {
            String p = path + "[" + i + "]";
            JsonNode q = node.get(i);
            r.requireObject(q, p);
            JsonNode titleNode = r.required(q, p, "title");
            Map<String, String> title = languageStrings(r, titleNode, p + ".title");
            if (title.isEmpty()) {
                throw r.invalid(p + ".title", "needs a title in at least one language");
            }
            String payload = r.string(q, p, "payload", true);
            if (payload.isBlank() || payload.length() > 1000) {
                throw r.invalid(p + ".payload", "must be 1 to 1000 characters");
            }
            out.add(new FaqIntent.FaqQuickReply(title, payload));
        }
        return out;
    }

    /** Field readers that know the file they read, so every error names it. */
    private record Reader(String file) {
        InvalidKnowledgeException invalid(String field, String problem) {
            return new InvalidKnowledgeException(file, field.isEmpty() ? "(root)" : field, problem);
        }

        void requireObject(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw invalid(path, "must be a JSON object");
            }
        }

        void requireArray(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw invalid(path, "must be a JSON array");
            }
        }

        void requireLanguage(String code, String path) {
            if (!LANGUAGE.matcher(code).matches()) {
                throw invalid(path, "'" + code + "' is not a two-letter language code");
            }
        }

        JsonNode required(JsonNode parent, String path, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                throw invalid(join(path, name), "is required");
            }
            return n;
        }

        String string(JsonNode parent, String path, String name, boolean required) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                if (required) {
                    throw invalid(join(path, name), "is required");
                }
                return null;
            }
            if (!n.isTextual()) {
                throw invalid(join(path, name), "must be a string");
            }
            if (required && n.textValue().isBlank()) {
                throw invalid(join(path, name), "must not be blank");
            }
            return n.textValue();
        }

        /** Sizes are often written as numbers (42) in exports: accept both and keep the text. */
        String scalarString(JsonNode parent, String path, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isTextual()) {
                return n.textValue();
            }
            if (n.isNumber()) {
                return decimal(n, join(path, name)).stripTrailingZeros().toPlainString();
            }
            throw invalid(join(path, name), "must be a string or a number");
        }

        /**
         * A number as a decimal. A literal too large for a double (1e400) reads as infinity, which has no decimal
         * value: a precise error instead of a NumberFormatException (found by SiteFilesFuzzTest).
         */
        BigDecimal decimal(JsonNode n, String path) {
            if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
                throw invalid(path, "must be a finite number, not " + n.asText());
            }
            return n.decimalValue();
        }

        String sku(JsonNode parent, String path, String name) {
            String sku = string(parent, path, name, true);
            if (!SKU.matcher(sku).matches()) {
                throw invalid(join(path, name), "'" + sku + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            return sku;
        }

        BigDecimal money(JsonNode parent, String path, String name, boolean required) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                if (required) {
                    throw invalid(join(path, name), "is required");
                }
                return null;
            }
            if (!n.isNumber()) {
                throw invalid(join(path, name), "must be a number");
            }
            BigDecimal v = decimal(n, join(path, name));
            if (v.signum() < 0) {
                throw invalid(join(path, name), "must not be negative");
            }
            return v;
        }

        int stock(JsonNode parent, String path) {
            JsonNode n = parent.get("stock");
            if (n == null || n.isNull()) {
                throw invalid(join(path, "stock"), "is required");
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw invalid(join(path, "stock"), "must be a whole number");
            }
            if (n.intValue() < 0) {
                throw invalid(join(path, "stock"), "must not be negative");
            }
            return n.intValue();
        }

        LocalDate date(JsonNode parent, String path, String name) {
            String s = string(parent, path, name, false);
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw invalid(join(path, name), "'" + s + "' is not a date like 2026-12-15");
            }
        }

        String url(JsonNode parent, String path, String name) {
            String s = string(parent, path, name, false);
            if (s != null && !(s.startsWith("https://") || s.startsWith("http://") || s.startsWith("/"))) {
                throw invalid(join(path, name), "'" + s + "' must be an http(s) URL or a path starting with /");
            }
            return s;
        }

        List<String> stringList(JsonNode node, String path) {
            List<String> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            requireArray(node, path);
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw invalid(path + "[" + i + "]", "must be a string");
                }
                out.add(node.get(i).textValue());
            }
            return out;
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
