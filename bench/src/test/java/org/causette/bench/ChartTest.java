package org.causette.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {
    @Test
    void roundsAxesUp() {
        assertEquals(1, Chart.nice(0.7));
        assertEquals(5000, Chart.nice(4100));
        assertEquals(25, Chart.nice(21));
        assertEquals(10, Chart.nice(10));
    }

    @Test
    void drawsAndTabulatesARun() {
        Stats.Latency latency = new Stats.Latency(10, 1, 2, 3, 4, 5, 1.5, 100);
        Results.Cpu cpu = new Results.Cpu(1, 0.5, 2);
        Results.Step floor = new Results.Step("floor", 1000, 10, 9000, 9000, 900, 0, 0, Map.of(), latency, latency, cpu, 1, 1, "0 0 0");
        Results.Step hub = new Results.Step("hub", 1000, 10, 4500, 4500, 450, 0, 0, Map.of(), latency, latency, cpu, 1, 1, "0 0 0");
        Results.Open open = new Results.Open("hub", 225, 224, 113, 20, 4480, 4480, 0, 0, 0, Map.of(), latency, latency, cpu, 1, 1, "0 0 0");
        Results.Idle idle = new Results.Idle("hub", 1000, 5 << 20, 3 << 20, 1 << 20, 1 << 20, 4096, 2048, 1000, null, null, 20, "TCP:", "0 0 0");
        Results.Run run = new Results.Run("hub", "a", "b", Machine.describe(), "0 0 0", "0 0 0", List.of(), "", 110,
                List.of(floor), List.of(hub), 900.0, 450.0, 0.5, open, List.of(idle), List.of("a note"));
        String svg = Chart.svg(run, run);
        assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"));
        assertTrue(svg.contains("hub / floor = 0.500"), svg);
        String markdown = Results.markdown(run);
        assertTrue(markdown.contains("| hub | 1000 | 450 |"), markdown);
        assertTrue(markdown.contains("hub / floor = 0.500"), markdown);
        assertTrue(markdown.contains("4.00 KiB"), markdown);
    }
}
