package org.causette.server.config.scenario;

import java.util.List;

/**
 * A named group of visitors of scenarios.json, computed from what the store already has (the visitor's profile and
 * consented events) when a scenario restricted to it is a candidate. A visitor is in the segment when every
 * criterion given holds; a criterion left out (null, 0, empty) says nothing.
 *
 * @param returning        true: first seen more than {@link Trigger#RETURNING_AFTER_MINUTES} minutes ago; false: newer
 * @param identified       true: a verified identity; false: anonymous
 * @param languages        the visitor's language is one of these
 * @param minPages         at least this many page views (consented events)
 * @param visited          viewed at least one page whose url contains this
 * @param minPurchases     at least this many purchase events
 * @param minLifetimeValue the purchases' {@code data.value} add up to at least this
 */
public record Segment(String id, Boolean returning, Boolean identified, List<String> languages, int minPages,
                      String visited, int minPurchases, double minLifetimeValue) {
    public Segment {
        languages = List.copyOf(languages);
    }

    /** Whether it reads the visitor's events (so it needs consent to ever hold). */
    public boolean needsEvents() {
        return minPages > 0 || visited != null || minPurchases > 0 || minLifetimeValue > 0;
    }
}
