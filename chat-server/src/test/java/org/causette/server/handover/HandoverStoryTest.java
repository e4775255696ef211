package org.causette.server.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.causette.server.support.TestHub;
import org.causette.server.support.TestSites;
import org.causette.server.support.WsClient;
import org.causette.server.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.causette.server.support.WsClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One true story of the hand-over (issue 17): one message says what will happen — a person is being found, with the
 * place in line and a wait, or nobody is there, when they are back and the email form — never both, and the state
 * says whether a person could answer now ({@code teamOnline}, for the widget's header dot). In and out of hours, in
 * French and English, on the real server.
 */
class HandoverStoryTest {
    @TempDir
    Path folder;

    /** The test shop, closed now (open only the day after tomorrow in Paris) when {@code closed}, else always open. */
    private Path shop(boolean closed) throws Exception {
        Path site = folder.resolve(closed ? "closed" : "open");
        Files.createDirectories(site);
        try (Stream<Path> files = Files.list(TestSites.testShop())) {
            for (Path file : files.toList()) {
                Files.copy(file, site.resolve(file.getFileName()));
            }
        }
        if (closed) {
            DayOfWeek openDay = ZonedDateTime.now(ZoneId.of("Europe/Paris")).getDayOfWeek().plus(2);
            ObjectNode config = (ObjectNode) Json.MAPPER.readTree(site.resolve("site.json").toFile());
            config.putObject("businessHours").put(openDay.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                    .toLowerCase(Locale.ROOT).substring(0, 3), "09:00-18:00");
            Files.writeString(site.resolve("site.json"), config.toString());
        }
        return site;
    }

    private static WsClient visitor(TestHub hub, String locale) throws Exception {
        WsClient client = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
        client.hello(frame("hello").put("locale", locale).put("lastSeq", 0));
        return client;
    }

    /** Everything the shopper is told after asking for a person, up to the queued state (that frame last). */
    private static List<JsonNode> askAndListen(WsClient visitor, String ask) throws Exception {
        visitor.send(frame("message").put("clientId", "h1").put("text", ask).put("payload", "INTENT:human_request"));
        List<JsonNode> told = new ArrayList<>();
        JsonNode f;
        do {
            f = visitor.next();
            told.add(f);
        } while (!(f.path("type").asText().equals("state") && f.path("state").asText().equals("queued")));
        return told;
    }

    private static List<JsonNode> spoken(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.path("type").asText().equals("message")
                && !f.path("from").path("role").asText().equals("visitor")).toList();
    }

    @Test
    void someoneOnlineInHoursTheShopperHearsOnlyThatAPersonIsBeingFound() throws Exception {
        try (TestHub hub = TestHub.start(shop(false)); TestHub.Staff anna = hub.staff("anna"); WsClient visitor = visitor(hub, "fr-FR")) {
            List<JsonNode> told = askAndListen(visitor, "Je veux parler à quelqu'un");
            List<JsonNode> said = spoken(told);
            assertEquals(1, said.size(), "one message tells what happens: " + said);
            String text = said.get(0).path("text").asText();
            assertTrue(text.startsWith("Je vous mets en relation avec une personne de l'équipe. Vous êtes le prochain, environ"), text);
            assertTrue(said.get(0).path("quickReplies").isEmpty(), "no email form while a person is coming");
            JsonNode state = told.get(told.size() - 1);
            assertEquals(1, state.path("queuePosition").asInt());
            assertTrue(state.path("estimatedWaitSeconds").asInt() > 0);
            assertTrue(state.path("teamOnline").asBoolean(), state.toString());
            HandoverTest.nextMessageSaying(visitor, "system", "Anna, de l'équipe, a rejoint la conversation.");
        }
    }

    @Test
    void someoneOnlineOutOfHoursIsStillAPersonBeingFoundNotAnAbsentTeam() throws Exception {
        try (TestHub hub = TestHub.start(shop(true)); TestHub.Staff anna = hub.staff("anna"); WsClient visitor = visitor(hub, "en-GB")) {
            List<JsonNode> said = spoken(askAndListen(visitor, "I want to talk to someone"));
            assertEquals(1, said.size(), said.toString());
            String text = said.get(0).path("text").asText();
            assertTrue(text.startsWith("I'm connecting you with someone from the team. You're next, about"), text);
            assertFalse(text.contains("away"), text);
            JsonNode joined = HandoverTest.nextMessageFrom(visitor, "system");
            assertEquals("Anna from the team has joined the conversation.", joined.path("text").asText());
        }
    }

    @Test
    void nobodyOnlineOutOfHoursTheShopperHearsWhenTheyAreBackAndGetsTheEmailForm() throws Exception {
        DayOfWeek openDay = ZonedDateTime.now(ZoneId.of("Europe/Paris")).getDayOfWeek().plus(2);
        try (TestHub hub = TestHub.start(shop(true))) {
            try (WsClient visitor = visitor(hub, "fr-FR")) {
                List<JsonNode> told = askAndListen(visitor, "Je veux parler à quelqu'un");
                List<JsonNode> said = spoken(told);
                assertEquals(1, said.size(), said.toString());
                String text = said.get(0).path("text").asText();
                assertTrue(text.contains("Notre équipe est absente pour le moment ; elle sera de retour "
                        + openDay.getDisplayName(TextStyle.FULL, Locale.FRENCH) + " à 09h00."), text);
                assertFalse(text.contains("mets en relation"), text);
                assertTrue(said.get(0).path("quickReplies").toString().contains("LEAVE_EMAIL"));
                JsonNode state = told.get(told.size() - 1);
                assertEquals(1, state.path("queuePosition").asInt(), "CONTRACT §4.2: the place in line, always");
                assertTrue(state.path("estimatedWaitSeconds").isMissingNode(), "no wait guessed for a line nobody serves: " + state);
                assertFalse(state.path("teamOnline").asBoolean(true), state.toString());
            }
            try (WsClient visitor = visitor(hub, "en-GB")) {
                String text = spoken(askAndListen(visitor, "I want to talk to someone")).get(0).path("text").asText();
                assertTrue(text.startsWith("Our team is away right now and will be back on "
                        + openDay.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " at 9:00 AM."), text);
            }
        }
    }

    @Test
    void nobodyOnlineInHoursTheShopperIsToldSoWithTheEmailForm() throws Exception {
        try (TestHub hub = TestHub.start(shop(false))) {
            try (WsClient visitor = visitor(hub, "fr-FR")) {
                List<JsonNode> said = spoken(askAndListen(visitor, "Je veux parler à quelqu'un"));
                assertEquals(1, said.size(), said.toString());
                assertTrue(said.get(0).path("text").asText().startsWith("Personne de l'équipe n'est en ligne pour le moment."),
                        said.get(0).path("text").asText());
                assertTrue(said.get(0).path("quickReplies").toString().contains("LEAVE_EMAIL"));
            }
            try (WsClient visitor = visitor(hub, "en-GB")) {
                List<JsonNode> said = spoken(askAndListen(visitor, "I want to talk to someone"));
                assertTrue(said.get(0).path("text").asText().startsWith("Nobody from the team is online right now."),
                        said.get(0).path("text").asText());
            }
        }
    }

    @Test
    void theWelcomeSaysWhetherAPersonCouldAnswerNow() throws Exception {
        try (TestHub hub = TestHub.start(shop(false))) {
            WsClient alone = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
            assertFalse(alone.hello(frame("hello").put("locale", "fr-FR")).path("teamOnline").asBoolean(true));
            alone.close();
            try (TestHub.Staff zoe = hub.staff("zoe")) {
                WsClient french = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
                assertFalse(french.hello(frame("hello").put("locale", "fr-FR")).path("teamOnline").asBoolean(true),
                        "Zoe speaks English only");
                french.close();
                WsClient english = WsClient.visitor(hub.port(), TestHub.SITE, TestSites.ALLOWED_ORIGIN);
                assertTrue(english.hello(frame("hello").put("locale", "en-GB")).path("teamOnline").asBoolean());
                english.close();
            }
        }
    }
}
