package org.causette.bot.nlu;

import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.EvalParameters;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.model.UniformPrior;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained GIS model evaluated without building a string per feature. OpenNLP's {@code eval(String[])} looks each
 * feature string up in a {@code HashMap}: with the ~14 features a word makes, that was building, hashing and looking up
 * some 150 fresh strings per chat line, a quarter of a bot turn. Here the features stay in {@link FeatureExtractor}'s
 * reused buffer and are looked up in an open-addressing table of the model's own feature names, straight from the
 * chars; the ids found go to OpenNLP's own {@link GISModel#eval(int[], double[], EvalParameters)}, with the same prior,
 * so the probabilities are the same bits as {@code model.eval(features)} ({@code CompiledGisModelTest}).
 * Thread-safe: immutable after construction.
 */
final class CompiledGisModel {
    private final EvalParameters parameters;
    private final UniformPrior prior;
    private final int outcomes;
    /** Feature name chars by slot; null for an empty slot. */
    private final char[][] names;
    private final int[] hashes;
    private final int[] ids;
    private final int mask;

    private CompiledGisModel(Context[] params, Map<String, Context> byName, String[] outcomeNames) {
        this.outcomes = outcomeNames.length;
        this.parameters = new EvalParameters(params, outcomes);
        this.prior = new UniformPrior();
        prior.setLabels(outcomeNames, null);
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
        int[][] found = {new int[tokens.size() * 14 + 4]};
        int[] count = {0};
        FeatureExtractor.forEach(tokens, (chars, length) -> {
            int id = lookup(chars, length);
            if (id < 0) {
                return; // OpenNLP skips a feature the model does not know
            }
            if (count[0] == found[0].length) {
                found[0] = java.util.Arrays.copyOf(found[0], count[0] * 2);
            }
            found[0][count[0]++] = id;
        });
        int[] context = java.util.Arrays.copyOf(found[0], count[0]);
        double[] probabilities = new double[outcomes];
        prior.logPrior(probabilities, context);
        return GISModel.eval(context, probabilities, parameters);
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
