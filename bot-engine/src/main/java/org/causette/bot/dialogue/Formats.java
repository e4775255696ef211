package org.causette.bot.dialogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Prices and dates as a shopper of each language reads them: "1 349,00 €" and "15 décembre 2026" in French,
 * "€1,349.00" and "December 15, 2026" in English.
 *
 * <p>Written out rather than left to {@code NumberFormat}: the JDK's French format uses narrow no-break spaces and
 * changes between releases and locale data providers, and chat clients, Messenger and tests all want one stable form.
 */
final class Formats {
    private static final Map<String, String> SYMBOLS = Map.of("EUR", "€", "USD", "$", "GBP", "£", "CAD", "$", "AUD", "$",
            "CHF", "CHF", "JPY", "¥");
    private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private Formats() {
    }

    static String money(BigDecimal amount, String currency, String language) {
        String symbol = SYMBOLS.getOrDefault(currency, currency);
        BigDecimal v = amount.setScale(2, RoundingMode.HALF_UP);
        String digits = v.abs().toPlainString();
        int dot = digits.indexOf('.');
        String whole = digits.substring(0, dot);
        String cents = digits.substring(dot + 1);
        boolean fr = "fr".equals(language);
        String grouped = group(whole, fr ? ' ' : ',');
        String sign = v.signum() < 0 ? "-" : "";
        if (fr) {
            return sign + grouped + "," + cents + " " + symbol;
        }
        return symbol.length() == 1 ? sign + symbol + grouped + "." + cents : sign + symbol + " " + grouped + "." + cents;
    }

    private static String group(String whole, char separator) {
        StringBuilder sb = new StringBuilder(whole.length() + 4);
        int first = whole.length() % 3;
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (i - first) % 3 == 0) {
                sb.append(separator);
            }
            sb.append(whole.charAt(i));
        }
        return sb.toString();
    }

    static String date(LocalDate date, String language) {
        return "fr".equals(language) ? FR_DATE.format(date) : EN_DATE.format(date);
    }

    /** "Gris" from "gris": variant names start a line in stock lists. */
    static String capitalize(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "a, b et c" / "a, b and c". */
    static String list(java.util.List<String> items, String language) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        String and = "fr".equals(language) ? " et " : " and ";
        return String.join(", ", items.subList(0, items.size() - 1)) + and + items.get(items.size() - 1);
    }
}
