package org.causette.bot.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * hand-scored.csv, worked by hand (labels a, b, oos; 8 rows):
 * correct rows 1, 2, 4, 6, 8 → accuracy 5/8; in-scope rows 1–5, correct 1, 2, 4 → 3/5;
 * oos rows 6–8, caught 6, 8 → recall 2/3; predicted oos 5, 6, 8, of which 6, 8 are oos → precision 2/3.
 * MCC (Gorodkin): c=5, s=8, true counts (3,2,3), predicted counts (3,2,3):
 * (5·8 − (9+4+9)) / √((64−22)(64−22)) = 18/42 = 3/7.
 * F1: a 2·2/(3+3) = 2/3, b 2·1/(2+2) = 1/2, oos 2·2/(3+3) = 2/3 → macro 11/18.
 */
class MetricsTest {

    @Test
    void matchesTheHandComputedScores() throws IOException {
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        try (Reader r = new InputStreamReader(MetricsTest.class.getResourceAsStream("/org/causette/bot/eval/hand-scored.csv"), StandardCharsets.UTF_8)) {
            List<List<String>> rows = CsvReader.read(r);
            for (List<String> row : rows.subList(1, rows.size())) {
                gold.add(row.get(0));
                predicted.add(row.get(1));
            }
        }
        Metrics m = Metrics.of(gold, predicted, "oos");
        assertEquals(8, m.n());
        assertEquals(5.0 / 8, m.accuracy(), 1e-12);
        assertEquals(3.0 / 5, m.inScopeAccuracy(), 1e-12);
        assertEquals(2.0 / 3, m.oosRecall(), 1e-12);
        assertEquals(2.0 / 3, m.oosPrecision(), 1e-12);
        assertEquals(3.0 / 7, m.mcc(), 1e-12);
        assertEquals(11.0 / 18, m.macroF1(), 1e-12);
    }

    @Test
    void oosFieldsAreNullWithoutOosRowsAndPerfectIsOne() {
        Metrics m = Metrics.of(List.of("a", "b", "b"), List.of("a", "b", "b"), "oos");
        assertNull(m.oosRecall());
        assertNull(m.oosPrecision());
        assertEquals(1.0, m.mcc(), 1e-12);
        assertEquals(1.0, m.macroF1(), 1e-12);
        assertEquals(1.0, m.inScopeAccuracy(), 1e-12);
    }

    @Test
    void binaryCaseEqualsTheClassicMcc() {
        // TP=2 (a→a), FN=1 (a→b), FP=1 (b→a), TN=2 (b→b): (2·2 − 1·1)/√(3·3·3·3) = 3/9
        Metrics m = Metrics.of(List.of("a", "a", "a", "b", "b", "b"), List.of("a", "a", "b", "a", "b", "b"), "oos");
        assertEquals(1.0 / 3, m.mcc(), 1e-12);
    }

    @Test
    void noOosPredictedGivesZeroPrecision() {
        Metrics m = Metrics.of(List.of("a", "oos"), List.of("a", "a"), "oos");
        assertEquals(0.0, m.oosPrecision());
        assertEquals(0.0, m.oosRecall());
    }
}
