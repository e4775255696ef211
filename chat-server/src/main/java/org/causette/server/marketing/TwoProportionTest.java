package org.causette.server.marketing;

/**
 * Whether two variants' rates (answered / shown) really differ: the pooled two-proportion z-test, two-sided. Below
 * {@code minSample} shown per variant the normal approximation (and the shop's patience) is not worth much, so the
 * result says there is not enough data instead of claiming anything.
 *
 * @param rateA        answered / shown of A (0 when never shown)
 * @param difference   rateB - rateA
 * @param z            the z statistic (0 when undefined)
 * @param pValue       two-sided p-value (1 when undefined)
 * @param enoughData   both variants were shown at least {@code minSample} times
 * @param significant  enough data and p below alpha
 */
public record TwoProportionTest(double rateA, double rateB, double difference, double z, double pValue,
                                boolean enoughData, boolean significant) {
    public static final int MIN_SAMPLE = 100;
    public static final double ALPHA = 0.05;

    public static TwoProportionTest of(long shownA, long answeredA, long shownB, long answeredB) {
        return of(shownA, answeredA, shownB, answeredB, MIN_SAMPLE, ALPHA);
    }

    public static TwoProportionTest of(long shownA, long answeredA, long shownB, long answeredB, int minSample,
                                       double alpha) {
        double rateA = shownA == 0 ? 0 : (double) answeredA / shownA;
        double rateB = shownB == 0 ? 0 : (double) answeredB / shownB;
        boolean enough = shownA >= minSample && shownB >= minSample;
        double z = 0;
        double p = 1;
        if (shownA > 0 && shownB > 0) {
            double pooled = (double) (answeredA + answeredB) / (shownA + shownB);
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / shownA + 1.0 / shownB));
            if (se > 0) {
                z = (rateB - rateA) / se;
                p = 2 * (1 - normalCdf(Math.abs(z)));
            }
        }
        return new TwoProportionTest(rateA, rateB, rateB - rateA, z, p, enough, enough && p < alpha);
    }

    /** Standard normal CDF by the Abramowitz–Stegun 7.1.26 erf approximation (error below 1.5e-7): enough here. */
    static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
