package org.causette.server.config;

import java.time.Duration;

/**
 * How long a person may hold a conversation without answering before it is offered to the next one
 * (site.json {@code routing}). An ambassador who does not answer in time gives way to an agent.
 *
 * @param answerTimeout           agents: {@code answerTimeoutSeconds}, default 60
 * @param ambassadorAnswerTimeout ambassadors: {@code ambassadorAnswerTimeoutSeconds}, default 120
 */
public record RoutingSettings(Duration answerTimeout, Duration ambassadorAnswerTimeout) {
    public static final RoutingSettings DEFAULTS = new RoutingSettings(Duration.ofSeconds(60), Duration.ofSeconds(120));
}
