package org.causette.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code test-dialogues} with serve's own site loader: a site folder, the bundled demo, a broken site. */
class TestDialoguesCommandTest {
    /** The demo shop as a folder, exactly as a shop would pass its own. */
    static final Path DEMO_SITE = Path.of("src/main/resources/demo/site");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TestDialoguesCommand.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path dialogues() throws IOException {
        return Files.writeString(dir.resolve("d.json"), """
                {"dialogues": [
                  {"name": "hello", "locale": "fr-FR", "turns": [
                    {"text": "bonjour", "expect": {"action": "answer", "intent": "greeting"}},
                    {"text": "je veux parler a quelqu'un svp", "expect": {"action": "handover", "target": "agent"}}]}]}""");
    }

    @Test
    void runsTheDialoguesOnASiteFolder() throws IOException {
        Result r = run("--site", DEMO_SITE.toString(), dialogues().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("dialogues: turns 2/2 (100.0%), dialogues 1/1", r.lastLine());
        assertTrue(r.out().startsWith("site demo: 1 dialogues in 1 files"), r.out());
    }

    @Test
    void withoutASiteItRunsTheBundledDemo() throws IOException {
        Result r = run(dialogues().toString(), "--min", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("site demo:"), r.out());
    }

    @Test
    void aBrokenSiteIsOneLineAndExitTwoAsForServe() throws IOException {
        Path site = Files.createDirectory(dir.resolve("shop"));
        Files.writeString(site.resolve("site.json"), "{ \"id\": \"ok\", \"languages\": [\"klingon\"] }");
        Result r = run("--site", site.toString(), dialogues().toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("causette: ") && r.err().contains("site.json") && r.err().contains("languages[0]"), r.err());
    }

    @Test
    void aDialogueNamingASkuTheShopDoesNotHaveIsBadInput() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.json"),
                "{\"dialogues\":[{\"name\":\"x\",\"turns\":[{\"text\":\"a\",\"expect\":{\"cards\":[\"NOPE\"]}}]}]}");
        Result r = run("--site", DEMO_SITE.toString(), f.toString());
        assertEquals(2, r.code());
        assertEquals("test-dialogues: " + f + ": dialogue \"x\", turn 1, expect.cards: \"NOPE\" is not a SKU of this site's catalog",
                r.err().strip());
    }
}
