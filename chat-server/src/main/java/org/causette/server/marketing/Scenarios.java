package org.causette.server.marketing;

import java.time.Duration;
import java.util.List;

/**
 * A site's scenarios.json.
 *
 * @param cap at most one proactive message per visitor in this period, whatever the scenario
 */
public record Scenarios(Duration cap, List<Scenario> scenarios) {
    public static final Duration DEFAULT_CAP = Duration.ofHours(24);
    public static final Scenarios NONE = new Scenarios(DEFAULT_CAP, List.of());

    public Scenarios {
        scenarios = List.copyOf(scenarios);
    }

    public List<Scenario> on(Trigger.On on) {
        return scenarios.stream().filter(s -> s.trigger().on() == on).toList();
    }
}
