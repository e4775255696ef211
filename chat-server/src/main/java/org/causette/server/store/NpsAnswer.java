package org.causette.server.store;

import java.time.Instant;

/** A customer's 0–10 answer to "how likely are you to recommend us", asked after a closed conversation. */
public record NpsAnswer(String siteId, String conversationId, String visitorId, int score, String comment, Instant ts) {
    /** 9 or 10. */
    public boolean promoter() {
        return score >= 9;
    }

    /** 0 to 6. */
    public boolean detractor() {
        return score <= 6;
    }
}
