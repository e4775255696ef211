package org.causette.bench;

import org.causette.server.CausetteServer;
import org.causette.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client process of a cluster idle run, driven by its line commands against a real hub (demo site) in this JVM:
 * it opens visitors up to the count asked, closes them all on demand, refuses what it does not understand, and
 * leaves the hub with no visitor once its input ends.
 */
@Timeout(120)
class IdleClientTest {

    @Test
    void opensUpToTheCountAskedClosesOnDemandAndSaysWhatItRefuses() throws Exception {
        try (CausetteServer hub = CausetteServer.start(ServerConfig.defaults().withPort(0),
                // every idle visitor is a new one from 127.0.0.1: the cap on new visitors per address is off
                Map.of("CAUSETTE_NEW_VISITORS_PER_ADDRESS", "0"))) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            String commands = String.join("\n", "open 20", "open 15", "open 30", "dance", "open -3", "close", "open 5") + "\n";

            IdleClientMain.serve(Options.parse("idle-client", "--port", Integer.toString(hub.port()), "--source-addrs", "2"),
                    new BufferedReader(new StringReader(commands)), new PrintStream(printed, true, StandardCharsets.UTF_8));

            List<String> answers = printed.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of("open 20", "open 20", "open 30",
                    "error expected \"open N\" or \"close\", got \"dance\"",
                    "error expected \"open N\" or \"close\", got \"open -3\"",
                    "open 0", "open 5"), answers, "never fewer than asked is closed: open 15 keeps the 20");
        }
    }
}
