package org.causette.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What conversations led to: CSAT ratings, A/B exposures, and the NPS question asked once per period. */
public interface OutcomeStore {

    /** Saves a rating; a second rating of the same conversation replaces the first. */
    void saveRating(Rating rating);

    Optional<Rating> rating(String conversationId);

    /** Ratings of a site's conversations given in [from, to). */
    List<Rating> ratings(String siteId, Instant from, Instant to);

    /** Records that a visitor was shown a scenario's variant. */
    void saveExposure(Exposure exposure);

    /** The variants a visitor was shown, oldest first. */
    List<Exposure> exposures(String siteId, String visitorId);

    /**
     * Atomically takes the right to ask a customer the NPS question until {@code until}: true when no ask was running
     * at {@code now}, so two tabs or nodes never both ask within a period.
     *
     * @param customerKey "u:" + verified user id, else "v:" + visitor id
     */
    boolean claimNpsAsk(String siteId, String customerKey, String conversationId, String visitorId, Instant now,
                        Instant until);

    /** The conversation the customer was asked about, while that ask runs and is not answered yet. */
    Optional<String> pendingNps(String siteId, String customerKey, Instant now);

    /**
     * Saves an answer if the customer's ask is still running (at {@code answer.ts()}) and unanswered, marking it
     * answered in the same atomic step: a second answer, from another tab, is refused.
     */
    boolean saveNpsAnswer(NpsAnswer answer, String customerKey);

    /** NPS answers of a site given in [from, to), oldest first. */
    List<NpsAnswer> npsAnswers(String siteId, Instant from, Instant to);
}
