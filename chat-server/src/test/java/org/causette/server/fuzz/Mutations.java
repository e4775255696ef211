package org.causette.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.wire.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random JSON and mutations of valid JSON, from a seeded {@link Random} so a failing case can be replayed: values of
 * every JSON type (huge and fractional numbers, long and odd strings, deep nesting), fields dropped, retyped or added,
 * and the text itself cut or altered. Strings hold no lone surrogates: a client cannot send those as UTF-8.
 */
final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "null", "true", "-1", "1e400", "<script>alert(1)</script>",
            "../../etc/passwd", "é😀\u202e", "\u00a0", "INTENT:", "INTENT:human_request", "%s%n", "a".repeat(5_000),
            "x".repeat(70), "env:HOME", "\"", "\\", "{\"type\":\"hello\"}"};

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A JSON value of any type, at most {@code depth} levels deep. */
    JsonNode value(int depth) {
        switch (random.nextInt(depth <= 0 ? 7 : 9)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt(21) - 10);
            case 3: return number();
            case 4: return NODES.textNode(string());
            case 5: return NODES.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
            case 6: return NODES.numberNode(random.nextLong());
            case 7: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(string(), value(depth - 1));
                }
                return object;
            }
        }
    }

    private JsonNode number() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.numberNode(random.nextDouble() * 10);
            case 1 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.numberNode(-random.nextInt(1_000_000));
            default -> NODES.numberNode(Long.MAX_VALUE);
        };
    }

    /** A short string of letters, digits, punctuation and a few non-ASCII characters. */
    String string() {
        String alphabet = "abcXYZ019_-.:@ é€😀\n\t\"\\/";
        int length = random.nextInt(12);
        StringBuilder out = new StringBuilder(length);
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return out.toString();
    }

    /** A value nested {@code levels} deep: [[[…]]] or {"a":{"a":…}}. */
    static String nested(int levels, boolean arrays) {
        return (arrays ? "[" : "{\"a\":").repeat(levels) + "1" + (arrays ? "]" : "}").repeat(levels);
    }

    /** The frame as text after one to three mutations of its fields, or of the text itself. */
    String mutate(ObjectNode valid) {
        ObjectNode frame = valid.deepCopy();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            List<String> fields = new ArrayList<>();
            for (Iterator<String> it = frame.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (!fields.isEmpty()) {
                        frame.remove(pick(fields));
                    }
                }
                case 1, 2 -> {
                    if (!fields.isEmpty()) {
                        frame.set(pick(fields), value(3));
                    }
                }
                case 3 -> frame.set(string(), value(2));
                case 4 -> {
                    if (frame.has("type") && random.nextBoolean()) {
                        frame.put("type", frame.get("type").asText().toUpperCase());
                    }
                }
                default -> {
                    if (!fields.isEmpty()) {
                        frame.set(pick(fields), NODES.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]));
                    }
                }
            }
        }
        String text = Json.MAPPER.valueToTree(frame).toString();
        return switch (random.nextInt(10)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length()))); // cut short
            case 1 -> {
                int at = random.nextInt(Math.max(1, text.length()));
                yield text.substring(0, at) + "\"}{,:[" .charAt(random.nextInt(6)) + text.substring(at); // a stray byte
            }
            case 2 -> text.replaceFirst("\\{", "{\"type\":\"ping\",\"type\":" ); // duplicate keys, or broken JSON
            default -> text;
        };
    }
}
