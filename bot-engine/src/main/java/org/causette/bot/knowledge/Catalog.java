package org.causette.bot.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shop's products, in the order of its catalog.json, and the optional labels the shop gives its attribute keys and
 * categories per language ({@code "attributeLabels": {"largeur_cm": {"fr": "Largeur", "en": "Width"}}},
 * {@code "categoryLabels": {"canapes": {"fr": "canapés", "en": "sofas"}}}).
 */
public record Catalog(List<Product> products, Map<String, Map<String, String>> attributeLabels,
                      Map<String, Map<String, String>> categoryLabels) {
    public static final Catalog EMPTY = new Catalog(List.of());

    public Catalog {
        products = List.copyOf(products);
        attributeLabels = copy(attributeLabels);
        categoryLabels = copy(categoryLabels);
    }

    public Catalog(List<Product> products) {
        this(products, Map.of(), Map.of());
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> labels) {
        if (labels == null) {
            return Map.of();
        }
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(k, OrderedMaps.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    public Optional<Product> bySku(String sku) {
        return products.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }

    /** The shop's own label for an attribute key in that language, or null. */
    public String attributeLabel(String key, String language) {
        Map<String, String> l = attributeLabels.get(key);
        return l == null ? null : l.get(language);
    }

    /** The shop's own label for a category in that language, or null. */
    public String categoryLabel(String category, String language) {
        Map<String, String> l = categoryLabels.get(category);
        return l == null ? null : l.get(language);
    }
}
