package org.causette.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small parts of the staff side: markers, frame scans, the probe's arithmetic, the generated site folder. */
class StaffFramesTest {
    private static ByteBuf frame(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    @Test
    void aMarkerCarriesItsSendTimeThroughJson() {
        long now = System.nanoTime();
        String text = Marker.stamp("Is it in blue?", now);
        ByteBuf message = frame("{\"type\":\"message\",\"conversationId\":\"c1\",\"from\":{\"role\":\"visitor\"},\"text\":"
                + WsSession.quote(text) + "}");
        assertEquals(now, Marker.sentAt(message));
        assertEquals(-1, Marker.sentAt(frame("{\"type\":\"message\",\"text\":\"I want to talk to a human\"}")));
    }

    @Test
    void readsEveryConversationIdOfAQueue() {
        ByteBuf queue = frame("{\"type\":\"queue\",\"items\":[{\"conversationId\":\"a1\",\"state\":\"queued\"},"
                + "{\"conversationId\":\"b-2\",\"state\":\"queued\"}]}");
        assertEquals(List.of("a1", "b-2"), StaffSession.conversationIds(queue));
        assertEquals(0, queue.readerIndex(), "the frame itself is not consumed");
        assertEquals(List.of(), StaffSession.conversationIds(frame("{\"type\":\"queue\",\"items\":[]}")));
    }

    @Test
    void quotesWhatItWrites() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", WsSession.quote("a\"b\\c\n"));
    }

    @Test
    void theProbeKeepsTheFirstFrameAfterTheTriggerPerSocket() {
        FanoutProbe probe = new FanoutProbe(4);
        long t = 1_000_000_000L;
        probe.arm(t);
        probe.arrived(0, t - 5, frame("{\"type\":\"queue\",\"items\":[]}")); // before the trigger: not ours
        for (int i = 0; i < 4; i++) {
            probe.arrived(i, t + (i + 1) * 1_000_000L, frame("{\"type\":\"queue\",\"items\":[1]}"));
        }
        probe.arrived(3, t + 99_000_000L, frame("{\"type\":\"queue\",\"items\":[2]}")); // a second frame: ignored
        FanoutProbe.Repetition r = probe.result(t);
        assertEquals(4, r.received());
        assertEquals(1_000_000L, r.nth(1));
        assertEquals(2_000_000L, r.percentile(50));
        assertEquals(4_000_000L, r.percentile(99));
        assertEquals(4_000_000L, r.nth(r.received()));
        assertEquals(1, r.distinctFrames());
    }

    @Test
    void theSiteFolderHasBenchOnlyHashesAtTheHubsFloorAndTheDemosKnowledge(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("hub.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String file : List.of("catalog.json", "faq.json")) {
                zip.putNextEntry(new ZipEntry("demo/site/" + file));
                zip.write(("{\"from\":\"" + file + "\"}").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Path site = BenchSite.write(dir.resolve("site"), jar, 3, 0);
        var staff = Results.JSON.readTree(site.resolve("staff.json").toFile()).path("staff");
        assertEquals(4, staff.size(), "three agents and the admin");
        assertEquals("agent-0001", staff.get(0).path("id").asText());
        assertEquals(0, staff.get(0).path("maxChats").asInt());
        assertEquals("admin", staff.get(3).path("role").asText());
        String[] hash = staff.get(0).path("passwordHash").asText().split("\\$");
        assertEquals("pbkdf2-sha256", hash[0]);
        assertEquals(BenchSite.ITERATIONS, Integer.parseInt(hash[1]));
        PBEKeySpec spec = new PBEKeySpec(BenchSite.PASSWORD.toCharArray(), Base64.getDecoder().decode(hash[2]), 10_000, 256);
        assertArrayEquals(Base64.getDecoder().decode(hash[3]),
                SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        assertTrue(Files.readString(site.resolve("catalog.json")).contains("catalog.json"));
        var config = Results.JSON.readTree(site.resolve("site.json").toFile());
        assertEquals(BenchSite.SITE_ID, config.path("id").asText());
        assertTrue(config.path("businessHours").isMissingNode(), "always open: hand-overs never wait for the morning");
    }

    @Test
    void readsTheQueueCountersFromPrometheusText() {
        String text = "# HELP causette_frames_out_total WebSocket frames sent\n"
                + "causette_frames_out_total{type=\"queue\"} 42.0\ncausette_frames_out_total{type=\"queued\"} 7.0\n";
        assertEquals(42.0, StaffBench.metric(text, StaffBench.QUEUE_WRITTEN, -1));
        assertEquals(-1.0, StaffBench.metric(text, StaffBench.QUEUE_ENCODED, -1), "absent: no encode counter");
    }
}
