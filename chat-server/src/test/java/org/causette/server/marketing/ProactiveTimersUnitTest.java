package org.causette.server.marketing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProactiveTimersUnitTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void eachCheckComesDueOnceInOrderAndTheEntryGoesAfterItsLast() {
        ProactiveTimers timers = new ProactiveTimers();
        timers.arm("s", "v1", ProactiveTimers.Kind.PAGE, T0, "/a", List.of(Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(30)), T0);
        timers.arm("s", "v2", ProactiveTimers.Kind.CART, T0, null, List.of(Duration.ofSeconds(10)), T0);
        assertTrue(timers.due(T0.plusSeconds(9)).isEmpty());
        assertEquals(List.of("v2"), timers.due(T0.plusSeconds(30)).stream().map(d -> d.visitorId()).filter("v2"::equals).toList());
        assertFalse(timers.armed("s", "v2", ProactiveTimers.Kind.CART), "its only check ran");
        assertTrue(timers.armed("s", "v1", ProactiveTimers.Kind.PAGE), "one check (60 s) left");
        assertTrue(timers.due(T0.plusSeconds(59)).isEmpty(), "the 30 s check already ran, once");
        List<ProactiveTimers.Due> last = timers.due(T0.plusSeconds(61));
        assertEquals(1, last.size());
        assertEquals("/a", last.get(0).url());
        assertEquals(T0, last.get(0).since());
        assertEquals(0, timers.size());
    }

    @Test
    void armingAgainReplacesAndCancelForgets() {
        ProactiveTimers timers = new ProactiveTimers();
        timers.arm("s", "v", ProactiveTimers.Kind.PAGE, T0, "/a", List.of(Duration.ofSeconds(30)), T0);
        timers.arm("s", "v", ProactiveTimers.Kind.PAGE, T0.plusSeconds(20), "/b", List.of(Duration.ofSeconds(30)), T0.plusSeconds(20));
        assertTrue(timers.due(T0.plusSeconds(40)).isEmpty(), "the first page's check is gone");
        assertEquals("/b", timers.due(T0.plusSeconds(50)).get(0).url());
        timers.arm("s", "v", ProactiveTimers.Kind.CART, T0, null, List.of(Duration.ofSeconds(30)), T0);
        timers.cancel("s", "v", ProactiveTimers.Kind.CART);
        assertTrue(timers.due(T0.plusSeconds(100)).isEmpty());
        timers.arm("s", "v", ProactiveTimers.Kind.CART, T0, null, List.of(Duration.ofSeconds(30)), T0.plusSeconds(40));
        assertEquals(0, timers.size(), "checks already in the past are not armed");
    }

    @Test
    void staysBoundedDroppingTheOldestVisitors() {
        ProactiveTimers timers = new ProactiveTimers(1000);
        for (int i = 0; i < 5000; i++) {
            timers.arm("s", "v" + i, ProactiveTimers.Kind.PAGE, T0, "/", List.of(Duration.ofSeconds(30)), T0);
        }
        assertEquals(1000, timers.size());
        assertFalse(timers.armed("s", "v0", ProactiveTimers.Kind.PAGE));
        assertTrue(timers.armed("s", "v4999", ProactiveTimers.Kind.PAGE));
        assertEquals(1000, timers.due(T0.plusSeconds(30)).size(), "the queue holds no stale slot of the dropped ones");
        assertEquals(0, timers.size());
    }
}
