package org.causette.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces every string value {@code "env:NAME"} of a site file with the environment variable NAME, so secrets
 * stay out of the files. A variable that is not set stops the start.
 */
final class EnvSecrets {
    private static final String PREFIX = "env:";

    private final Function<String, String> environment;

    EnvSecrets(Function<String, String> environment) {
        this.environment = environment;
    }

    JsonNode resolve(JsonNode node, String file) {
        resolveInPlace(node, file, "");
        return node;
    }

    private void resolveInPlace(JsonNode node, String file, String path) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // An empty key is named as written, so the error still points somewhere (SiteFilesFuzzTest).
                String key = field.getKey().isEmpty() ? "\"\"" : field.getKey();
                String fieldPath = path.isEmpty() ? key : path + "." + key;
                JsonNode value = field.getValue();
                if (value.isTextual() && value.asText().startsWith(PREFIX)) {
                    field.setValue(TextNode.valueOf(lookup(value.asText(), file, fieldPath)));
                } else {
                    resolveInPlace(value, file, fieldPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                String itemPath = path + "[" + i + "]";
                if (value.isTextual() && value.asText().startsWith(PREFIX)) {
                    array.set(i, TextNode.valueOf(lookup(value.asText(), file, itemPath)));
                } else {
                    resolveInPlace(value, file, itemPath);
                }
            }
        }
    }

    private String lookup(String reference, String file, String fieldPath) {
        String name = reference.substring(PREFIX.length());
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(file, fieldPath, "\"" + reference + "\" does not name an environment variable");
        }
        String value = environment.apply(name);
        if (value == null) {
            throw new ConfigException(file, fieldPath, "environment variable " + name + " is not set");
        }
        return value;
    }
}
