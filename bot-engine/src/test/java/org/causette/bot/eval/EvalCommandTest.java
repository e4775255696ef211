package org.causette.bot.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    private static final String TRAIN = """
            sentence,label
            what's the weather like,weather
            will it rain tomorrow,weather
            is it sunny today,weather
            forecast for the weekend,weather
            how cold is it outside,weather
            temperature this afternoon,weather
            play some jazz,music
            put on my playlist,music
            play the next song,music
            turn up the music,music
            i want to hear some rock,music
            skip this track,music
            set an alarm for 7,alarm
            wake me up at six,alarm
            alarm at 8 am please,alarm
            cancel my alarm,alarm
            set a wake up alarm,alarm
            remind me with an alarm at noon,alarm
            who won the football game,oos
            "tell me a joke, please",oos
            what is the capital of peru,oos
            how tall is mount everest,oos
            """;
    private static final String TEST = """
            sentence,label
            is it going to rain,weather
            "play a song, any song",music
            set an alarm for 6,alarm
            what is the meaning of life,oos
            """;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode lastLine(String out) throws IOException {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void printsTheContractJsonLast(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), TRAIN);
        Path test = Files.writeString(dir.resolve("test.csv"), TEST);
        Run r = run("--train", train.toString(), "--test", test.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = lastLine(r.out());
        for (String f : new String[]{"n", "accuracy", "inScopeAccuracy", "oosRecall", "oosPrecision", "mcc", "macroF1", "trainMs"}) {
            assertTrue(j.has(f), "missing " + f + " in " + j);
        }
        assertEquals(4, j.get("n").asInt());
        assertEquals(8, j.size());
        assertTrue(j.get("inScopeAccuracy").asDouble() >= 2.0 / 3, j.toString());
        assertTrue(j.get("trainMs").isIntegralNumber());
    }

    @Test
    void saysWhichThresholdItChoseAndScoresEachLabelBeforeTheJson(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), TRAIN);
        Path test = Files.writeString(dir.resolve("test.csv"), TEST);
        Run r = run("--train", train.toString(), "--test", test.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[1].startsWith("why: out-of-scope threshold "), lines[1]);
        assertTrue(r.out().contains("per label, worst F1 first:"), r.out());
        for (String label : new String[]{"weather", "oos"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + label + " ")), label + " in " + r.out());
        }
        assertTrue(r.out().contains("top-1 in-scope accuracy before the out-of-scope decision: "), r.out());
        lastLine(r.out());
    }

    @Test
    void oosFieldsAreNullWhenTestHasNoneAndCustomLabelWorks(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), TRAIN.replace(",oos", ",none"));
        Path test = Files.writeString(dir.resolve("test.csv"), "sentence,label\nwill it snow,weather\nplay jazz,music\n");
        Run r = run("--train", train.toString(), "--test", test.toString(), "--oos-label", "none", "--lang", "en");
        assertEquals(0, r.code(), r.err());
        JsonNode j = lastLine(r.out());
        assertTrue(j.get("oosRecall").isNull());
        assertTrue(j.get("oosPrecision").isNull());
        assertEquals(2, j.get("n").asInt());
    }

    @Test
    void badUsageAndBadFilesExitTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), TRAIN);
        Path broken = Files.writeString(dir.resolve("broken.csv"), "sentence,label\n\"unclosed,x\n");
        for (String[] args : new String[][]{
                {}, {"--train", train.toString()}, {"--train", train.toString(), "--test", dir.resolve("missing.csv").toString()},
                {"--train", train.toString(), "--test", broken.toString()}, {"--train", train.toString(), "--test", train.toString(), "--lang", "de"},
                {"--bogus", "x"}}) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.out().isEmpty());
        }
    }
}
