package org.causette.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The human names staff read for the shop's own intents: faq.json's optional {@code "title": {"fr": …, "en": …}}
 * on an intent. Read here, beside the bot's own reading of the file, so the console can say « Conseil lampes »
 * instead of {@code lamp_advice}; an intent without a title is shown by its id.
 */
public record IntentTitles(Map<String, Map<String, String>> byIntent) {
    public static final IntentTitles NONE = new IntentTitles(Map.of());
    /** A title is a label, not a paragraph. */
    static final int MAX_TITLE_LENGTH = 80;

    public IntentTitles {
        byIntent = Map.copyOf(byIntent);
    }

    /** The titles of a faq.json tree; a title that is not {fr, en} strings is a configuration error. */
    static IntentTitles from(JsonNode faq, String file) {
        Map<String, Map<String, String>> titles = new LinkedHashMap<>();
        JsonNode intents = faq.path("intents");
        for (int i = 0; i < intents.size(); i++) {
            JsonNode intent = intents.get(i);
            JsonNode title = intent.get("title");
            if (title == null || title.isNull()) {
                continue;
            }
            String field = "intents[" + i + "].title";
            if (!title.isObject() || title.isEmpty()) {
                throw new ConfigException(file, field, "must be {\"fr\": …, \"en\": …}");
            }
            Map<String, String> byLanguage = new LinkedHashMap<>();
            for (var entry : title.properties()) {
                String text = entry.getValue().isTextual() ? entry.getValue().asText().strip() : "";
                if (!entry.getKey().equals("fr") && !entry.getKey().equals("en")) {
                    throw new ConfigException(file, field + "." + entry.getKey(), "is not a language of the console (fr, en)");
                }
                if (text.isEmpty() || text.length() > MAX_TITLE_LENGTH) {
                    throw new ConfigException(file, field + "." + entry.getKey(),
                            "must be a non-empty string of at most " + MAX_TITLE_LENGTH + " characters");
                }
                byLanguage.put(entry.getKey(), text);
            }
            titles.put(intent.path("id").asText(), Map.copyOf(byLanguage));
        }
        return new IntentTitles(titles);
    }

    public Optional<Map<String, String>> of(String intent) {
        return Optional.ofNullable(byIntent.get(intent));
    }
}
