package org.causette.bot.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * The features the intent classifier sees: words, word bigrams and character 4-grams of each word (with its
 * boundaries, so a two-letter word like "ok" is one gram "&lt;ok&gt;").
 *
 * <p>Why these: shops train on a few examples per intent, so the model must generalise from little. Character
 * n-grams inside word boundaries ("&lt;liv", "livr", "son&gt;") make "livraison", "livrason" and "livré" share
 * most of their weight, which is how typos and inflections get understood; bigrams keep the little word order that
 * matters ("not working" vs "working"). Only 4-grams: measured on the built-in sets, 3–5-grams won nothing over them
 * and doubled OpenNLP's GIS training time, which a shop pays at every start. Numbers are one shape feature so order numbers and prices do not become
 * thousands of one-off features. Stateless and thread-safe.
 */
public final class FeatureExtractor {
    static final int MIN_GRAM = 4;
    static final int MAX_GRAM = 4;

    private FeatureExtractor() {
    }

    public static String[] features(String text) {
        return features(TextNormalizer.tokens(text));
    }

    public static String[] features(List<Token> tokens) {
        List<String> out = new ArrayList<>(tokens.size() * 14 + 4);
        forEach(tokens, (chars, length) -> out.add(new String(chars, 0, length)));
        return out.toArray(new String[0]);
    }

    /** Receives each feature as the first {@code length} chars of a buffer that is reused for the next one. */
    interface Sink {
        void accept(char[] chars, int length);
    }

    /**
     * The features of {@link #features(List)}, in the same order, handed over in a reused buffer instead of as
     * strings: the classifier looks them up without building ~14 strings per word on every turn.
     */
    static void forEach(List<Token> tokens, Sink sink) {
        int longest = 1;
        for (Token t : tokens) {
            longest = Math.max(longest, Math.max(t.text().length(), 5)); // 5: "#long"
        }
        // "b=" + previous + '_' + word is the longest feature.
        char[] buf = new char[2 + longest + 1 + longest];
        String previous = "^";
        for (Token t : tokens) {
            String w = shape(t.text());
            buf[0] = 'w';
            buf[1] = '=';
            w.getChars(0, w.length(), buf, 2);
            sink.accept(buf, 2 + w.length());
            bigram(buf, previous, w, sink);
            previous = w;
            charGrams(buf, w, sink);
        }
        if (tokens.isEmpty()) {
            "empty".getChars(0, 5, buf, 0);
            sink.accept(buf, 5);
        } else {
            bigram(buf, previous, "$", sink);
        }
    }

    private static void bigram(char[] buf, String previous, String w, Sink sink) {
        buf[0] = 'b';
        buf[1] = '=';
        previous.getChars(0, previous.length(), buf, 2);
        buf[2 + previous.length()] = '_';
        w.getChars(0, w.length(), buf, 3 + previous.length());
        sink.accept(buf, 3 + previous.length() + w.length());
    }

    static String shape(String w) {
        boolean allDigits = true;
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i))) {
                allDigits = false;
                break;
            }
        }
        return allDigits ? (w.length() >= 4 ? "#long" : "#num") : w;
    }

    private static void charGrams(char[] buf, String w, Sink sink) {
        if (w.charAt(0) == '#') {
            return;
        }
        int n = w.length() + 2;
        buf[0] = 'c';
        buf[1] = '=';
        for (int len = MIN_GRAM; len <= MAX_GRAM; len++) {
            for (int i = 0; i + len <= n; i++) {
                for (int k = 0; k < len; k++) {
                    int j = i + k;
                    buf[2 + k] = j == 0 ? '<' : j == n - 1 ? '>' : w.charAt(j - 1);
                }
                sink.accept(buf, 2 + len);
            }
        }
    }
}
