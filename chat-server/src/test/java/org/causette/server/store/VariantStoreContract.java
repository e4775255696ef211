package org.causette.server.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link VariantStore}: the proactive frequency cap and variant counters. */
public abstract class VariantStoreContract extends StoreContract {

    @Test
    void aProactiveClaimHoldsUntilItRunsOutAndOnlyOneOfManyWins() throws Exception {
        // Redis expires claims by the wall clock, so the times here are real ones.
        Instant now = Instant.now();
        Instant until = now.plus(Duration.ofHours(1));
        assertTrue(store.claimProactive(site, "v1", now, until));
        assertFalse(store.claimProactive(site, "v1", now.plusSeconds(60), until.plusSeconds(60)));
        assertTrue(store.claimProactive(site, "v2", now, until), "another visitor has its own slot");
        assertTrue(store.claimProactive(site, "v4", now.minusSeconds(10), now.plusMillis(200)));
        Thread.sleep(400);
        assertTrue(store.claimProactive(site, "v4", Instant.now(), Instant.now().plusSeconds(60)), "a claim that ran out frees the slot");
        // Many at once for a fresh visitor: exactly one wins.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tries.add(pool.submit(() -> store.claimProactive(site, "v3", now, now.plus(Duration.ofHours(1)))));
            }
            int won = 0;
            for (Future<Boolean> attempt : tries) {
                won += attempt.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void variantCountersAddUpPerVariantAndStat() {
        assertEquals(Map.of(), store.variantCounts(site, "cart"));
        store.countVariant(site, "cart", "a", "shown");
        store.countVariant(site, "cart", "a", "shown");
        store.countVariant(site, "cart", "a", "answered");
        store.countVariant(site, "cart", "b", "shown");
        store.countVariant(site, "other", "a", "shown");
        assertEquals(Map.of("a:shown", 2L, "a:answered", 1L, "b:shown", 1L), store.variantCounts(site, "cart"));
    }
}
