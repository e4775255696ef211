package org.causette.server.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of {@link OutcomeStore}: ratings, A/B exposures, NPS asks and answers. */
public abstract class OutcomeStoreContract extends StoreContract {

    @Test
    void aSecondRatingReplacesTheFirst() {
        Conversation c = open("v1");
        store.saveRating(new Rating(site, c.id(), "v1", 2, null, T0));
        Rating second = new Rating(site, c.id(), "v1", 5, "Parfait", T0.plusSeconds(1));
        store.saveRating(second);
        assertEquals(second, store.rating(c.id()).orElseThrow());
        assertEquals(List.of(second), store.ratings(site, T0, T0.plusSeconds(2)));
        assertEquals(List.of(), store.ratings(site, T0, T0.plusSeconds(1)));
    }

    @Test
    void exposuresAndVariantAmounts() {
        store.saveExposure(new Exposure(site, "v1", "cart", "b", T0.plusSeconds(10)));
        store.saveExposure(new Exposure(site, "v1", "pages", "a", T0));
        store.saveExposure(new Exposure(site, "v2", "cart", "a", T0));
        assertEquals(List.of(new Exposure(site, "v1", "pages", "a", T0), new Exposure(site, "v1", "cart", "b", T0.plusSeconds(10))),
                store.exposures(site, "v1"));
        store.countVariant(site, "cart", "b", "converted");
        store.addToVariant(site, "cart", "b", "revenueCents", 5_990);
        store.addToVariant(site, "cart", "b", "revenueCents", 1_000);
        assertEquals(Map.of("b:converted", 1L, "b:revenueCents", 6_990L), store.variantCounts(site, "cart"));
    }

    @Test
    void aCustomerIsAskedTheNpsQuestionOncePerPeriodAndAnswersOnce() throws Exception {
        Instant until = T0.plus(Duration.ofDays(90));
        List<Boolean> claims = inParallel(8, () -> store.claimNpsAsk(site, "u:42", "c1", "v1", T0, until));
        assertEquals(1, claims.stream().filter(b -> b).count(), "two tabs never both ask");
        assertFalse(store.claimNpsAsk(site, "u:42", "c2", "v1", T0.plus(Duration.ofDays(89)), until.plus(Duration.ofDays(89))));
        assertTrue(store.claimNpsAsk(site, "v:v9", "c9", "v9", T0, until), "another customer has their own period");
        assertEquals(Optional.of("c1"), store.pendingNps(site, "u:42", T0.plusSeconds(30)));
        assertEquals(Optional.empty(), store.pendingNps(site, "u:7", T0));

        NpsAnswer answer = new NpsAnswer(site, "c1", "v1", 9, "Super", T0.plusSeconds(30));
        List<Boolean> saved = inParallel(4, () -> store.saveNpsAnswer(answer, "u:42"));
        assertEquals(1, saved.stream().filter(b -> b).count(), "one answer per ask");
        assertEquals(List.of(answer), store.npsAnswers(site, T0, T0.plusSeconds(31)));
        assertEquals(List.of(), store.npsAnswers(site, T0, T0.plusSeconds(30)), "to is exclusive");
        assertEquals(Optional.empty(), store.pendingNps(site, "u:42", T0.plusSeconds(31)));
        assertFalse(store.saveNpsAnswer(new NpsAnswer(site, "c1", "v1", 3, null, T0.plusSeconds(40)), "u:7"), "never asked");
        assertFalse(store.saveNpsAnswer(new NpsAnswer(site, "c9", "v9", 3, null, until.plusSeconds(1)), "v:v9"), "the ask ran out");

        assertTrue(store.claimNpsAsk(site, "u:42", "c3", "v1", until.plusSeconds(1), until.plus(Duration.ofDays(90))),
                "the next period asks again");
        assertTrue(store.saveNpsAnswer(new NpsAnswer(site, "c3", "v1", 6, null, until.plusSeconds(2)), "u:42"));
    }
}
