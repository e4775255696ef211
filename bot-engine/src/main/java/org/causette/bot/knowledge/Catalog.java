package org.causette.bot.knowledge;

import java.util.List;
import java.util.Optional;

/** A shop's products, in the order of its catalog.json. */
public record Catalog(List<Product> products) {
    public static final Catalog EMPTY = new Catalog(List.of());

    public Catalog {
        products = List.copyOf(products);
    }

    public Optional<Product> bySku(String sku) {
        return products.stream().filter(p -> p.sku().equals(sku)).findFirst();
    }
}
