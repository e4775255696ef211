package org.causette.server.config.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A site's scenarios.json.
 *
 * @param cap       at most one proactive message per visitor in this period, whatever the scenario
 * @param scenarios in the order of the file; the bot's greeting, when the file has one, is the last, with the
 *                  {@link Trigger.On#GREETING} trigger (no event fires it), so reports count it like the others
 * @param segments  the named segments by id
 */
public record Scenarios(Duration cap, List<Scenario> scenarios, Map<String, Segment> segments) {
    public static final Duration DEFAULT_CAP = Duration.ofHours(24);
    public static final Scenarios NONE = new Scenarios(DEFAULT_CAP, List.of());

    public Scenarios {
        scenarios = List.copyOf(scenarios);
        segments = Map.copyOf(segments);
    }

    public Scenarios(Duration cap, List<Scenario> scenarios) {
        this(cap, scenarios, Map.of());
    }

    public List<Scenario> on(Trigger.On on) {
        return scenarios.stream().filter(s -> s.trigger().on() == on).toList();
    }

    public boolean any(Trigger.On on) {
        return scenarios.stream().anyMatch(s -> s.trigger().on() == on);
    }

    /** The bot's greeting as an A/B test, when scenarios.json has one. */
    public Optional<Scenario> greeting() {
        return scenarios.stream().filter(s -> s.trigger().on() == Trigger.On.GREETING).findFirst();
    }
}
