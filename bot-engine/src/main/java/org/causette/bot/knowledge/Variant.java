package org.causette.bot.knowledge;

import java.time.LocalDate;

/** A variant of a product; {@code color}, {@code size} and {@code restockDate} may be null. */
public record Variant(String sku, String color, String size, int stock, LocalDate restockDate) {
}
