package org.causette.server.marketing;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads scenarios.json (format in docs/marketing.md). Every problem is a {@link ConfigException} naming the file,
 * the field (like {@code scenarios[2].variants[0].weight}) and what is wrong, so a bad file stops the start clearly.
 */
public final class ScenarioParser {
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final int MAX_TEXT = 1000;
    private static final int MAX_PAYLOAD = 1000;

    private final String file;

    private ScenarioParser(String file) {
        this.file = file;
    }

    public static Scenarios parse(JsonNode root, String file) {
        return new ScenarioParser(file).scenarios(root);
    }

    private Scenarios scenarios(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw fail("(file)", "must be an object {\"capHours\", \"scenarios\": [...]}");
        }
        Duration cap = Scenarios.DEFAULT_CAP;
        JsonNode capHours = root.get("capHours");
        if (capHours != null && !capHours.isNull()) {
            if (!capHours.isNumber() || capHours.asDouble() < 0.5 || capHours.asDouble() > 24 * 365) {
                throw fail("capHours", "must be a number of hours from 0.5 to 8760");
            }
            cap = Duration.ofMinutes(Math.round(capHours.asDouble() * 60));
        }
        JsonNode array = root.get("scenarios");
        if (array == null || !array.isArray()) {
            throw fail("scenarios", "must be an array of scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Scenario scenario = scenario(array.get(i), "scenarios[" + i + "]");
            if (!ids.add(scenario.id())) {
                throw fail("scenarios[" + i + "].id", "\"" + scenario.id() + "\" is used twice");
            }
            scenarios.add(scenario);
        }
        return new Scenarios(cap, scenarios);
    }

    private Scenario scenario(JsonNode node, String path) {
        object(node, path);
        String id = text(node, path, "id");
        if (!ID.matcher(id).matches()) {
            throw fail(path + ".id", "\"" + id + "\" is not an id of 1 to 40 characters a-z, 0-9, _ and -");
        }
        Trigger trigger = trigger(node.get("trigger"), path + ".trigger");
        Conditions conditions = node.hasNonNull("conditions")
                ? conditions(node.get("conditions"), path + ".conditions") : Conditions.NONE;
        JsonNode variants = node.get("variants");
        List<Variant> parsed = new ArrayList<>();
        if (variants == null || variants.isNull()) {
            // A single message without an A/B test: one variant called "a".
            parsed.add(variant(node, path, "a", 1));
        } else {
            if (!variants.isArray() || variants.isEmpty()) {
                throw fail(path + ".variants", "must be a non-empty array of {\"id\", \"weight\", \"text\"}");
            }
            Set<String> variantIds = new HashSet<>();
            for (int v = 0; v < variants.size(); v++) {
                String vPath = path + ".variants[" + v + "]";
                JsonNode variant = variants.get(v);
                object(variant, vPath);
                String variantId = text(variant, vPath, "id");
                if (!ID.matcher(variantId).matches()) {
                    throw fail(vPath + ".id", "\"" + variantId + "\" is not an id of 1 to 40 characters a-z, 0-9, _ and -");
                }
                if (!variantIds.add(variantId)) {
                    throw fail(vPath + ".id", "\"" + variantId + "\" is used twice in this scenario");
                }
                int weight = integer(variant, vPath, "weight", 1, 1, 1_000_000);
                parsed.add(variant(variant, vPath, variantId, weight));
            }
        }
        return new Scenario(id, trigger, conditions, parsed);
    }

    private Trigger trigger(JsonNode node, String path) {
        object(node, path);
        String on = text(node, path, "on");
        return switch (on) {
            case "page_view" -> new Trigger(Trigger.On.PAGE_VIEW, optionalText(node, path, "urlContains"),
                    integer(node, path, "minPages", 1, 1, 10_000), 0, false);
            case "cart_update" -> {
                JsonNode min = node.get("minCartValue");
                if (min != null && !min.isNull() && (!min.isNumber() || min.asDouble() < 0)) {
                    throw fail(path + ".minCartValue", "must be a number of 0 or more");
                }
                yield new Trigger(Trigger.On.CART_UPDATE, null, 0, min == null ? 0 : min.asDouble(), false);
            }
            case "hello" -> new Trigger(Trigger.On.HELLO, null, 0, 0, bool(node, path, "returning", false));
            default -> throw fail(path + ".on", "\"" + on + "\" is not page_view, cart_update or hello");
        };
    }

    private Conditions conditions(JsonNode node, String path) {
        object(node, path);
        List<String> languages = new ArrayList<>();
        JsonNode list = node.get("languages");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw fail(path + ".languages", "must be an array like [\"fr\"]");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual() || !LANGUAGES.contains(list.get(i).asText())) {
                    throw fail(path + ".languages[" + i + "]", "must be \"fr\" or \"en\"");
                }
                languages.add(list.get(i).asText());
            }
        }
        return new Conditions(languages, bool(node, path, "duringBusinessHours", false),
                optionalBool(node, path, "identified"), optionalBool(node, path, "consent"));
    }

    private Variant variant(JsonNode node, String path, String id, int weight) {
        Map<String, String> text = localized(node.get("text"), path + ".text", MAX_TEXT);
        List<Variant.LocalizedReply> replies = new ArrayList<>();
        JsonNode list = node.get("quickReplies");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > 10) {
                throw fail(path + ".quickReplies", "must be an array of at most 10 {\"title\", \"payload\"}");
            }
            for (int i = 0; i < list.size(); i++) {
                String rPath = path + ".quickReplies[" + i + "]";
                object(list.get(i), rPath);
                String payload = text(list.get(i), rPath, "payload");
                if (payload.length() > MAX_PAYLOAD) {
                    throw fail(rPath + ".payload", "is longer than " + MAX_PAYLOAD + " characters");
                }
                replies.add(new Variant.LocalizedReply(localized(list.get(i).get("title"), rPath + ".title", 100), payload));
            }
        }
        return new Variant(id, weight, text, replies);
    }

    /** A string (every language) or {"fr": …, "en": …}. */
    private Map<String, String> localized(JsonNode node, String path, int maxLength) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            byLanguage.put("fr", node.asText());
            byLanguage.put("en", node.asText());
        } else if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!LANGUAGES.contains(e.getKey())) {
                    throw fail(path + "." + e.getKey(), "is not a supported language (fr or en)");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw fail(path + "." + e.getKey(), "must be a non-empty string");
                }
                byLanguage.put(e.getKey(), e.getValue().asText());
            });
        }
        if (byLanguage.isEmpty()) {
            throw fail(path, "is required: a non-empty string or {\"fr\": …, \"en\": …}");
        }
        for (var entry : byLanguage.entrySet()) {
            if (entry.getValue().length() > maxLength) {
                throw fail(path, "is longer than " + maxLength + " characters");
            }
        }
        return byLanguage;
    }

    private void object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw fail(path, "must be an object");
        }
    }

    private String text(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw fail(path + "." + name, "is required: a non-empty string");
        }
        return value.asText();
    }

    private String optionalText(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw fail(path + "." + name, "must be a non-empty string");
        }
        return value.asText();
    }

    private int integer(JsonNode node, String path, String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw fail(path + "." + name, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private boolean bool(JsonNode node, String path, String name, boolean fallback) {
        Boolean value = optionalBool(node, path, name);
        return value == null ? fallback : value;
    }

    private Boolean optionalBool(JsonNode node, String path, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw fail(path + "." + name, "must be true or false");
        }
        return value.asBoolean();
    }

    private ConfigException fail(String field, String problem) {
        return new ConfigException(file, field, problem);
    }
}
