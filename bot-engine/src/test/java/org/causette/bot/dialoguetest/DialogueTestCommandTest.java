package org.causette.bot.dialoguetest;

import org.causette.bot.TestSites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command on the fixture shop: arguments, report, exit codes. */
class DialogueTestCommandTest {
    private static final SiteOpener FIXTURE = folder -> new SiteOpener.Opened(TestSites.fixture(), TestSites.fixtureBot());

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private static Result run(SiteOpener opener, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DialogueTestCommand.run(List.of(args), opener, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json.replace('\'', '"'));
    }

    /** One right turn and one wrong turn (the price is not "12"), in two dialogues. */
    private Path halfRight() throws IOException {
        return file("half.json", """
                {'dialogues':[
                  {'name':'price','locale':'fr-FR','tags':['price'],'turns':[{'text':'combien coute le fauteuil oslo','expect':{'mustContain':['299']}}]},
                  {'name':'wrong','locale':'fr-FR','turns':[{'text':'combien coute le fauteuil oslo','expect':{'action':'handover','mustContain':['12']}}]}]}""");
    }

    @Test
    void reportsEachTurnTheFailuresAndTheScoreAsTheLastLine() throws IOException {
        Result r = run(FIXTURE, halfRight().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("dialogues: turns 1/2 (50.0%), dialogues 1/2", r.lastLine());
        assertTrue(r.out().contains("FAIL wrong (0/1 turns)"), r.out());
        assertTrue(r.out().contains("expected: action handover; mustContain [12]"), r.out());
        assertTrue(r.out().contains("- action: expected handover, got answer"), r.out());
        assertTrue(r.out().contains("bot: [answer product_price"), r.out());
        assertTrue(r.out().contains("family price: turns 1/1 (100.0%)"), r.out());
        assertFalse(r.out().contains("bot: [answer product_price 1") && r.out().indexOf("bot:") != r.out().lastIndexOf("bot:"),
                "without --verbose only wrong turns show the bot's reply");
    }

    @Test
    void verboseShowsTheReplyOfRightTurnsToo() throws IOException {
        Result r = run(FIXTURE, halfRight().toString(), "--verbose");
        assertEquals(2, r.out().split("bot: ", -1).length - 1, r.out());
    }

    @Test
    void underTheMinimumShareExitsOne() throws IOException {
        Path f = halfRight();
        assertEquals(1, run(FIXTURE, f.toString(), "--min", "0.6").code());
        assertEquals(0, run(FIXTURE, f.toString(), "--min", "0.5").code());
    }

    @Test
    void aFolderStandsForItsJsonFilesInNameOrder() throws IOException {
        halfRight();
        file("a.json", "{'dialogues':[{'name':'hi','turns':[{'text':'bonjour'}]}]}");
        Files.writeString(dir.resolve("notes.txt"), "not a dialogue file");
        Result r = run(FIXTURE, dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().indexOf("a.json") < r.out().indexOf("half.json"), r.out());
        assertEquals("dialogues: turns 2/3 (66.7%), dialogues 2/3", r.lastLine());
    }

    @Test
    void theSiteFolderGoesToTheOpenerAndABadSiteIsOneLineAndExitTwo() throws IOException {
        Path f = halfRight();
        List<Path> asked = new ArrayList<>();
        SiteOpener recording = folder -> {
            asked.add(folder);
            return FIXTURE.open(folder);
        };
        run(recording, "--site", "shop", f.toString());
        run(recording, f.toString());
        assertEquals(Path.of("shop"), asked.get(0));
        assertEquals(null, asked.get(1));
        Result bad = run(folder -> {
            throw new SiteOpener.BadSite("causette: shop/site.json: id: is missing");
        }, "--site", "shop", f.toString());
        assertEquals(2, bad.code());
        assertEquals("causette: shop/site.json: id: is missing\n", bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void aBadDialogueFileIsOneLineNamingItAndExitTwo() throws IOException {
        Path f = file("bad.json", "{'dialogues':[{'name':'d1','turns':[{'text':'a','expect':{'action':'anser'}}]}]}");
        Result r = run(FIXTURE, f.toString());
        assertEquals(2, r.code());
        assertEquals("test-dialogues: " + f + ": dialogue \"d1\", turn 1, expect.action: must be answer, clarify or handover, not \"anser\"\n",
                r.err());
    }

    @Test
    void badUsageExitsTwo() throws IOException {
        Path f = halfRight();
        for (String[] args : List.of(new String[]{}, new String[]{f.toString(), "--min"}, new String[]{f.toString(), "--min", "90"},
                new String[]{f.toString(), "--min", "x"}, new String[]{f.toString(), "--fast"},
                new String[]{dir.resolve("missing.json").toString()}, new String[]{"--site", "a", "--site", "b", f.toString()})) {
            Result r = run(FIXTURE, args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("test-dialogues: "), r.err());
        }
    }
}
