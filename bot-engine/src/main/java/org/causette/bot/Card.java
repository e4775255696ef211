package org.causette.bot;

import java.util.List;

/**
 * A product card.
 *
 * @param price        the price as the shopper should read it, formatted in the shop's currency and the turn's
 *                     language ("299,00 €", "€299.00"); a sale shows the sale price
 * @param regularPrice during a sale, the price before it (to show struck through); otherwise null and left out of JSON
 */
public record Card(String sku, String title, String subtitle, String price,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                   String regularPrice,
                   String imageUrl, String url, List<CardButton> buttons) {
    public Card {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A card without a sale. */
    public Card(String sku, String title, String subtitle, String price, String imageUrl, String url, List<CardButton> buttons) {
        this(sku, title, subtitle, price, null, imageUrl, url, buttons);
    }
}
