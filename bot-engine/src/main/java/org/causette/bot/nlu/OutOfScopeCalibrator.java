package org.causette.bot.nlu;

import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Fits the confidence threshold below which the bot says "I did not understand" instead of answering, using the
 * training data alone.
 *
 * <p>How: a few rounds of held-out training. Each round hides a random quarter of the intents entirely and a fifth of
 * the examples of the others, trains on the rest, and scores what was hidden. Hidden examples of known intents show
 * how confident the model is when it is right; examples of hidden intents behave like real out-of-scope questions
 * (close to the domain, which is the hard case), and training rows labelled out-of-scope, when there are any, are
 * real ones. The threshold maximises a weighted sum of in-scope accuracy and out-of-scope recall (each a rate, so the
 * answer does not depend on how many out-of-scope rows the training file happens to have; a threshold chosen by MCC
 * on a dev set with few of them comes out far too low).
 */
final class OutOfScopeCalibrator {
    private static final Logger LOG = LoggerFactory.getLogger(OutOfScopeCalibrator.class);
    /** A threshold never goes outside these bounds: below, everything is answered; above, nothing is. */
    private static final double MIN_THRESHOLD = 0.05;
    private static final double MAX_THRESHOLD = 0.95;
    private static final int THRESHOLD_STEPS = 181;
    /** Thresholds scoring within this of the best count as near-best; the middle one of them is taken. */
    private static final double NEAR_BEST = 0.0025;

    private OutOfScopeCalibrator() {
    }

    /** One scored held-out row. */
    record Sample(double confidence, boolean correct, boolean outOfScope, boolean realOutOfScope) {
    }

    static OutOfScopeFit fit(List<Event> events, String oosLabel, IntentModel.Settings settings) {
        List<Sample> samples = heldOutSamples(events, oosLabel, settings);
        OutOfScopeFit fit = choose(samples, settings.defaultThreshold(), settings.calibration());
        LOG.debug("out-of-scope threshold {} from {} held-out samples", fit.threshold(), samples.size());
        return fit;
    }

    static List<Sample> heldOutSamples(List<Event> events, String oosLabel, IntentModel.Settings settings) {
        Map<String, List<Event>> byLabel = new LinkedHashMap<>();
        for (Event e : events) {
            byLabel.computeIfAbsent(e.getOutcome(), k -> new ArrayList<>()).add(e);
        }
        List<Event> oos = byLabel.getOrDefault(oosLabel, List.of());
        List<String> intents = new ArrayList<>(byLabel.keySet());
        intents.remove(oosLabel);
        List<Sample> samples = new ArrayList<>();
        if (intents.size() < 2) {
            return samples;
        }
        Random random = new Random(settings.seed());
        IntentModel.Calibration plan = settings.calibration();
        int hiddenIntents = intents.size() >= 4 ? Math.max(1, (int) Math.round(intents.size() * plan.hiddenIntentShare())) : 0;
        IntentModel.Settings inner = settings.withCalibrationRounds(0);
        for (int round = 0; round < settings.calibrationRounds(); round++) {
            List<String> shuffled = new ArrayList<>(intents);
            Collections.shuffle(shuffled, random);
            Set<String> hidden = new HashSet<>(shuffled.subList(0, hiddenIntents));
            List<Event> train = new ArrayList<>();
            List<Event> dev = new ArrayList<>();
            List<Event> pseudoOos = new ArrayList<>();
            for (String intent : intents) {
                List<Event> rows = new ArrayList<>(byLabel.get(intent));
                if (hidden.contains(intent)) {
                    pseudoOos.addAll(rows);
                    continue;
                }
                Collections.shuffle(rows, random);
                int devCount = rows.size() >= 3 ? Math.max(1, (int) Math.round(rows.size() * plan.hiddenExampleShare())) : 0;
                dev.addAll(rows.subList(0, devCount));
                train.addAll(rows.subList(devCount, rows.size()));
            }
            List<Event> oosRows = new ArrayList<>(oos);
            Collections.shuffle(oosRows, random);
            int oosDev = oosRows.size() / 2;
            List<Event> realOosDev = oosRows.subList(0, oosDev);
            train.addAll(oosRows.subList(oosDev, oosRows.size()));

            MaxentModel model = IntentModel.trainMaxent(train, inner);
            String[] labels = new String[model.getNumOutcomes()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = model.getOutcome(i);
            }
            for (Event e : dev) {
                IntentPrediction p = IntentModel.decide(labels, model.eval(e.getContext()), oosLabel, 0);
                samples.add(new Sample(p.confidence(), e.getOutcome().equals(p.best()), false, false));
            }
            for (Event e : pseudoOos) {
                IntentPrediction p = IntentModel.decide(labels, model.eval(e.getContext()), oosLabel, 0);
                samples.add(new Sample(p.confidence(), false, true, false));
            }
            for (Event e : realOosDev) {
                IntentPrediction p = IntentModel.decide(labels, model.eval(e.getContext()), oosLabel, 0);
                samples.add(new Sample(p.confidence(), false, true, true));
            }
        }
        return samples;
    }

