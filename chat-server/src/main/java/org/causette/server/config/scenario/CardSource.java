package org.causette.server.config.scenario;

import java.util.List;

/**
 * Which product cards a variant's message carries (at most {@link #MAX}), built from the site's catalog like the bot's.
 *
 * @param skus for {@link Kind#LIST}: the products, in order
 */
public record CardSource(Kind kind, List<String> skus) {
    public static final int MAX = 3;
    public static final CardSource NONE = new CardSource(Kind.NONE, List.of());

    public enum Kind {
        /** No cards. */
        NONE,
        /** The products of the visitor's last cart update ({@code data.items[].sku}). */
        CART,
        /** The related products of what is in the cart, else of the product whose page the visitor is viewing. */
        RELATED,
        /** These SKUs of the catalog. */
        LIST
    }

    public CardSource {
        skus = List.copyOf(skus);
    }
}
