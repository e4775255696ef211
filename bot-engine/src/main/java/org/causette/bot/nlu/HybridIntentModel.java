package org.causette.bot.nlu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The n-gram {@link IntentModel}, and for English lines it is unsure about, a sentence encoder's nearest training
 * examples.
 *
 * <p>Why this mix (measured on many-en-dev.csv and heldout-en.csv, see the README's "Sentence encoder"): the encoder
 * understands paraphrases the n-grams cannot (top-1 0.875 → 0.96 and 0.83 → 0.90 when their votes are averaged), and
 * the nearest example's cosine is a better out-of-scope test than the n-gram probability; but it costs milliseconds
 * per line where the n-gram model costs microseconds, so it is consulted only when the n-gram model's answer is not
 * already sure ({@link #SURE}), and only for English.
 *
 * <p>When consulted: each intent's score is the mean of its n-gram probability and a softmax over each intent's best
 * cosine ({@link #TEMPERATURE}); the line is out of scope when its nearest in-scope example is further than the
 * fitted cosine threshold, or when a training row labelled out of scope is nearer than any in-scope one. The
 * threshold is fitted on the training rows alone by leave-one-out: a row's nearest other example of its own intent
 * shows how close a known question comes; its nearest example of another intent stands for an unseen question, like
 * the n-gram calibrator's hidden intents; the training file's out-of-scope rows are real ones. No model is retrained,
 * so the fit costs one pass over pairs of vectors. Thread-safe after construction.
 */
public final class HybridIntentModel {
    private static final Logger LOG = LoggerFactory.getLogger(HybridIntentModel.class);
    /**
     * An English line whose n-gram answer is in scope with at least this confidence does not consult the encoder.
     * Measured (EncoderLab, MCC on many-en-dev / heldout-en): always consulting 0.873 / 0.777 — the n-gram model's
     * sure answers are better kept —, 0.6: 0.883 / 0.805, 0.5: 0.883 / 0.815, 0.4: 0.893 / 0.810, 0.3: 0.893 /
     * 0.805. 0.4 also consults it least but for 0.3 (on 98 of the 200 held-out lines, 94 of the 110 many-intent ones).
     */
    static final double SURE = 0.4;
    /** Softness of the softmax over each intent's best cosine: cosines differ by hundredths between close intents. */
    static final double TEMPERATURE = 0.05;
    /** The n-gram model's share of the averaged vote. */
    static final double NGRAM_WEIGHT = 0.5;
    /**
     * How the cosine threshold weighs its errors (hidden shares unused: leave-one-out hides nothing). Measured with
     * EncoderLab on many-en-dev.csv and heldout-en.csv: fitting for 25 % out-of-scope questions with real and
     * simulated ones alike gave MCC 0.883 / 0.805 against 0.868 / 0.810 with the n-gram model's plan (15 %, 0.8), whose
     * threshold came out low on the many-intent set (out-of-scope recall 0.67).
     */
    static final IntentModel.Calibration CALIBRATION = new IntentModel.Calibration(0, 0, 0.25, 0.5);
    /** The leave-one-out fit scores at most this many rows (a seeded sample of bigger files) against all the others. */
    static final int MAX_FIT_ROWS = 3000;
    private static final long FIT_SEED = 42;

    private final IntentModel ngram;
    private final SentenceEncoder encoder;
    private final float[][] vectors;
    /** Each vector's label as an index into the n-gram model's labels; -1 for out-of-scope rows. */
    private final int[] labelOf;
    private final String[] labels;
    private final boolean[] outOfScope;
    private final OutOfScopeFit fit;
    private final double sure;
    private final LongAdder lines = new LongAdder();
    private final LongAdder consulted = new LongAdder();

    private HybridIntentModel(IntentModel ngram, SentenceEncoder encoder, float[][] vectors, int[] labelOf,
                              OutOfScopeFit fit, double sure) {
        this.ngram = ngram;
        this.encoder = encoder;
        this.vectors = vectors;
        this.labelOf = labelOf;
        this.labels = ngram.labels().toArray(new String[0]);
        this.outOfScope = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            outOfScope[i] = labels[i].equals(ngram.outOfScopeLabel());
        }
        this.fit = fit;
        this.sure = sure;
    }

    /** The n-gram model alone. */
    public static HybridIntentModel of(IntentModel ngram) {
        return new HybridIntentModel(ngram, null, new float[0][], new int[0], null, SURE);
    }

    /** Adds the encoder to a trained n-gram model, its training vectors cached in {@link VectorCache#folder()}. */
    public static HybridIntentModel train(IntentModel ngram, List<LabeledText> rows, SentenceEncoder encoder) {
        return train(ngram, rows, encoder, CALIBRATION, VectorCache.folder(), SURE);
    }

    /** The same with another weighing of the cosine threshold's errors: for measurements. */
    public static HybridIntentModel train(IntentModel ngram, List<LabeledText> rows, SentenceEncoder encoder,
                                          IntentModel.Calibration plan) {
        return train(ngram, rows, encoder, plan, VectorCache.folder(), SURE);
    }

    /**
     * Adds the encoder to a trained n-gram model.
     *
     * @param rows   the English training rows (out-of-scope rows labelled with the model's out-of-scope label)
     * @param folder the disk cache of training vectors, or null for none
     */
    public static HybridIntentModel train(IntentModel ngram, List<LabeledText> rows, SentenceEncoder encoder,
                                          IntentModel.Calibration plan, Path folder) {
        return train(ngram, rows, encoder, plan, folder, SURE);
    }

    static HybridIntentModel train(IntentModel ngram, List<LabeledText> rows, SentenceEncoder encoder,
                                   IntentModel.Calibration plan, Path folder, double sure) {
        long start = System.nanoTime();
        List<String> labels = ngram.labels();
        List<String> texts = new ArrayList<>(rows.size());
        List<Integer> index = new ArrayList<>(rows.size());
        for (LabeledText r : rows) {
            int l = labels.indexOf(r.label());
            if (l < 0) {
                continue; // a label the n-gram model never saw cannot be answered
            }
            texts.add(r.text());
            index.add(r.label().equals(ngram.outOfScopeLabel()) ? -1 : l);
        }
        if (texts.isEmpty()) {
            return of(ngram);
        }
        float[][] vectors = VectorCache.vectors(encoder, texts, folder).toArray(new float[0][]);
        int[] labelOf = index.stream().mapToInt(Integer::intValue).toArray();
        long encoded = System.nanoTime();
        List<String> fitKey = new ArrayList<>(texts.size() * 2 + 1);
        fitKey.add(plan.toString());
        for (int i = 0; i < texts.size(); i++) {
            fitKey.add(texts.get(i));
            fitKey.add(labelOf[i] < 0 ? "" : labels.get(labelOf[i]));
        }
        OutOfScopeFit fit = VectorCache.fit(VectorCache.hash(encoder.id(), fitKey), folder,
                () -> OutOfScopeCalibrator.choose(leaveOneOut(vectors, labelOf), 0.5, plan));
        LOG.info("sentence encoder over {} rows: vectors in {} ms, fit in {} ms: {}", texts.size(), (encoded - start) / 1_000_000,
                (System.nanoTime() - encoded) / 1_000_000, fit.describe());
        return new HybridIntentModel(ngram, encoder, vectors, labelOf, fit, sure);
    }

    /**
     * Leave-one-out samples for the cosine threshold: see the class comment. Above {@link #MAX_FIT_ROWS} rows, a seeded
     * sample of that many rows is scored against all the others, so a 15,000-row file costs 3,000 × 15,000 dot
     * products instead of 15,000² / 2.
     */
    static List<OutOfScopeCalibrator.Sample> leaveOneOut(float[][] vectors, int[] labelOf) {
        int n = vectors.length;
        int[] rows;
        if (n <= MAX_FIT_ROWS) {
            rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
        } else {
            List<Integer> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            java.util.Collections.shuffle(all, new java.util.Random(FIT_SEED));
            rows = all.subList(0, MAX_FIT_ROWS).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        double[] bestIn = new double[n];
        int[] bestInLabel = new int[n];
        double[] bestOther = new double[n];
        double[] bestOos = new double[n];
        java.util.Arrays.fill(bestIn, -2);
        java.util.Arrays.fill(bestInLabel, -1);
        java.util.Arrays.fill(bestOther, -2);
        java.util.Arrays.fill(bestOos, -2);
        if (rows.length == n) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double c = dot(vectors[i], vectors[j]);
                    note(i, j, c, labelOf, bestIn, bestInLabel, bestOther, bestOos);
                    note(j, i, c, labelOf, bestIn, bestInLabel, bestOther, bestOos);
                }
            }
        } else {
            for (int i : rows) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        note(i, j, dot(vectors[i], vectors[j]), labelOf, bestIn, bestInLabel, bestOther, bestOos);
                    }
                }
            }
        }
        List<OutOfScopeCalibrator.Sample> samples = new ArrayList<>(2 * rows.length);
        for (int i : rows) {
            if (labelOf[i] < 0) {
                samples.add(new OutOfScopeCalibrator.Sample(score(bestIn[i], bestOos[i]), false, true, true));
            } else {
                samples.add(new OutOfScopeCalibrator.Sample(score(bestIn[i], bestOos[i]), bestInLabel[i] == labelOf[i], false, false));
                if (bestOther[i] > -2) {
                    samples.add(new OutOfScopeCalibrator.Sample(score(bestOther[i], bestOos[i]), false, true, false));
                }
            }
        }
        return samples;
    }

    private static void note(int i, int j, double c, int[] labelOf, double[] bestIn, int[] bestInLabel,
                             double[] bestOther, double[] bestOos) {
        if (labelOf[j] < 0) {
            bestOos[i] = Math.max(bestOos[i], c);
            return;
        }
        if (c > bestIn[i]) {
            bestIn[i] = c;
            bestInLabel[i] = labelOf[j];
        }
        if (labelOf[j] != labelOf[i]) {
            bestOther[i] = Math.max(bestOther[i], c);
        }
    }

    /** The confidence the cosine threshold is compared with: 0 when an out-of-scope example is the nearest. */
    private static double score(double nearestInScope, double nearestOutOfScope) {
        return nearestOutOfScope > nearestInScope ? 0 : nearestInScope;
    }

    private static double dot(float[] a, float[] b) {
        float s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** Classifies a line; {@code english} says whether the encoder may be consulted. Thread-safe. */
    public IntentPrediction predict(String text, List<Token> tokens, boolean english) {
        IntentPrediction p = ngram.predict(tokens);
        if (encoder == null || !english) {
            return p;
        }
        lines.increment();
        if (p.inScope() && p.confidence() >= sure) {
            return p;
        }
        consulted.increment();
        return fuse(p, encoder.encode(text));
    }

    private IntentPrediction fuse(IntentPrediction p, float[] q) {
        int k = labels.length;
        double[] best = new double[k];
        java.util.Arrays.fill(best, -2);
        double nearestOos = -2;
        double nearestIn = -2;
        for (int i = 0; i < vectors.length; i++) {
            double c = dot(q, vectors[i]);
            int l = labelOf[i];
            if (l < 0) {
                nearestOos = Math.max(nearestOos, c);
            } else {
                best[l] = Math.max(best[l], c);
                nearestIn = Math.max(nearestIn, c);
            }
        }
        double[] ngramP = p.probabilities();
        double z = 0;
        double[] soft = new double[k];
        for (int l = 0; l < k; l++) {
            if (!outOfScope[l] && best[l] > -2) {
                soft[l] = Math.exp((best[l] - nearestIn) / TEMPERATURE);
                z += soft[l];
            }
        }
        double[] fused = new double[k];
        int top = -1;
        int second = -1;
        for (int l = 0; l < k; l++) {
            fused[l] = NGRAM_WEIGHT * ngramP[l] + (1 - NGRAM_WEIGHT) * (outOfScope[l] || z == 0 ? 0 : soft[l] / z);
            if (outOfScope[l]) {
                continue;
            }
            if (top < 0 || fused[l] > fused[top]) {
                second = top;
                top = l;
            } else if (second < 0 || fused[l] > fused[second]) {
                second = l;
            }
        }
        boolean inScope = top >= 0 && score(nearestIn, nearestOos) >= fit.threshold();
        return new IntentPrediction(labels, fused, top < 0 ? null : labels[top], top < 0 ? 0 : fused[top],
                second < 0 ? null : labels[second], second < 0 ? 0 : fused[second], inScope);
    }

    public IntentModel ngram() {
        return ngram;
    }

    public boolean usesEncoder() {
        return encoder != null;
    }

    /** How the encoder's cosine threshold was chosen; null without the encoder. */
    public OutOfScopeFit encoderFit() {
        return fit;
    }

    /** English lines seen and how many of them consulted the encoder, since training: the mix. */
    public long englishLines() {
        return lines.sum();
    }

    public long encoderLines() {
        return consulted.sum();
    }
}
