package org.causette.bot.nlu;

/**
 * How the out-of-scope threshold was chosen on the training file, for the eval report and the logs.
 *
 * @param threshold         the confidence below which the bot does not answer
 * @param inScopeSamples    held-out examples of known intents scored during the fit
 * @param realOutOfScope    held-out out-of-scope rows of the training file scored during the fit
 * @param hiddenIntentRows  examples of intents hidden whole, scored as stand-ins for unseen questions
 * @param inScopeKept       share of the held-out in-scope examples answered right at the threshold
 * @param outOfScopeCaught  (weighted) share of the out-of-scope stand-ins rejected at the threshold
 * @param nearBestLow       lowest threshold whose score was within reach of the best
 * @param nearBestHigh      highest such threshold; the chosen one is their middle
 * @param fitted            false when there was nothing to fit on and the default threshold is used
 */
public record OutOfScopeFit(double threshold, int inScopeSamples, int realOutOfScope, int hiddenIntentRows,
                            double inScopeKept, double outOfScopeCaught, double nearBestLow, double nearBestHigh,
                            boolean fitted) {

    /** The default threshold, not fitted (no calibration rounds, or a model loaded with its threshold). */
    static OutOfScopeFit unfitted(double threshold) {
        return new OutOfScopeFit(threshold, 0, 0, 0, Double.NaN, Double.NaN, threshold, threshold, false);
    }

    /** One line saying which threshold and why. */
    public String describe() {
        if (!fitted) {
            return String.format(java.util.Locale.ROOT, "out-of-scope threshold %.3f (default: nothing to fit on)", threshold);
        }
        return String.format(java.util.Locale.ROOT,
                "out-of-scope threshold %.3f, the middle of the near-best range %.3f-%.3f on %d held-out in-scope examples,"
                        + " %d held-out out-of-scope rows and %d rows of hidden intents: there it keeps %.3f of the"
                        + " in-scope examples answered right and rejects %.3f of the out-of-scope ones",
                threshold, nearBestLow, nearBestHigh, inScopeSamples, realOutOfScope, hiddenIntentRows, inScopeKept,
                outOfScopeCaught);
    }
}
