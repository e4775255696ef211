package org.causette.bot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Lower-cases, removes accents and splits a chat line into {@link Token}s, remembering where each came from.
 *
 * <p>Shoppers type "ou est ma commande", "où est ma commande" and "OÙ EST MA COMMANDE" for the same thing, so the
 * classifier and the entity matcher only ever see folded text. French elisions become full words ("l'oslo" → "le
 * oslo", "j'aimerais" → "je aimerais") so "je" and "j'" share their weight. Stateless and thread-safe.
 */
public final class TextNormalizer {
    /** Folded form of every char below this bound; 0 marks a separator. Built once: no per-call Unicode work. */
    private static final int TABLE_SIZE = 0x250;
    private static final char[] FOLD = new char[TABLE_SIZE];

    static {
        for (char c = 0; c < TABLE_SIZE; c++) {
            FOLD[c] = foldSlow(c);
        }
    }

    private TextNormalizer() {
    }

    /** The tokens of {@code text}, folded, with elisions expanded. */
    public static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>(16);
        int n = text.length();
        // A word's folded chars; a ligature folds to two letters, so twice the text is always enough.
        char[] word = new char[2 * n + 2];
        int length = 0;
        int start = -1;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            char f = fold(c);
            if (f != 0) {
                if (start < 0) {
                    start = i;
                }
                length = appendFolded(word, length, c, f);
                continue;
            }
            if (start >= 0) {
                String w = new String(word, 0, length);
                if (isApostrophe(c) && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                    w = expandElision(w);
                }
                out.add(new Token(w, start, i));
                length = 0;
                start = -1;
            }
        }
        return out;
    }

    /** The folded text: tokens joined by single spaces. */
    public static String normalize(String text) {
        List<Token> tokens = tokens(text);
        StringBuilder sb = new StringBuilder(text.length());
        for (Token t : tokens) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }

    /** Folds one word or phrase that is already known to be a single unit (a product alias, a colour name). */
    public static String foldPhrase(String text) {
        return normalize(text);
    }

    static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '`' || c == '\u02bc';
    }

    private static String expandElision(String w) {
        return switch (w) {
            case "l" -> "le";
            case "j" -> "je";
            case "d" -> "de";
            case "n" -> "ne";
            case "s" -> "se";
            case "c" -> "ce";
            case "m" -> "me";
            case "t" -> "te";
            case "qu" -> "que";
            case "jusqu" -> "jusque";
            case "lorsqu" -> "lorsque";
            case "puisqu" -> "puisque";
            default -> w;
        };
    }

    /** The folded char, or 0 for a separator. */
    private static char fold(char c) {
        if (c < TABLE_SIZE) {
            return FOLD[c];
        }
        if (Character.isLetterOrDigit(c)) {
            return Character.toLowerCase(c);
        }
        return 0;
    }

    /** Appends the folded char to {@code word} at {@code length}; returns the new length. */
    private static int appendFolded(char[] word, int length, char original, char folded) {
        if (original < 0x80) {
            word[length] = folded;
            return length + 1;
        }
        // Ligatures fold to two letters: "cœur" must match "coeur".
        switch (original) {
            case '\u0153', '\u0152' -> {
                word[length] = 'o';
                word[length + 1] = 'e';
                return length + 2;
            }
            case '\u00e6', '\u00c6' -> {
                word[length] = 'a';
                word[length + 1] = 'e';
                return length + 2;
            }
            case '\u00df' -> {
                word[length] = 's';
                word[length + 1] = 's';
                return length + 2;
            }
            default -> {
                word[length] = folded;
                return length + 1;
            }
        }
    }

    private static char foldSlow(char c) {
        if (!Character.isLetterOrDigit(c)) {
            return 0;
        }
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        char base = d.charAt(0);
        return Character.toLowerCase(base);
    }
}
