package org.causette.bot.knowledge;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One product of the catalog (docs/site-files.md, catalog.json).
 *
 * @param name        the product's name as catalog.json gives it (with a per-language {@code name} object: the
 *                    first language written there)
 * @param salePrice   the current sale price, or null when not on sale
 * @param description by language code
 * @param attributes  free attributes; values are strings, numbers or booleans
 * @param related     skus of related products
 * @param names       the name by language code when catalog.json writes {@code "name": {"fr": …, "en": …}}; else empty
 */
public record Product(String sku, String name, List<String> aliases, String category, BigDecimal price,
                      BigDecimal salePrice, String url, String imageUrl, Map<String, String> description,
                      Map<String, Object> attributes, List<Variant> variants, List<String> related,
                      Map<String, String> names) {
    public Product {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        description = description == null ? Map.of() : OrderedMaps.copyOf(description);
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        variants = variants == null ? List.of() : List.copyOf(variants);
        related = related == null ? List.of() : List.copyOf(related);
        names = names == null ? Map.of() : OrderedMaps.copyOf(names);
    }

    /** A product with one name for every language. */
    public Product(String sku, String name, List<String> aliases, String category, BigDecimal price,
                   BigDecimal salePrice, String url, String imageUrl, Map<String, String> description,
                   Map<String, Object> attributes, List<Variant> variants, List<String> related) {
        this(sku, name, aliases, category, price, salePrice, url, imageUrl, description, attributes, variants, related, Map.of());
    }

    /** The price a shopper pays today. */
    public BigDecimal currentPrice() {
        return salePrice != null ? salePrice : price;
    }

    public int totalStock() {
        return variants.stream().mapToInt(Variant::stock).sum();
    }
}
