package org.causette.bot.nlu;

import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.model.UniformPrior;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained GIS model evaluated without building a string per feature. OpenNLP's {@code eval(String[])} looks each
 * feature string up in a {@code HashMap}: with the ~14 features a word makes, that was building, hashing and looking up
 * some 150 fresh strings per chat line, a quarter of a bot turn. Here the features are looked up in an open-addressing
 * table of the model's own feature names, straight from the chars; a word the model knows ("w=livraison") has the ids
 * of its word and character-gram features listed once at load, so only its bigram is looked up per turn.
 *
 * <p>The evaluation is OpenNLP's {@code GISModel.eval} written out over one flat array of parameters instead of a
 * {@code Context} object per feature: the same prior ({@code StrictMath.log(1/n)}), the same additions in the same
 * order and the same division, but {@code Math.exp} (an intrinsic) where OpenNLP calls {@code StrictMath.exp}: the
 * probabilities differ from {@code model.eval(features)} by an ulp or two at most, far below 1e-9, and the best intent
 * is the same on every training sentence and held-out line ({@code CompiledGisModelTest}).
 * Thread-safe: immutable after construction.
 */
final class CompiledGisModel {
    private final int outcomes;
    /** Parameters of feature id f: {@code outcomeOf[k]} and {@code parameter[k]} for k in [first[f], first[f + 1]). */
    private final int[] first;
    private final int[] outcomeOf;
    private final double[] parameter;
    /** OpenNLP's uniform prior, {@code StrictMath.log(1.0 / outcomes)}. */
    private final double logPrior;
    /** Feature name chars by slot; null for an empty slot. */
    private final char[][] names;
    private final int[] hashes;
    private final int[] ids;
    private final int mask;
    /** A known word's features but its bigram, in {@link FeatureExtractor}'s order: "w=" first, then its 4-grams. */
    private final Map<String, int[]> wordFeatures = new HashMap<>();

