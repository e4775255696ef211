package org.causette.bot.nlu;

import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * An OpenNLP maxent intent classifier together with its out-of-scope decision.
 *
 * <p>The model is OpenNLP's {@link MaxentModel} trained on our own {@link FeatureExtractor} events rather than through
 * {@code DocumentCategorizerME}: the features are computed once per message and shared with nothing else, there is no
 * factory to rebuild generators from class names, and {@link MaxentModel#eval(String[])} keeps no state, so one model
 * serves every thread.
 *
 * <p>The out-of-scope threshold is fitted on the training data alone by {@link OutOfScopeCalibrator}. Training rows
 * labelled with the out-of-scope label become a class of their own, so "what is the weather" can win outright.
 */
public final class IntentModel {
    private static final Logger LOG = LoggerFactory.getLogger(IntentModel.class);

    private final MaxentModel model;
    /** The same model evaluated straight from the feature chars; null when it is not a GIS model. */
    private final CompiledGisModel compiled;
    private final String[] labels;
    /** Which labels are the out-of-scope label, worked out once rather than compared on every turn. */
    private final boolean[] outOfScope;
    private final String outOfScopeLabel;
    private final double threshold;
    private final OutOfScopeFit fit;

    private IntentModel(MaxentModel model, String outOfScopeLabel, OutOfScopeFit fit) {
        this.model = model;
        this.fit = fit;
        this.threshold = fit.threshold();
        this.compiled = CompiledGisModel.of(model);
        this.outOfScopeLabel = outOfScopeLabel;
        this.labels = new String[model.getNumOutcomes()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = model.getOutcome(i);
        }
        this.outOfScope = outOfScopeFlags(labels, outOfScopeLabel);
    }

    private static boolean[] outOfScopeFlags(String[] labels, String outOfScopeLabel) {
        boolean[] flags = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            flags[i] = labels[i].equals(outOfScopeLabel);
        }
        return flags;
    }

    /**
     * How to train. {@code calibrationRounds} 0 skips the out-of-scope fitting and uses {@code defaultThreshold}.
     *
     * @param gaussianSigma the GIS Gaussian prior (smaller = smoother, less over-confident on tiny sets)
     */
    public record Settings(Algorithm algorithm, int iterations, double gaussianSigma, double l2Cost, int threads,
                           int calibrationRounds, double defaultThreshold, long seed, Calibration calibration) {
        /** Fast enough for a shop to retrain on every start and every "teach the bot". */
        public static final Settings DEFAULT = new Settings(Algorithm.GIS, 100, 1.0, 0.1, 1, 3, 0.3, 42, Calibration.DEFAULT);

        public Settings withCalibrationRounds(int rounds) {
            return new Settings(algorithm, iterations, gaussianSigma, l2Cost, threads, rounds, defaultThreshold, seed, calibration);
        }

        public Settings withAlgorithm(Algorithm a) {
            return new Settings(a, iterations, gaussianSigma, l2Cost, threads, calibrationRounds, defaultThreshold, seed, calibration);
        }

        public Settings withIterations(int n) {
            return new Settings(algorithm, n, gaussianSigma, l2Cost, threads, calibrationRounds, defaultThreshold, seed, calibration);
        }

        public Settings withGaussianSigma(double s) {
            return new Settings(algorithm, iterations, s, l2Cost, threads, calibrationRounds, defaultThreshold, seed, calibration);
        }

        public Settings withThreads(int n) {
            return new Settings(algorithm, iterations, gaussianSigma, l2Cost, n, calibrationRounds, defaultThreshold, seed, calibration);
        }

        public Settings withCalibration(Calibration c) {
            return new Settings(algorithm, iterations, gaussianSigma, l2Cost, threads, calibrationRounds, defaultThreshold, seed, c);
        }
    }

    /**
     * How {@link OutOfScopeCalibrator} simulates unseen questions and weighs the two kinds of error.
     *
     * @param hiddenIntentShare  share of the intents hidden whole in a round: their examples play unseen questions
     * @param hiddenExampleShare share of each remaining intent's examples held out to see how sure a right answer is
     * @param outOfScopeShare    the share of out-of-scope questions the threshold is fitted for
     * @param realWeight         the weight of the training file's own out-of-scope rows against hidden intents
     */
    public record Calibration(double hiddenIntentShare, double hiddenExampleShare, double outOfScopeShare, double realWeight) {
        /**
         * Measured (CalibrationLab, on many-{en,fr}-dev.csv trained on many-*-train.csv with the eval settings, and on
         * heldout-{fr,en}.csv with the bot's settings; many-*-test.csv kept out): against the former (0.25, 0.2,
         * 0.25, 0.5), fitting for 15 % out-of-scope questions and trusting the file's own out-of-scope rows at 0.8
         * lowered the threshold where it rejected too many answerable questions (0.255 → 0.19 on the bot's built-in
         * sets: in-scope accuracy +3 to +6 points at the same out-of-scope recall) and kept it on the many-intent sets;
         * mean of 0.75·in-scope + 0.25·recall 0.797 → 0.818, mean MCC 0.777 → 0.800. Other hidden shares
         * (0.15, 0.35 of the intents, 0.35 or 0.5 of the examples) did no better. The best threshold picked on the
         * test sets themselves scores 0.827: the rest of the gap is the classifier's, not the fit's.
         */
        public static final Calibration DEFAULT = new Calibration(0.25, 0.2, 0.15, 0.8);
    }

    public enum Algorithm { GIS, QN }

    /** Trains the classifier on {@code data} and fits its out-of-scope threshold on {@code data} only. */
    public static IntentModel train(List<LabeledText> data, String outOfScopeLabel, Settings settings) {
        Objects.requireNonNull(outOfScopeLabel, "outOfScopeLabel");
        List<Event> events = events(data);
        OutOfScopeFit fit = OutOfScopeFit.unfitted(settings.defaultThreshold());
        MaxentModel model;
        if (settings.calibrationRounds() > 0 && settings.threads() > 1) {
            // The calibration models and the final model are independent: training them side by side, one thread
            // each, uses two cores far better than GIS's own per-iteration threading does on small sets.
            Settings single = settings.withThreads(1);
            java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "causette-calibration");
                t.setDaemon(true);
                return t;
            });
            try {
                java.util.concurrent.Future<OutOfScopeFit> fitted = side.submit(() -> OutOfScopeCalibrator.fit(events, outOfScopeLabel, single));
                model = trainMaxent(events, single);
                fit = fitted.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } finally {
                side.shutdownNow();
            }
        } else {
            model = trainMaxent(events, settings);
            if (settings.calibrationRounds() > 0) {
                fit = OutOfScopeCalibrator.fit(events, outOfScopeLabel, settings);
            }
        }
        LOG.debug("intent model: {} examples, {} labels, {}", data.size(), model.getNumOutcomes(), fit.describe());
        return new IntentModel(model, outOfScopeLabel, fit);
    }

    /** The same model with another threshold: for tests and for callers that fit it their own way. */
    public IntentModel withThreshold(double newThreshold) {
        return new IntentModel(model, outOfScopeLabel, OutOfScopeFit.unfitted(newThreshold));
    }

    static List<Event> events(List<LabeledText> data) {
        List<Event> events = new ArrayList<>(data.size());
        for (LabeledText t : data) {
            events.add(new Event(t.label(), FeatureExtractor.features(t.text())));
        }
        return events;
    }

    static MaxentModel trainMaxent(List<Event> events, Settings settings) {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        // Cutoff 1: a shop's rare word is often its most telling one (OPENNLP-NOTES: 0 and 1 tie, 5 loses).
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        params.put(TrainingParameters.THREADS_PARAM, settings.threads());
        try {
            if (settings.algorithm() == Algorithm.QN) {
                params.put(TrainingParameters.ALGORITHM_PARAM, QNTrainer.MAXENT_QN_VALUE);
                params.put(QNTrainer.L2COST_PARAM, settings.l2Cost());
                params.put(QNTrainer.L1COST_PARAM, 0.0);
                QNTrainer trainer = new QNTrainer();
                trainer.init(params, new HashMap<>());
                return trainer.train(ObjectStreamUtils.createObjectStream(events));
            }
            params.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
            GISTrainer trainer = new GISTrainer();
            trainer.init(params, new HashMap<>());
            if (settings.gaussianSigma() > 0) {
                trainer.setGaussianSigma(settings.gaussianSigma());
            }
            return trainer.train(ObjectStreamUtils.createObjectStream(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classifies a text. Thread-safe. */
    public IntentPrediction predict(String text) {
        return predict(FeatureExtractor.features(text));
    }

    /** Classifies a tokenized line: the turn's path, with no string per feature when the model is GIS. Thread-safe. */
    public IntentPrediction predict(List<Token> tokens) {
        double[] p = compiled != null ? compiled.eval(tokens) : model.eval(FeatureExtractor.features(tokens));
        return decide(labels, p, outOfScope, threshold);
    }

    /** Classifies pre-computed features. Thread-safe. */
    public IntentPrediction predict(String[] features) {
        double[] p = model.eval(features);
        return decide(labels, p, outOfScopeLabel, threshold);
    }

    static IntentPrediction decide(String[] labels, double[] p, String outOfScopeLabel, double threshold) {
        return decide(labels, p, outOfScopeFlags(labels, outOfScopeLabel), threshold);
    }

    private static IntentPrediction decide(String[] labels, double[] p, boolean[] outOfScope, double threshold) {
        int best = -1;
        int second = -1;
        int top = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > p[top]) {
                top = i;
            }
            if (outOfScope[i]) {
                continue;
            }
            if (best < 0 || p[i] > p[best]) {
                second = best;
                best = i;
            } else if (second < 0 || p[i] > p[second]) {
                second = i;
            }
        }
        // When the out-of-scope class wins outright, nothing in scope is confident. (Measured: using the best in-scope
        // probability regardless, with the threshold refitted, lost out-of-scope recall for no in-scope gain.)
        double confidence = best < 0 || outOfScope[top] ? 0 : p[best];
        return new IntentPrediction(labels, p, best < 0 ? null : labels[best], confidence,
                second < 0 ? null : labels[second], second < 0 ? 0 : p[second], best >= 0 && confidence >= threshold);
    }

    public double threshold() {
        return threshold;
    }

    /** How the threshold was chosen (unfitted for a model built with a given threshold). */
    public OutOfScopeFit outOfScopeFit() {
        return fit;
    }

    public String outOfScopeLabel() {
        return outOfScopeLabel;
    }

    /** The labels the model knows, the out-of-scope label included when it was trained with one. */
    public List<String> labels() {
        return Collections.unmodifiableList(java.util.Arrays.asList(labels.clone()));
    }

    /** The underlying OpenNLP model, e.g. to persist it with {@code GenericModelWriter}. */
    public AbstractModel maxentModel() {
        return (AbstractModel) model;
    }

    /** Rebuilds a model from a persisted OpenNLP model and its threshold. */
    public static IntentModel of(MaxentModel model, String outOfScopeLabel, double threshold) {
        return new IntentModel(model, outOfScopeLabel, OutOfScopeFit.unfitted(threshold));
    }
}
