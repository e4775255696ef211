package org.causette.server.config;

import java.time.Instant;
import java.util.Map;

/**
 * Something an admin taught the bot from the report: a shopper's question as a new example of an intent, or a new
 * FAQ answer. Kept in the store so the lesson survives restarts and reaches every node.
 *
 * @param intent   the intent the question belongs to (built-in or FAQ id; a new id makes a new FAQ intent)
 * @param language "fr" or "en"
 * @param answer   the answer by language for a new FAQ intent, or empty when only adding an example
 */
public record Lesson(String siteId, String text, String language, String intent, Map<String, String> answer, Instant ts) {
    public Lesson {
        answer = answer == null ? Map.of() : Map.copyOf(answer);
    }
}
