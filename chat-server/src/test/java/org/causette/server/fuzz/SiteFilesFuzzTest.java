package org.causette.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.config.ConfigException;
import org.causette.server.config.SiteLoader;
import org.causette.server.config.SiteSource;
import org.causette.server.support.TestSites;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 21: the site-file loader under mutated files, with a fixed seed. Whatever a file holds, the loader either
 * accepts the folder or stops with a {@link ConfigException} naming the file and the field (what {@code serve} prints
 * on its one line before exit code 2), never another exception. {@link SiteLoader#check} reads and checks without
 * training the bot, so thousands of cases take seconds.
 */
class SiteFilesFuzzTest {
    private static final long SEED = 20_261_207L;
    private static final int CASES = 3_000;
    private static final List<String> FILES = List.of("site.json", "catalog.json", "faq.json", "staff.json", "scenarios.json");

    /** The demo shop's files (the richest we have), in memory, one of them replaced. */
    private record Folder(Map<String, byte[]> files) implements SiteSource {
        @Override
        public Optional<byte[]> read(String fileName) {
            return Optional.ofNullable(files.get(fileName));
        }

        @Override
        public String describe(String fileName) {
            return "fuzz/" + fileName;
        }
    }

    private static Map<String, byte[]> demo() {
        Map<String, byte[]> files = new HashMap<>();
        SiteSource demo = SiteSource.classpath("demo/site/");
        for (String name : FILES) {
            demo.read(name).ifPresent(bytes -> files.put(name, bytes));
        }
        return files;
    }

    /** Mutates one node somewhere in the tree: a field removed, retyped or set to an odd value, an array emptied. */
    private static void mutateSomewhere(Mutations m, JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = m.pick(containers);
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            String name = m.pick(names);
            switch (m.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, m.value(2));
                case 2 -> object.set(m.string(), m.value(1));
                default -> object.put(name, m.pick(List.of("", "env:NOT_SET_ANYWHERE", "x".repeat(10_000), "-1", "25:99",
                        "mon-fri", "fr", "EUR", "pbkdf2-sha256$1$$")));
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            int at = m.nextInt(array.size());
            switch (m.nextInt(3)) {
                case 0 -> array.remove(at);
                case 1 -> array.set(at, m.value(2));
                default -> array.add(array.get(at).deepCopy()); // a duplicate: same sku, same id
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    @Test
    void everyMutatedFolderLoadsOrGetsAnErrorNamingFileAndField() throws Exception {
        Map<String, byte[]> original = demo();
        Map<String, JsonNode> trees = new HashMap<>();
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            trees.put(e.getKey(), Json.MAPPER.readTree(e.getValue()));
        }
        SiteLoader loader = new SiteLoader(TestSites.ENV::get);
        loader.check(new Folder(original)); // the demo as it is: fine
        Mutations m = new Mutations(new Random(SEED));
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            String file = m.pick(new ArrayList<>(trees.keySet()));
            Map<String, byte[]> files = new HashMap<>(original);
            byte[] bytes;
            int kind = m.nextInt(10);
            if (kind < 7) {
                JsonNode tree = trees.get(file).deepCopy();
                for (int n = 1 + m.nextInt(3); n > 0; n--) {
                    mutateSomewhere(m, tree);
                }
                bytes = Json.MAPPER.writeValueAsBytes(tree);
            } else if (kind < 9) {
                byte[] whole = original.get(file);
                bytes = java.util.Arrays.copyOf(whole, m.nextInt(whole.length)); // cut short
            } else {
                bytes = m.value(3).toString().getBytes(StandardCharsets.UTF_8); // another shape altogether
            }
            files.put(file, bytes);
            String where = "case " + i + " (seed " + SEED + "), " + file;
            try {
                loader.check(new Folder(files));
            } catch (ConfigException e) {
                refused++;
                String message = e.getMessage();
                assertTrue(message.startsWith("fuzz/"), where + ": the error names the file: " + message);
                String[] parts = message.split(": ", 3);
                assertTrue(parts.length == 3 && !parts[1].isBlank() && !parts[2].isBlank(),
                        where + ": file, field and problem: " + message);
            } catch (RuntimeException e) {
                fail(where + ": not a precise error but " + e + "\n" + new String(bytes, StandardCharsets.UTF_8)
                        .substring(0, Math.min(bytes.length, 2_000)), e);
            }
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(refused > CASES / 10, "the mutations reach the checks: " + refused + " refused of " + CASES);
        assertTrue(tookMs < 60_000, CASES + " cases in " + tookMs + " ms");
    }
}
