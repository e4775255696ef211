package org.causette.server.marketing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignificanceTest {
    @Test
    void aClearDifferenceOnEnoughDataIsSignificant() {
        // 10% vs 15% on 1,000 each: z ≈ 3.38, p ≈ 0.0007 (textbook pooled two-proportion test).
        TwoProportionTest test = TwoProportionTest.of(1000, 100, 1000, 150);
        assertEquals(0.05, test.difference(), 1e-9);
        assertEquals(3.38, test.z(), 0.01);
        assertEquals(0.0007, test.pValue(), 0.0001);
        assertTrue(test.enoughData());
        assertTrue(test.significant());
    }

    @Test
    void aSmallDifferenceIsNot() {
        TwoProportionTest test = TwoProportionTest.of(1000, 100, 1000, 110);
        assertTrue(test.pValue() > 0.05);
        assertFalse(test.significant());
    }

    @Test
    void tooFewShownIsNotEnoughDataWhateverTheRates() {
        TwoProportionTest test = TwoProportionTest.of(50, 5, 50, 40);
        assertFalse(test.enoughData());
        assertFalse(test.significant());
        assertTrue(test.pValue() < 0.05, "the p-value is still reported");
    }

    @Test
    void nothingShownIsNoResult() {
        TwoProportionTest test = TwoProportionTest.of(0, 0, 0, 0);
        assertEquals(1.0, test.pValue());
        assertEquals(0.0, test.z());
    }

    @Test
    void theNormalCdfIsRightWhereItMatters() {
        assertEquals(0.5, TwoProportionTest.normalCdf(0), 1e-7);
        assertEquals(0.975, TwoProportionTest.normalCdf(1.959964), 1e-6);
        assertEquals(0.025, TwoProportionTest.normalCdf(-1.959964), 1e-6);
    }
}
