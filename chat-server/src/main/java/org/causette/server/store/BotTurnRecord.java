package org.causette.server.store;

import java.time.Instant;

/**
 * What the bot made of one visitor message, for the report: top intents and the questions it did not understand.
 *
 * @param action "answer", "clarify" or "handover"
 * @param understood false when the bot did not know what the shopper meant (out of scope or too unsure)
 */
public record BotTurnRecord(String siteId, String conversationId, String visitorId, String text, String intent,
                            double confidence, String action, boolean understood, Instant ts) {
}
