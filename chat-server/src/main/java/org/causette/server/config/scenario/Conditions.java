package org.causette.server.config.scenario;

import java.util.List;

/**
 * What must also hold for a scenario to fire.
 *
 * @param languages  the visitor's language must be one of these (empty: any)
 * @param duringBusinessHours true: only while the site's business hours are open (someone can take over)
 * @param identified null: anyone; true: only visitors with a verified identity; false: only anonymous ones
 * @param consent    null: anyone; true: only visitors who consented (event triggers need it anyway)
 * @param segments   the visitor must be in at least one of these segments of scenarios.json (empty: anyone)
 */
public record Conditions(List<String> languages, boolean duringBusinessHours, Boolean identified, Boolean consent,
                         List<String> segments) {
    public static final Conditions NONE = new Conditions(List.of(), false, null, null, List.of());

    public Conditions {
        languages = List.copyOf(languages);
        segments = List.copyOf(segments);
    }

    /** Conditions without segments. */
    public Conditions(List<String> languages, boolean duringBusinessHours, Boolean identified, Boolean consent) {
        this(languages, duringBusinessHours, identified, consent, List.of());
    }
}
