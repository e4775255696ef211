package org.causette.bot;

import java.util.List;

/**
 * A product card.
 *
 * @param price the price as the shopper should read it, formatted in the shop's currency and the turn's language
 *              ("299,00 €", "€299.00"); a sale shows the sale price
 */
public record Card(String sku, String title, String subtitle, String price, String imageUrl, String url, List<CardButton> buttons) {
    public Card {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
