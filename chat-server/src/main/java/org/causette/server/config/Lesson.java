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
 * @param title    the name staff gave a new FAQ intent, by language (the id is made from it), or empty
 */
public record Lesson(String siteId, String text, String language, String intent, Map<String, String> answer, Instant ts,
                     Map<String, String> title) {
    public Lesson {
        answer = answer == null ? Map.of() : Map.copyOf(answer);
        title = title == null ? Map.of() : Map.copyOf(title);
    }

    /** A lesson without a title (an example of a known intent, or a new intent named by its id). */
    public Lesson(String siteId, String text, String language, String intent, Map<String, String> answer, Instant ts) {
        this(siteId, text, language, intent, answer, ts, Map.of());
    }
}
