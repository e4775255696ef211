package org.causette.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes and what it prints. */
class MainTest {
    @TempDir
    Path folder;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String stdin, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void aBrokenSiteStopsTheStartWithExitCodeTwoAndOneLine() throws Exception {
        Files.writeString(folder.resolve("site.json"), "{ \"id\": \"ok\", \"languages\": [\"klingon\"] }");
        Result result = run("", "serve", "--site", folder.toString(), "--port", "0");
        assertEquals(2, result.code());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("site.json") && result.err().contains("languages[0]"), result.err());
    }

    @Test
    void aBadOptionStopsTheStartWithExitCodeTwo() throws Exception {
        Result result = run("", "--port", "-3");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--port"), result.err());
    }

    @Test
    void hashPasswordPrintsAHashThatVerifies() throws Exception {
        Result result = run("correct horse\n", "hash-password");
        assertEquals(0, result.code());
        String hash = result.out().strip();
        assertTrue(hash.matches("pbkdf2-sha256\\$210000\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+"), hash);
        assertTrue(new org.causette.server.auth.PasswordHasher().verify("correct horse".toCharArray(), hash));
        assertTrue(!new org.causette.server.auth.PasswordHasher().verify("wrong horse".toCharArray(), hash));
    }

    @Test
    void anUnknownCommandIsExitCodeTwo() throws Exception {
        assertEquals(2, run("", "fly").code());
    }
}
