package org.causette.bot.dialoguetest;

import org.causette.bot.BotMessage;
import org.causette.bot.Card;
import org.causette.bot.QuickReply;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * How a fact is found in a reply: case- and accent-insensitive, any run of spaces (no-break ones included) as one
 * space, typographic apostrophes as "'", and only on word edges, so that "42" is not found in "429" nor "gris" in
 * "grise" while "429" is found in both "429,00 €" and "€429.00". Linear in the reply's length for each fact.
 */
final class Facts {
    /** Joins the reply's normalised parts; normalising turns every other line break into a space, so no fact spans two parts. */
    private static final char PART_SEPARATOR = '\n';

    private Facts() {
    }

    /** The text a reply's facts are looked for in: its texts, cards' titles, subtitles and prices, quick-reply titles. */
    static String replyText(List<BotMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (BotMessage m : messages) {
            append(sb, m.text());
            for (Card c : m.cards()) {
                append(sb, c.title());
                append(sb, c.subtitle());
                append(sb, c.price());
                append(sb, c.regularPrice());
            }
            for (QuickReply q : m.quickReplies()) {
                append(sb, q.title());
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (part != null && !part.isBlank()) {
            sb.append(normalize(part)).append(PART_SEPARATOR);
        }
    }

    /** Lower case without accents, ligatures spelt out, typographic apostrophes straight, each run of spaces one space. */
    static String normalize(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        boolean space = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            switch (c) {
                case '\u2019', '\u2018', '\u02BC' -> sb.append('\'');
                case '\u0153' -> sb.append("oe");
                case '\u0152' -> sb.append("OE");
                case '\u00E6' -> sb.append("ae");
                case '\u00C6' -> sb.append("AE");
                default -> sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT).strip();
    }

    /** True when {@code fact} (normalised here) appears in the normalised {@code text} on word edges. */
    static boolean contains(String text, String fact) {
        String f = normalize(fact);
        if (f.isEmpty()) {
            return false;
        }
        boolean edgeAtStart = isWordChar(f.charAt(0));
        boolean edgeAtEnd = isWordChar(f.charAt(f.length() - 1));
        for (int at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) {
            int end = at + f.length();
            boolean startOk = !edgeAtStart || at == 0 || !isWordChar(text.charAt(at - 1));
            boolean endOk = !edgeAtEnd || end == text.length() || !isWordChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}
