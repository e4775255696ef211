package org.causette.bot.dialogue;

import org.causette.bot.knowledge.Product;
import org.causette.bot.knowledge.SiteKnowledge;
import org.causette.bot.knowledge.Variant;
import org.causette.bot.nlu.TextNormalizer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The catalog's own strings as the answers use them, worked out once at site load: prices in both formats, restock
 * dates, English colour names, folded colours, sizes and attribute values. Every answer used to recompute them (a
 * {@code BigDecimal} format, a {@code DateTimeFormatter}, a regex split and a fold per value), which was most of
 * {@link Replies}' time. Each method gives exactly what its plain computation gives, and falls back to that
 * computation for a value that is not the catalog's own (a shopper's budget, a colour the shop does not sell).
 * Immutable after construction and thread-safe.
 */
final class CatalogWords {
    private final String currency;
    /** The catalog's price objects (by identity: they are the records' own fields) → {French, English} format. */
    private final Map<BigDecimal, String[]> money = new IdentityHashMap<>();
    private final Map<LocalDate, String[]> dates = new IdentityHashMap<>();
    /** Catalog colour → its English name. */
    private final Map<String, String> englishColors = new HashMap<>();
    /** Catalog colour, size or string attribute value → folded. */
    private final Map<String, String> folded = new HashMap<>();
    /** String attribute value → " " + folded + " ", to find a whole word in it. */
    private final Map<String, String> paddedValues = new HashMap<>();
    /** Attribute key → the first word of its folded name ("largeur_cm" → "largeur"). */
    private final Map<String, String> attributeHeads = new HashMap<>();

    CatalogWords(SiteKnowledge site) {
        this.currency = site.currency();
        for (Product p : site.catalog().products()) {
            addMoney(p.price());
            if (p.salePrice() != null) {
                addMoney(p.salePrice());
            }
            for (Variant v : p.variants()) {
                if (v.color() != null) {
                    englishColors.put(v.color(), ColorNames.in(v.color(), "en"));
                    addFolded(v.color());
                }
                if (v.size() != null) {
                    addFolded(v.size());
                }
                if (v.restockDate() != null) {
                    dates.put(v.restockDate(), new String[]{Formats.date(v.restockDate(), "fr"), Formats.date(v.restockDate(), "en")});
                }
            }
            for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
                attributeHeads.computeIfAbsent(e.getKey(), CatalogWords::attributeHeadOf);
                if (e.getValue() instanceof String s) {
                    addFolded(s);
                    paddedValues.computeIfAbsent(s, v -> " " + TextNormalizer.foldPhrase(v) + " ");
                }
            }
        }
    }

    private void addMoney(BigDecimal amount) {
        money.put(amount, new String[]{Formats.money(amount, currency, "fr"), Formats.money(amount, currency, "en")});
    }

    private void addFolded(String s) {
        folded.computeIfAbsent(s, TextNormalizer::foldPhrase);
    }

    /** {@code Formats.money(amount, currency, lang)}: only "fr" is formatted the French way. */
    String money(BigDecimal amount, String lang) {
        String[] known = money.get(amount);
        if (known == null) {
            return Formats.money(amount, currency, lang);
        }
        return "fr".equals(lang) ? known[0] : known[1];
    }

    /** {@code Formats.date(date, lang)}. */
    String date(LocalDate date, String lang) {
        String[] known = dates.get(date);
        if (known == null) {
            return Formats.date(date, lang);
        }
        return "fr".equals(lang) ? known[0] : known[1];
    }

    /** {@code ColorNames.in(color, lang)}. */
    String color(String color, String lang) {
        if (color == null || !"en".equals(lang)) {
            return color;
        }
        String known = englishColors.get(color);
        return known != null ? known : ColorNames.in(color, lang);
    }

    /** {@code TextNormalizer.foldPhrase(s)}. */
    String fold(String s) {
        String known = folded.get(s);
        return known != null ? known : TextNormalizer.foldPhrase(s);
    }

    /** {@code " " + TextNormalizer.foldPhrase(value) + " "}. */
    String paddedFold(String value) {
        String known = paddedValues.get(value);
        return known != null ? known : " " + TextNormalizer.foldPhrase(value) + " ";
    }

    /** The first word of an attribute's folded name, which a question must name to ask for that attribute. */
    String attributeHead(String key) {
        String known = attributeHeads.get(key);
        return known != null ? known : attributeHeadOf(key);
    }

    private static String attributeHeadOf(String key) {
        return TextNormalizer.foldPhrase(key.replace('_', ' ')).split(" ")[0];
    }
}