    /**
     * The threshold that maximises (1 − s)·in-scope accuracy + s·out-of-scope recall on the samples, s being the plan's
     * {@code outOfScopeShare}. When the training file has out-of-scope rows and intents were hidden too, the recall is
     * a weighted mean of both kinds ({@code realWeight} for the real rows). Among near-best thresholds the middle one
     * is taken, which is steadier than the exact arg-max on a few hundred samples.
     */
    static double chooseThreshold(List<Sample> samples, double fallback) {
        return choose(samples, fallback, IntentModel.Calibration.DEFAULT).threshold();
    }

    static OutOfScopeFit choose(List<Sample> samples, double fallback, IntentModel.Calibration plan) {
        int inScope = 0;
        int real = 0;
        int simulated = 0;
        for (Sample s : samples) {
            if (!s.outOfScope()) {
                inScope++;
            } else if (s.realOutOfScope()) {
                real++;
            } else {
                simulated++;
            }
        }
        if (inScope == 0 || real + simulated == 0) {
            return new OutOfScopeFit(fallback, inScope, real, simulated, Double.NaN, Double.NaN, fallback, fallback, false);
        }
        double[] score = new double[THRESHOLD_STEPS];
        double[] kept = new double[THRESHOLD_STEPS];
        double[] recall = new double[THRESHOLD_STEPS];
        double best = -1;
        for (int k = 0; k < THRESHOLD_STEPS; k++) {
            double t = step(k);
            int right = 0;
            int realRejected = 0;
            int simRejected = 0;
            for (Sample s : samples) {
                boolean rejected = s.confidence() < t;
                if (!s.outOfScope()) {
                    if (!rejected && s.correct()) {
                        right++;
                    }
                } else if (rejected) {
                    if (s.realOutOfScope()) {
                        realRejected++;
                    } else {
                        simRejected++;
                    }
                }
            }
            if (real > 0 && simulated > 0) {
                recall[k] = plan.realWeight() * realRejected / real + (1 - plan.realWeight()) * simRejected / simulated;
            } else if (real > 0) {
                recall[k] = (double) realRejected / real;
            } else {
                recall[k] = (double) simRejected / simulated;
            }
            kept[k] = (double) right / inScope;
            score[k] = (1 - plan.outOfScopeShare()) * kept[k] + plan.outOfScopeShare() * recall[k];
            best = Math.max(best, score[k]);
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < THRESHOLD_STEPS; k++) {
            if (score[k] >= best - NEAR_BEST) {
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        int mid = (first + last) / 2;
        return new OutOfScopeFit(step(mid), inScope, real, simulated, kept[mid], recall[mid], step(first), step(last), true);
    }

    private static double step(int k) {
        return MIN_THRESHOLD + (MAX_THRESHOLD - MIN_THRESHOLD) * k / (THRESHOLD_STEPS - 1);
    }
}
