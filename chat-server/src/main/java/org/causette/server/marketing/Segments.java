package org.causette.server.marketing;

import org.causette.server.config.scenario.Conditions;
import org.causette.server.config.scenario.Segment;
import org.causette.server.config.scenario.Trigger;
import org.causette.server.conversation.VisitorSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Whether a visitor is in a scenario's segments: the cheap criteria first, the store only when one needs it. */
final class Segments {
    private Segments() {
    }

    /** True when the conditions name no segment, or the visitor is in at least one of those named. */
    static boolean hold(Conditions conditions, Map<String, Segment> segments, VisitorSession connection,
                        String language, Instant now, VisitorFacts facts) {
        if (conditions.segments().isEmpty()) {
            return true;
        }
        for (String id : conditions.segments()) {
            Segment segment = segments.get(id);
            if (segment != null && contains(segment, connection, language, now, facts)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(Segment segment, VisitorSession connection, String language, Instant now, VisitorFacts facts) {
        if (segment.identified() != null && segment.identified() != connection.identified()) {
            return false;
        }
        if (!segment.languages().isEmpty() && !segment.languages().contains(language)) {
            return false;
        }
        if (segment.needsEvents() && !connection.consent()) {
            return false; // Events are kept only with consent: without it these criteria cannot hold.
        }
        if (segment.returning() != null) {
            Instant since = now.minus(Duration.ofMinutes(Trigger.RETURNING_AFTER_MINUTES));
            boolean returning = facts.firstSeen().map(first -> first.isBefore(since)).orElse(false);
            if (returning != segment.returning()) {
                return false;
            }
        }
        if (segment.minPages() > 0 && facts.count("page_view") < segment.minPages()) {
            return false;
        }
        if (segment.visited() != null && !facts.visited(segment.visited())) {
            return false;
        }
        if (segment.minPurchases() > 0 && facts.count("purchase") < segment.minPurchases()) {
            return false;
        }
        return segment.minLifetimeValue() <= 0 || facts.lifetimeValue() >= segment.minLifetimeValue();
    }
}
