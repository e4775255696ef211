package org.causette.server.config.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.causette.server.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
    private static final Set<String> SEGMENT_FIELDS = Set.of("id", "returning", "identified", "languages", "minPages",
            "visited", "minPurchases", "minLifetimeValue");

    /** time_on_page: up to a day on one page. */
    private static final int MAX_SECONDS = 86_400;
    /** cart_abandoned: up to 30 days without touching the cart. */
    private static final int MAX_IDLE_MINUTES = 43_200;

    private final String file;
    private final Predicate<String> knownSku;
    private Map<String, Segment> segments = Map.of();

    private ScenarioParser(String file, Predicate<String> knownSku) {
        this.file = file;
        this.knownSku = knownSku;
    }

    /** Without a catalog to check card SKUs against (any SKU is accepted). */
    public static Scenarios parse(JsonNode root, String file) {
        return parse(root, file, sku -> true);
    }

    /** @param knownSku whether a SKU of a variant's {@code cards} list is in the site's catalog */
    public static Scenarios parse(JsonNode root, String file, Predicate<String> knownSku) {
        return new ScenarioParser(file, knownSku).scenarios(root);
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
        segments = segments(root.get("segments"));
        JsonNode array = root.get("scenarios");
        if (array == null || !array.isArray()) {
            throw fail("scenarios", "must be an array of scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            Scenario scenario = scenario(array.get(i), "scenarios[" + i + "]");
            if (scenario.id().equals(Scenario.GREETING)) {
                throw fail("scenarios[" + i + "].id", "\"greeting\" is reserved for the bot's greeting (\"greeting\": {...})");
            }
            if (!ids.add(scenario.id())) {
                throw fail("scenarios[" + i + "].id", "\"" + scenario.id() + "\" is used twice");
            }
            scenarios.add(scenario);
        }
        JsonNode greeting = root.get("greeting");
        if (greeting != null && !greeting.isNull()) {
            scenarios.add(greeting(greeting));
        }
        return new Scenarios(cap, scenarios, segments);
    }

    /** The bot's greeting (the widget's intro text) as an A/B test: variants with text and quick replies, no cards. */
    private Scenario greeting(JsonNode node) {
        object(node, "greeting");
        List<Variant> variants = variants(node, "greeting");
        for (int v = 0; v < variants.size(); v++) {
            if (variants.get(v).cards().kind() != CardSource.Kind.NONE) {
                throw fail(node.has("variants") ? "greeting.variants[" + v + "].cards" : "greeting.cards",
                        "is for proactive messages; the greeting has text and quick replies only");
            }
        }
        return new Scenario(Scenario.GREETING, new Trigger(Trigger.On.GREETING, null, 0, 0, false), Conditions.NONE, variants);
    }

    private Map<String, Segment> segments(JsonNode list) {
        if (list == null || list.isNull()) {
            return Map.of();
        }
        if (!list.isArray()) {
            throw fail("segments", "must be an array of {\"id\", criteria...}");
        }
        Map<String, Segment> parsed = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "segments[" + i + "]";
            JsonNode node = list.get(i);
            object(node, path);
            String id = text(node, path, "id");
            if (!ID.matcher(id).matches()) {
                throw fail(path + ".id", "\"" + id + "\" is not an id of 1 to 40 characters a-z, 0-9, _ and -");
            }
            if (parsed.containsKey(id)) {
                throw fail(path + ".id", "\"" + id + "\" is used twice");
            }
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!SEGMENT_FIELDS.contains(name)) {
                    throw fail(path + "." + name, "is not a segment criterion (" + String.join(", ", SEGMENT_FIELDS.stream()
                            .filter(f -> !f.equals("id")).sorted().toList()) + ")");
                }
            }
            JsonNode value = node.get("minLifetimeValue");
            if (value != null && !value.isNull() && (!value.isNumber() || value.asDouble() < 0)) {
                throw fail(path + ".minLifetimeValue", "must be a number of 0 or more");
            }
            Segment segment = new Segment(id, optionalBool(node, path, "returning"), optionalBool(node, path, "identified"),
                    languages(node, path), integer(node, path, "minPages", 0, 0, 100_000),
                    optionalText(node, path, "visited"), integer(node, path, "minPurchases", 0, 0, 100_000),
                    value == null || value.isNull() ? 0 : value.asDouble());
            if (node.size() == 1) {
                throw fail(path, "has no criterion: give at least one of returning, identified, languages, minPages, "
                        + "visited, minPurchases, minLifetimeValue");
            }
            parsed.put(id, segment);
        }
        return parsed;
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
        return new Scenario(id, trigger, conditions, variants(node, path));
    }

    /** A scenario's (or the greeting's) variants: its {@code variants}, or its own text as the single variant "a". */
    private List<Variant> variants(JsonNode node, String path) {
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
        return parsed;
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
            case "time_on_page" -> new Trigger(Trigger.On.TIME_ON_PAGE, optionalText(node, path, "urlContains"), 0, 0,
                    false, required(node, path, "seconds", 1, MAX_SECONDS), 0);
            case "cart_abandoned" -> new Trigger(Trigger.On.CART_ABANDONED, null, 0, minCartValue(node, path), false, 0,
                    required(node, path, "idleMinutes", 1, MAX_IDLE_MINUTES));
            case "exit_intent" -> new Trigger(Trigger.On.EXIT_INTENT, optionalText(node, path, "urlContains"), 0, 0,
                    false, 0, 0);
            default -> throw fail(path + ".on", "\"" + on + "\" is not page_view, cart_update, hello, time_on_page, "
                    + "cart_abandoned or exit_intent");
        };
    }

    private double minCartValue(JsonNode node, String path) {
        JsonNode min = node.get("minCartValue");
        if (min != null && !min.isNull() && (!min.isNumber() || min.asDouble() < 0)) {
            throw fail(path + ".minCartValue", "must be a number of 0 or more");
        }
        return min == null || min.isNull() ? 0 : min.asDouble();
    }

    private int required(JsonNode node, String path, String name, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(path + "." + name, "is required: a whole number from " + min + " to " + max);
        }
        return integer(node, path, name, 0, min, max);
    }

    private Conditions conditions(JsonNode node, String path) {
        object(node, path);
        List<String> inSegments = new ArrayList<>();
        JsonNode one = node.get("segment");
        if (one != null && !one.isNull()) {
            inSegments.add(segmentRef(one, path + ".segment"));
        }
        JsonNode many = node.get("segments");
        if (many != null && !many.isNull()) {
            if (!many.isArray() || many.isEmpty()) {
                throw fail(path + ".segments", "must be a non-empty array of segment ids (the visitor is in at least one)");
            }
            for (int i = 0; i < many.size(); i++) {
                inSegments.add(segmentRef(many.get(i), path + ".segments[" + i + "]"));
            }
        }
        return new Conditions(languages(node, path), bool(node, path, "duringBusinessHours", false),
                optionalBool(node, path, "identified"), optionalBool(node, path, "consent"), inSegments);
    }

    private String segmentRef(JsonNode node, String path) {
        if (!node.isTextual() || !segments.containsKey(node.asText())) {
            throw fail(path, "must be the id of a segment defined in \"segments\" (known: "
                    + (segments.isEmpty() ? "none" : String.join(", ", segments.keySet())) + ")");
        }
        return node.asText();
    }

    private List<String> languages(JsonNode node, String path) {
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
        return languages;
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
        return new Variant(id, weight, text, replies, cards(node.get("cards"), path + ".cards"));
    }

    /** {@code "cart"}, {@code "related"} or a list of 1 to 3 SKUs of the catalog. */
    private CardSource cards(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return CardSource.NONE;
        }
        if (node.isTextual() && node.asText().equals("cart")) {
            return new CardSource(CardSource.Kind.CART, List.of());
        }
        if (node.isTextual() && node.asText().equals("related")) {
            return new CardSource(CardSource.Kind.RELATED, List.of());
        }
        if (!node.isArray() || node.isEmpty() || node.size() > CardSource.MAX) {
            throw fail(path, "must be \"cart\", \"related\" or a list of 1 to " + CardSource.MAX + " SKUs of catalog.json");
        }
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode sku = node.get(i);
            if (!sku.isTextual() || !knownSku.test(sku.asText())) {
                throw fail(path + "[" + i + "]", (sku.isTextual() ? "\"" + sku.asText() + "\"" : sku.toString())
                        + " is not a SKU of catalog.json");
            }
            skus.add(sku.asText());
        }
        return new CardSource(CardSource.Kind.LIST, skus);
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
