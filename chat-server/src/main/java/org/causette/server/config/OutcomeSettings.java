package org.causette.server.config;

import java.time.Duration;

/**
 * How a site measures what conversations bring (site.json, docs/site-files.md): how long after a conversation a
 * purchase still counts for it, and whether shoppers are asked the NPS question, at most once per period.
 *
 * @param attribution {@code attributionDays}, default 7: a purchase counts for conversations (and proactive variants
 *                    shown) at most this long before it
 * @param npsPeriod   {@code nps.periodDays}: a customer is asked at most once per period; null: NPS is off
 */
public record OutcomeSettings(Duration attribution, Duration npsPeriod) {
    public static final int DEFAULT_ATTRIBUTION_DAYS = 7;
    public static final int DEFAULT_NPS_PERIOD_DAYS = 90;
    public static final OutcomeSettings DEFAULTS = new OutcomeSettings(Duration.ofDays(DEFAULT_ATTRIBUTION_DAYS), null);

    public boolean npsOn() {
        return npsPeriod != null;
    }

    /** Reads {@code attributionDays} and {@code nps} of a site.json. */
    static OutcomeSettings from(JsonFields site) {
        int attributionDays = site.optionalInt("attributionDays", DEFAULT_ATTRIBUTION_DAYS, 1, 365);
        Duration npsPeriod = null;
        if (site.has("nps")) {
            if (!site.raw("nps").isObject()) {
                throw site.fail("nps", "must be an object like {\"periodDays\": 90}, or left out to ask no NPS question");
            }
            JsonFields nps = site.optionalObject("nps");
            npsPeriod = Duration.ofDays(nps.optionalInt("periodDays", DEFAULT_NPS_PERIOD_DAYS, 1, 3650));
        }
        return new OutcomeSettings(Duration.ofDays(attributionDays), npsPeriod);
    }
}
