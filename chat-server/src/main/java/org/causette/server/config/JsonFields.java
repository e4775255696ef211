package org.causette.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads typed fields out of a JSON object, failing with the file and the field's full path. */
final class JsonFields {
    private final String file;
    private final String path;
    private final JsonNode node;

    JsonFields(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node == null || !node.isObject()) {
            throw fail(path.isEmpty() ? "(root)" : path, "must be a JSON object");
        }
    }

    static JsonFields root(String file, JsonNode node) {
        return new JsonFields(file, "", node);
    }

    String fieldPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    ConfigException fail(String field, String problem) {
        return new ConfigException(file, field, problem);
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String requiredText(String name) {
        String value = optionalText(name, null);
        if (value == null) {
            throw fail(fieldPath(name), "is required");
        }
        if (value.isBlank()) {
            throw fail(fieldPath(name), "must not be empty");
        }
        return value;
    }

    String optionalText(String name, String fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw fail(fieldPath(name), "must be a string");
        }
        return value.asText();
    }

    String matching(String name, Pattern pattern, String expected) {
        String value = requiredText(name);
        if (!pattern.matcher(value).matches()) {
            throw fail(fieldPath(name), "\"" + value + "\" is not " + expected);
        }
        return value;
    }

    boolean optionalBoolean(String name, boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw fail(fieldPath(name), "must be true or false");
        }
        return value.asBoolean();
    }

    int optionalInt(String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw fail(fieldPath(name), "must be a whole number");
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw fail(fieldPath(name), "must be between " + min + " and " + max + ", not " + number);
        }
        return number;
    }

    List<String> optionalStrings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw fail(fieldPath(name), "must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw fail(fieldPath(name) + "[" + i + "]", "must be a non-empty string");
            }
            strings.add(item.asText());
        }
        return List.copyOf(strings);
    }

    /** The nested object, or null when absent. */
    JsonFields optionalObject(String name) {
        return has(name) ? new JsonFields(file, fieldPath(name), node.get(name)) : null;
    }

    JsonNode raw(String name) {
        return node.get(name);
    }
}
