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
        String previous = "^";
        for (Token t : tokens) {
            String w = shape(t.text());
            out.add("w=" + w);
            out.add("b=" + previous + '_' + w);
            previous = w;
            addCharGrams(out, w);
        }
        if (tokens.isEmpty()) {
            out.add("empty");
        } else {
            out.add("b=" + previous + "_$");
        }
        return out.toArray(new String[0]);
    }

    private static String shape(String w) {
        boolean allDigits = true;
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isDigit(w.charAt(i))) {
                allDigits = false;
                break;
            }
        }
        return allDigits ? (w.length() >= 4 ? "#long" : "#num") : w;
    }

    private static void addCharGrams(List<String> out, String w) {
        if (w.charAt(0) == '#') {
            return;
        }
        // "c=" + gram written straight into one buffer: one allocation per gram on the turn path, not three.
        int n = w.length() + 2;
        char[] buf = new char[2 + MAX_GRAM];
        buf[0] = 'c';
        buf[1] = '=';
        for (int len = MIN_GRAM; len <= MAX_GRAM; len++) {
            for (int i = 0; i + len <= n; i++) {
                for (int k = 0; k < len; k++) {
                    int j = i + k;
                    buf[2 + k] = j == 0 ? '<' : j == n - 1 ? '>' : w.charAt(j - 1);
                }
                out.add(new String(buf, 0, 2 + len));
            }
        }
    }
}
