package org.causette.bot.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IntentReportTest {
    @Test
    void countsEachLabelAndItsMostFrequentConfusionWorstFirst() {
        List<String> gold = List.of("a", "a", "a", "b", "b", "oos", "oos");
        List<String> predicted = List.of("a", "b", "b", "b", "b", "oos", "a");
        List<IntentReport.Row> rows = IntentReport.rows(gold, predicted);
        assertEquals(List.of("a", "b", "oos"), rows.stream().map(IntentReport.Row::label).toList());
        IntentReport.Row a = rows.get(0);
        assertEquals(3, a.support());
        assertEquals(2, a.predicted());
        assertEquals(1, a.correct());
        assertEquals("b", a.mostConfusedWith());
        assertEquals(2, a.confusedCount());
        assertEquals(0.4, a.f1(), 1e-12); // 2·1 / (3 + 2)
        IntentReport.Row b = rows.get(1); // F1 2·2 / (2 + 4) ties with oos 2·1 / (2 + 1): by name
        assertEquals(0.5, b.precision(), 1e-12);
        assertEquals(1.0, b.recall(), 1e-12);
        assertNull(b.mostConfusedWith());
    }
}
