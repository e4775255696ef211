package org.causette.server.wire;

import org.causette.bot.Card;
import org.causette.bot.CardButton;
import org.causette.bot.QuickReply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The streaming writer must produce databind's bytes exactly, for every hot frame type and every odd value. */
class HotFrameWriterTest {
    /** Quotes, backslashes, control characters, accents, emoji, a lone surrogate, HTML: everything escaping touches. */
    private static final List<String> TEXTS = Arrays.asList(null, "", "How much is delivery?",
            "Combien coûte le fauteuil « Oslo » ?", "quote \" backslash \\ slash / tab \t nl \n cr \r nul \u0000 \u001f",
            "emoji 🛋️ and \uD83D lone \uDC00", "<script>alert('x')</script> & </p>", "x".repeat(4000));
    private static final List<Instant> TIMES = Arrays.asList(null, Instant.EPOCH,
            Instant.parse("2026-11-22T15:13:31Z"), Instant.parse("2026-11-22T15:13:31.100Z"),
            Instant.parse("2026-11-22T15:13:31.123456Z"), Instant.parse("2026-11-22T15:13:31.000001Z"),
            Instant.parse("2026-11-22T15:13:31.123456789Z"), Instant.parse("2026-11-22T15:13:31.000000001Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("+12026-01-01T00:00:00.5Z"), Instant.MIN, Instant.MAX);

    private static void assertSame(Object frame) {
        byte[] expected = Json.bytes(frame);
        byte[] actual = HotFrameWriter.encode(frame);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
        // And through EncodedFrame, which every caller uses.
        EncodedFrame encoded = EncodedFrame.of(frame, "x");
        assertEquals(Arrays.toString(expected), Arrays.toString(encoded.bytes()));
    }

    private static List<List<QuickReply>> quickReplyLists() {
        return Arrays.asList(null, List.of(), List.of(new QuickReply("Retours", "INTENT:returns")),
                Arrays.asList(new QuickReply(null, null), null, new QuickReply("é \"q\"", "P")));
    }

    private static List<List<Card>> cardLists() {
        Card plain = new Card("OSLO", "Fauteuil Oslo", "Chêne massif", "349,00 €", "https://x/oslo.jpg",
                "https://x/oslo", List.of(CardButton.postback("Voir", "PRODUCT:OSLO"), CardButton.link("Site", "https://x")));
        Card sale = new Card("LUNA", "Luna", null, "€299.00", "€349.00", null, null, null);
        return Arrays.asList(null, List.of(), List.of(plain), Arrays.asList(plain, sale, null));
    }

    @Test
    void ackIsByteForByteDatabinds() {
        for (String text : TEXTS) {
            for (Instant ts : TIMES) {
                assertSame(new ServerFrames.Ack(text, "c-1", 42, "m-9", ts));
                assertSame(new ServerFrames.Ack("m1", text, Long.MAX_VALUE, text, ts));
            }
        }
    }

    @Test
    void messagesAreByteForByteDatabinds() {
        List<ServerFrames.From> froms = Arrays.asList(null, new ServerFrames.From("bot", "Lumi"),
                new ServerFrames.From("visitor", null), new ServerFrames.From("agent", "Zoé \"Z\""));
        for (String text : TEXTS) {
            for (ServerFrames.From from : froms) {
                for (List<QuickReply> q : quickReplyLists()) {
                    for (List<Card> c : cardLists()) {
                        for (Instant ts : List.of(Instant.parse("2026-11-22T15:13:31.123456Z"), Instant.EPOCH)) {
                            assertSame(new ServerFrames.Message("conv", 7, "id", from, text, q, c, ts));
                            assertSame(new ServerFrames.StaffMessage("conv", 7, "id", from, text, q, c, true, ts));
                            assertSame(new ServerFrames.StaffMessage(null, 0, null, from, text, q, c, false, null));
                        }
                    }
                }
            }
        }
        assertSame(new ServerFrames.Message(null, -1, null, null, null, null, null, null));
    }

    @Test
    void stateAndTypingAreByteForByteDatabinds() {
        for (String reason : TEXTS) {
            for (Integer position : Arrays.asList(null, 0, 3, Integer.MAX_VALUE)) {
                for (ServerFrames.Assignee assignee : Arrays.asList(null, new ServerFrames.Assignee("agent", "Julie"),
                        new ServerFrames.Assignee(null, reason))) {
                    for (Integer wait : Arrays.asList(null, 0, 120)) {
                        assertSame(new ServerFrames.State("conv", "queued", position, assignee, reason, wait));
                        assertSame(new ServerFrames.State("conv", "queued", position, assignee, reason, wait, wait == null));
                    }
                }
            }
            assertSame(new ServerFrames.State(null, null, null, null, reason, null));
        }
        for (ServerFrames.From from : Arrays.asList(null, new ServerFrames.From("bot", "Lumi"), new ServerFrames.From(null, null))) {
            assertSame(new ServerFrames.Typing(from, true));
            assertSame(new ServerFrames.Typing(from, false));
        }
    }

    @Test
    void timestampsMatchTheJdkFormatAtEveryPrecision() {
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(TIMES.subList(1, TIMES.size()));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_000_000_000L, 253_402_300_800L + 10_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        for (Instant instant : instants) {
            assertEquals(instant.toString(), IsoInstant.format(instant));
            assertEquals(instant.toString(), IsoInstant.format(instant)); // second call: from the cache
        }
    }

    @Test
    void otherFramesAreLeftToDatabind() {
        assertNull(HotFrameWriter.encode(new ServerFrames.Error("bad_json", "no", null)));
        assertNull(HotFrameWriter.encode(ServerFrames.Pong.INSTANCE));
    }
}