    private CompiledGisModel(Context[] params, Map<String, Context> byName, String[] outcomeNames) {
        this.outcomes = outcomeNames.length;
        UniformPrior prior = new UniformPrior();
        prior.setLabels(outcomeNames, null);
        double[] p = new double[outcomes];
        prior.logPrior(p, new int[0]);
        this.logPrior = outcomes == 0 ? 0 : p[0];
        this.first = new int[params.length + 1];
        int total = 0;
        for (int i = 0; i < params.length; i++) {
            first[i] = total;
            total += params[i].getOutcomes().length;
        }
        first[params.length] = total;
        this.outcomeOf = new int[total];
        this.parameter = new double[total];
        for (int i = 0; i < params.length; i++) {
            System.arraycopy(params[i].getOutcomes(), 0, outcomeOf, first[i], params[i].getOutcomes().length);
            System.arraycopy(params[i].getParameters(), 0, parameter, first[i], params[i].getParameters().length);
        }
        Map<Context, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < params.length; i++) {
            index.put(params[i], i);
        }
        int capacity = Integer.highestOneBit(Math.max(16, byName.size() * 2)) << 1; // load factor ≤ 1/2
        this.names = new char[capacity][];
        this.hashes = new int[capacity];
        this.ids = new int[capacity];
        this.mask = capacity - 1;
        for (Map.Entry<String, Context> e : byName.entrySet()) {
            char[] name = e.getKey().toCharArray();
            int hash = hash(name, name.length);
            int slot = hash & mask;
            while (names[slot] != null) {
                slot = (slot + 1) & mask;
            }
            names[slot] = name;
            hashes[slot] = hash;
            ids[slot] = index.get(e.getValue());
        }
        for (String name : byName.keySet()) {
            if (name.startsWith("w=") && name.length() > 2) {
                String word = name.substring(2);
                int[] found = new int[word.length() + 3];
                int n = wordAndGrams(word, new char[Math.max(6, 2 + word.length())], found);
                wordFeatures.put(word, Arrays.copyOf(found, n));
            }
        }
    }

    /** The compiled form of a GIS model, or null for any other kind (they keep OpenNLP's own evaluation). */
    @SuppressWarnings("unchecked")
    static CompiledGisModel of(MaxentModel model) {
        if (!(model instanceof GISModel gis)) {
            return null;
        }
        Object[] data = gis.getDataStructures();
        return new CompiledGisModel((Context[]) data[0], (Map<String, Context>) data[1], (String[]) data[2]);
    }

    /** The outcome probabilities of a line, as {@code model.eval(FeatureExtractor.features(tokens))} gives them. */
    double[] eval(List<Token> tokens) {
        int longest = 5; // "#long"
        int features = 4;
        for (int t = 0; t < tokens.size(); t++) {
            int length = Math.max(5, tokens.get(t).text().length());
            longest = Math.max(longest, length);
            features += length + 3; // at most this many per token; summed, so a long line costs linear space
        }
        // The longest feature is "b=" + previous + '_' + word.
        char[] buf = new char[2 + longest + 1 + longest];
        int[] context = new int[features];
        int n = 0;
        String previous = "^";
        for (int t = 0; t < tokens.size(); t++) {
            String w = FeatureExtractor.shape(tokens.get(t).text());
            int[] known = wordFeatures.get(w);
            if (known != null) {
                // FeatureExtractor's order: the word, the bigram, then the grams.
                context[n++] = known[0];
                n = bigram(buf, previous, w, context, n);
                System.arraycopy(known, 1, context, n, known.length - 1);
                n += known.length - 1;
            } else {
                buf[0] = 'w';
                buf[1] = '=';
                w.getChars(0, w.length(), buf, 2);
                n = add(buf, 2 + w.length(), context, n);
                n = bigram(buf, previous, w, context, n);
                n = grams(w, buf, context, n);
            }
            previous = w;
        }
        if (tokens.isEmpty()) {
            "empty".getChars(0, 5, buf, 0);
            n = add(buf, 5, context, n);
        } else {
            n = bigram(buf, previous, "$", context, n);
        }
        return evalIds(context, n);
    }

    /** GISModel.eval(context, prior, parameters) over the flat arrays, with Math.exp. */
    private double[] evalIds(int[] context, int n) {
        double[] p = new double[outcomes];
        Arrays.fill(p, logPrior);
        for (int c = 0; c < n; c++) {
            int f = context[c];
            for (int k = first[f], end = first[f + 1]; k < end; k++) {
                p[outcomeOf[k]] += parameter[k] * 1.0; // OpenNLP multiplies by the feature's value, 1 here
            }
        }
        double normal = 0.0;
        for (int o = 0; o < outcomes; o++) {
            p[o] = Math.exp(p[o]);
            normal += p[o];
        }
        for (int o = 0; o < outcomes; o++) {
            p[o] /= normal;
        }
        return p;
    }

    /** The ids of "w=" + word then of its known 4-grams, into {@code out}; returns how many (the word's id or -1 first). */
    private int wordAndGrams(String w, char[] buf, int[] out) {
        buf[0] = 'w';
        buf[1] = '=';
        w.getChars(0, w.length(), buf, 2);
        out[0] = lookup(buf, 2 + w.length());
        return grams(w, buf, out, 1);
    }

    private int bigram(char[] buf, String previous, String w, int[] context, int n) {
        buf[0] = 'b';
        buf[1] = '=';
        previous.getChars(0, previous.length(), buf, 2);
        buf[2 + previous.length()] = '_';
        w.getChars(0, w.length(), buf, 3 + previous.length());
        return add(buf, 3 + previous.length() + w.length(), context, n);
    }

    /** FeatureExtractor.charGrams: the 4-grams of "&lt;w&gt;" the model knows, in order. */
    private int grams(String w, char[] buf, int[] context, int n) {
        if (w.charAt(0) == '#') {
            return n;
        }
        int len = w.length() + 2;
        buf[0] = 'c';
        buf[1] = '=';
        for (int g = FeatureExtractor.MIN_GRAM; g <= FeatureExtractor.MAX_GRAM; g++) {
            for (int i = 0; i + g <= len; i++) {
                for (int k = 0; k < g; k++) {
                    int j = i + k;
                    buf[2 + k] = j == 0 ? '<' : j == len - 1 ? '>' : w.charAt(j - 1);
                }
                n = add(buf, 2 + g, context, n);
            }
        }
        return n;
    }

    /** Appends the feature's id when the model knows it (OpenNLP skips a feature it does not know). */
    private int add(char[] chars, int length, int[] context, int n) {
        int id = lookup(chars, length);
        if (id >= 0) {
            context[n++] = id;
        }
        return n;
    }

    private int lookup(char[] chars, int length) {
        int hash = hash(chars, length);
        for (int slot = hash & mask; names[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && java.util.Arrays.equals(names[slot], 0, names[slot].length, chars, 0, length)) {
                return ids[slot];
            }
        }
        return -1;
    }

    /** {@link String#hashCode()} of the chars, spread so that similar grams do not crowd neighbouring slots. */
    private static int hash(char[] chars, int length) {
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[i];
        }
        return h ^ (h >>> 16);
    }
}
